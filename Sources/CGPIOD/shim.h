#ifndef SNAPCUE_CGPIOD_SHIM_H
#define SNAPCUE_CGPIOD_SHIM_H
#include <gpiod.h>
#endif
