#ifndef RKIT_PROCESS_SHIMS_H
#define RKIT_PROCESS_SHIMS_H
/* prctl(2) is variadic in glibc, so Swift cannot call it directly. */
int rkit_disable_dumping(void);
/* CPUs in this process's affinity mask (sched_getaffinity needs _GNU_SOURCE); 0 if unknown. */
int rkit_available_cpus(void);
/* Fatal signals (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP, SIGSYS):
   rkit's own handlers, installed after start so they replace the Swift
   runtime's backtracer (no interactive crash handler): restore the terminal
   a prompt turned echo off on, then die at once by the signal's default
   action (no core file: RLIMIT_CORE is 0). Returns 0 on success. */
int rkit_install_fatal_handlers(void);
/* A prompt turned echo off on terminal `fd`; `settings` are the ones to restore. */
#include <termios.h>
void rkit_terminal_saved(int fd, const struct termios *settings);
/* The prompt restored the terminal itself. */
void rkit_terminal_restored(void);
/* Freed heap memory is overwritten when freed (glibc M_PERTURB), so text
   that held a secret (a rendered paper, a code's groups) does not stay in
   freed chunks. Call once at start. */
int rkit_wipe_freed_memory(void);
/* The chunks glibc's per-thread cache (tcache) holds are freed without that
   overwrite: take every one back, zero it, and free it again. Call once the
   secrets are done with (before a prompt that follows them). */
void rkit_scrub_freed_memory(void);
#endif
