/* Umbrella header of the CGPIOShim module. */
#include "snapcue_gpio.h"
#include "snapcue_wait.h"
