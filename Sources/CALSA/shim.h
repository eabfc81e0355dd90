#ifndef SNAPCUE_CALSA_SHIM_H
#define SNAPCUE_CALSA_SHIM_H
#include <alsa/asoundlib.h>
#endif
