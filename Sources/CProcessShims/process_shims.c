#define _GNU_SOURCE
#include "process_shims.h"
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sched.h>
#include <malloc.h>
#include <pthread.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static volatile sig_atomic_t saved_fd = -1;
static struct termios saved_settings;
static char alternate_stack[64 * 1024];

void rkit_terminal_saved(int fd, const struct termios *settings) {
    saved_settings = *settings;
    saved_fd = fd;
}

void rkit_terminal_restored(void) { saved_fd = -1; }

/* Async-signal-safe only: tcsetattr, signal, raise, _exit. */
static void fatal_signal(int number) {
    if (saved_fd >= 0) {
        (void)tcsetattr(saved_fd, TCSANOW, &saved_settings);
        (void)write(saved_fd, "\n", 1);
    }
    signal(number, SIG_DFL);
    raise(number);
    _exit(128 + number);
}

int rkit_install_fatal_handlers(void) {
    /* Its own stack, so a stack overflow's SIGSEGV still runs the handler. */
    stack_t stack;
    memset(&stack, 0, sizeof stack);
    stack.ss_sp = alternate_stack;
    stack.ss_size = sizeof alternate_stack;
    int result = sigaltstack(&stack, NULL);
    static const int fatal[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP, SIGSYS};
    for (unsigned i = 0; i < sizeof fatal / sizeof fatal[0]; i++) {
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_handler = fatal_signal;
        action.sa_flags = SA_ONSTACK | SA_NODEFER | SA_RESETHAND;
        sigemptyset(&action.sa_mask);
        if (sigaction(fatal[i], &action, NULL) != 0) result = -1;
        /* A parent may have blocked it; a fatal signal must not wait. */
        sigset_t one;
        sigemptyset(&one);
        sigaddset(&one, fatal[i]);
        pthread_sigmask(SIG_UNBLOCK, &one, NULL);
    }
    return result;
}

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

int rkit_wipe_freed_memory(void) {
    return mallopt(M_PERTURB, 0xA5) == 1 ? 0 : -1;
}

void rkit_scrub_freed_memory(void) {
    /* glibc's tcache: 64 size classes of 16 bytes (requests up to 1032),
       at most 7 chunks each by default; 16 per class takes them all. */
    enum { CLASSES = 64, EACH = 16 };
    void *held[CLASSES * EACH];
    int count = 0;
    for (int class = 0; class < CLASSES; class++) {
        size_t size = 24 + 16 * (size_t)class;
        for (int i = 0; i < EACH; i++) {
            void *chunk = malloc(size);
            if (chunk == NULL) break;
            memset(chunk, 0, malloc_usable_size(chunk));
            held[count++] = chunk;
        }
    }
    for (int i = 0; i < count; i++) free(held[i]);
    malloc_trim(0);
}
