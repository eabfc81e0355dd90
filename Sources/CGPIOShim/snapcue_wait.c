#define _GNU_SOURCE
#include "snapcue_wait.h"
#include <time.h>

int snapcue_ppoll(struct pollfd *descriptors, nfds_t count, int64_t timeout_ns) {
    struct timespec timeout = { .tv_sec = timeout_ns / 1000000000, .tv_nsec = timeout_ns % 1000000000 };
    return ppoll(descriptors, count, &timeout, NULL);
}

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <sys/prctl.h>

int snapcue_set_timer_slack(unsigned long nanoseconds) { return prctl(PR_SET_TIMERSLACK, nanoseconds, 0, 0, 0); }

int snapcue_name_thread(const char *name) { return prctl(PR_SET_NAME, name, 0, 0, 0); }

int snapcue_keep_thread_off_cpu(int tid, int cpu) {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(tid, sizeof set, &set) != 0) return errno;
    CPU_CLR(cpu, &set);
    if (CPU_COUNT(&set) == 0) return EINVAL;
    return sched_setaffinity(tid, sizeof set, &set) == 0 ? 0 : errno;
}

int snapcue_pin_to_cpu(int cpu) {
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    return pthread_setaffinity_np(pthread_self(), sizeof set, &set);
}
