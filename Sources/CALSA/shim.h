#ifndef SNAPCUE_CALSA_SHIM_H
#define SNAPCUE_CALSA_SHIM_H
#include <alsa/asoundlib.h>

/* libasound prints its own diagnostics to stderr (over a full-screen display).
   Snapcue reports every failure from the return codes instead, so it installs
   this handler, which prints nothing. A C variadic function cannot be written
   in Swift, hence this shim. */
static void snapcue_alsa_quiet_error_handler(const char *file, int line, const char *function, int err,
                                             const char *fmt, ...) {
    (void)file; (void)line; (void)function; (void)err; (void)fmt;
}

static inline void snapcue_alsa_silence_library_errors(void) {
    snd_lib_error_set_handler(snapcue_alsa_quiet_error_handler);
}
#endif
