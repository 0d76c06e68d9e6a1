#ifndef RKIT_PROCESS_SHIMS_H
#define RKIT_PROCESS_SHIMS_H
/* prctl(2) is variadic in glibc, so Swift cannot call it directly. */
int rkit_disable_dumping(void);
/* CPUs in this process's affinity mask (sched_getaffinity needs _GNU_SOURCE); 0 if unknown. */
int rkit_available_cpus(void);
#endif
