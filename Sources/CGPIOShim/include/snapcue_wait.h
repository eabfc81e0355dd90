#ifndef SNAPCUE_WAIT_H
#define SNAPCUE_WAIT_H
#include <poll.h>
#include <stdint.h>

/* ppoll(2) with a nanosecond timeout (ppoll needs _GNU_SOURCE, which Swift's
   Glibc module does not define). Returns what ppoll returns; errno as set. */
int snapcue_ppoll(struct pollfd *descriptors, nfds_t count, int64_t timeout_ns);
#endif

#ifndef SNAPCUE_THREAD_H
#define SNAPCUE_THREAD_H
/* prctl(PR_SET_TIMERSLACK) for the calling thread (prctl is variadic). 0 or -1/errno. */
int snapcue_set_timer_slack(unsigned long nanoseconds);
/* Pins the calling thread to one CPU (CPU_SET is a macro). 0 or an errno value. */
int snapcue_pin_to_cpu(int cpu);
/* Names the calling thread (prctl(PR_SET_NAME); the kernel keeps 15 bytes). 0 or -1/errno. */
int snapcue_name_thread(const char *name);
/* Removes `cpu` from thread `tid`'s affinity (EINVAL if no CPU would be left); 0 or an errno. */
int snapcue_keep_thread_off_cpu(int tid, int cpu);
#endif
