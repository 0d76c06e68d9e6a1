#define _GNU_SOURCE
#include "process_shims.h"
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sched.h>

/* No core file, and no ptrace attach or /proc/PID/mem reads by other
   processes of the same user: a crash or a debugger cannot copy a secret. */
int rkit_disable_dumping(void) {
    struct rlimit none = {0, 0};
    int a = setrlimit(RLIMIT_CORE, &none);
    int b = prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    return (a == 0 && b == 0) ? 0 : -1;
}

/* So `taskset -c 0` means one worker, not the machine's CPU count. */
int rkit_available_cpus(void) {
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) != 0) return 0;
    return CPU_COUNT(&set);
}
