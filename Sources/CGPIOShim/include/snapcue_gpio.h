/* One small C interface over libgpiod 1.x (Raspberry Pi OS bookworm, Debian 12)
   and libgpiod 2.x (trixie). The implementation picks the API of the <gpiod.h>
   it is compiled against, so Swift code sees only these functions.
   Every function that can fail returns -1 (or NULL) and leaves errno set. */
#ifndef SNAPCUE_GPIO_H
#define SNAPCUE_GPIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct snapcue_gpio_chip snapcue_gpio_chip;
typedef struct snapcue_gpio_line snapcue_gpio_line;
typedef struct snapcue_gpio_group snapcue_gpio_group;

/* The most lines one output group holds (an RGB or RGBW pad). */
#define SNAPCUE_GPIO_GROUP_MAX 8

enum snapcue_gpio_bias {
    SNAPCUE_GPIO_BIAS_AS_IS = 0,
    SNAPCUE_GPIO_BIAS_DISABLED = 1,
    SNAPCUE_GPIO_BIAS_PULL_UP = 2,
    SNAPCUE_GPIO_BIAS_PULL_DOWN = 3,
};

/* One edge event: the kernel's CLOCK_MONOTONIC timestamp and the edge it
   reported (1 = to active, 0 = to inactive; logical, active-low applied). */
typedef struct {
    uint64_t timestamp_ns;
    int to_active;
    /* The line's event sequence number (libgpiod 2.x), 0 when unknown (1.x).
       A gap means the kernel dropped events. */
    unsigned long line_seqno;
} snapcue_gpio_event;

/* The libgpiod major version this build uses (1 or 2), and its version text. */
int snapcue_gpio_api_major(void);
const char *snapcue_gpio_api_version(void);

/* Opens the chip device at `path` (e.g. /dev/gpiochip0). */
snapcue_gpio_chip *snapcue_gpio_chip_open(const char *path);
void snapcue_gpio_chip_close(snapcue_gpio_chip *chip);
/* The chip's name, label and number of lines. */
int snapcue_gpio_chip_info(snapcue_gpio_chip *chip, char *name, size_t name_size, char *label, size_t label_size,
                           unsigned *num_lines);
/* A line's name and consumer ("" when none), whether it is in use and an output. */
int snapcue_gpio_line_info(snapcue_gpio_chip *chip, unsigned offset, char *name, size_t name_size, char *consumer,
                           size_t consumer_size, bool *used, bool *is_output);
/* The offset of the line named `name` on this chip, or -1 (errno ENOENT). */
int snapcue_gpio_find_line(snapcue_gpio_chip *chip, const char *name);

/* Requests one line as an output, set to `initial` (logical). */
snapcue_gpio_line *snapcue_gpio_request_output(snapcue_gpio_chip *chip, unsigned offset, bool active_low, int initial,
                                               const char *consumer);
/* Requests one line as an input with both-edge events on CLOCK_MONOTONIC. */
snapcue_gpio_line *snapcue_gpio_request_input(snapcue_gpio_chip *chip, unsigned offset, bool active_low, int bias,
                                              const char *consumer);
void snapcue_gpio_release(snapcue_gpio_line *line);
/* Sets an output (logical value). */
int snapcue_gpio_set(snapcue_gpio_line *line, int value);
/* Reads a line's logical value (0 or 1), or -1. */
int snapcue_gpio_get(snapcue_gpio_line *line);
/* The file descriptor that becomes readable when events are waiting. */
int snapcue_gpio_event_fd(snapcue_gpio_line *line);
/* Reads up to `max` waiting events (the fd must be readable). Returns the count, or -1. */
int snapcue_gpio_read_events(snapcue_gpio_line *line, snapcue_gpio_event *events, unsigned max);

/* Requests `count` lines of one chip (at most SNAPCUE_GPIO_GROUP_MAX) as outputs in one request, all
   inactive: an RGB pad's colour lines, which one set call changes together. errno EINVAL for a bad count. */
snapcue_gpio_group *snapcue_gpio_request_output_group(snapcue_gpio_chip *chip, const unsigned *offsets, unsigned count,
                                                      bool active_low, const char *consumer);
void snapcue_gpio_group_release(snapcue_gpio_group *group);
/* Sets every line of the group in one call: `values[i]` (logical 0 or 1) for the i-th offset requested. */
int snapcue_gpio_group_set(snapcue_gpio_group *group, const int *values);

#endif
