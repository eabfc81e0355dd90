/* libgpiod 1.x and 2.x behind the interface in include/snapcue_gpio.h. */
#define _GNU_SOURCE
#include "snapcue_gpio.h"

#include <errno.h>
#include <gpiod.h>
#include <stdlib.h>
#include <string.h>

static void copy_text(char *destination, size_t size, const char *source) {
    if (size == 0) return;
    if (!source) source = "";
    strncpy(destination, source, size - 1);
    destination[size - 1] = '\0';
}

/* A chip is opened and closed the same way in libgpiod 1.x and 2.x. */
struct snapcue_gpio_chip { struct gpiod_chip *chip; };

snapcue_gpio_chip *snapcue_gpio_chip_open(const char *path) {
    struct gpiod_chip *chip = gpiod_chip_open(path);
    if (!chip) return NULL;
    snapcue_gpio_chip *wrapper = calloc(1, sizeof *wrapper);
    if (!wrapper) { gpiod_chip_close(chip); errno = ENOMEM; return NULL; }
    wrapper->chip = chip;
    return wrapper;
}

void snapcue_gpio_chip_close(snapcue_gpio_chip *chip) {
    if (!chip) return;
    gpiod_chip_close(chip->chip);
    free(chip);
}

#ifdef GPIOD_LINE_BULK_MAX_LINES
/* ------------------------------------------------------------ libgpiod 1.x */

struct snapcue_gpio_line { struct gpiod_line *line; };

int snapcue_gpio_api_major(void) { return 1; }
const char *snapcue_gpio_api_version(void) { return gpiod_version_string(); }

int snapcue_gpio_chip_info(snapcue_gpio_chip *chip, char *name, size_t name_size, char *label, size_t label_size,
                           unsigned *num_lines) {
    copy_text(name, name_size, gpiod_chip_name(chip->chip));
    copy_text(label, label_size, gpiod_chip_label(chip->chip));
    *num_lines = gpiod_chip_num_lines(chip->chip);
    return 0;
}

int snapcue_gpio_line_info(snapcue_gpio_chip *chip, unsigned offset, char *name, size_t name_size, char *consumer,
                           size_t consumer_size, bool *used, bool *is_output) {
    struct gpiod_line *line = gpiod_chip_get_line(chip->chip, offset);
    if (!line) return -1;
    if (gpiod_line_update(line) < 0) return -1;
    copy_text(name, name_size, gpiod_line_name(line));
    copy_text(consumer, consumer_size, gpiod_line_consumer(line));
    *used = gpiod_line_is_used(line);
    *is_output = gpiod_line_direction(line) == GPIOD_LINE_DIRECTION_OUTPUT;
    return 0;
}

int snapcue_gpio_find_line(snapcue_gpio_chip *chip, const char *name) {
    struct gpiod_line *line = gpiod_chip_find_line(chip->chip, name);
    if (!line) { if (errno == 0) errno = ENOENT; return -1; }
    return (int)gpiod_line_offset(line);
}

static snapcue_gpio_line *wrap_line(struct gpiod_line *line) {
    snapcue_gpio_line *wrapper = calloc(1, sizeof *wrapper);
    if (!wrapper) { gpiod_line_release(line); errno = ENOMEM; return NULL; }
    wrapper->line = line;
    return wrapper;
}

snapcue_gpio_line *snapcue_gpio_request_output(snapcue_gpio_chip *chip, unsigned offset, bool active_low, int initial,
                                               const char *consumer) {
    struct gpiod_line *line = gpiod_chip_get_line(chip->chip, offset);
    if (!line) return NULL;
    int flags = active_low ? GPIOD_LINE_REQUEST_FLAG_ACTIVE_LOW : 0;
    if (gpiod_line_request_output_flags(line, consumer, flags, initial) < 0) return NULL;
    return wrap_line(line);
}

snapcue_gpio_line *snapcue_gpio_request_input(snapcue_gpio_chip *chip, unsigned offset, bool active_low, int bias,
                                              const char *consumer) {
    struct gpiod_line *line = gpiod_chip_get_line(chip->chip, offset);
    if (!line) return NULL;
    int flags = active_low ? GPIOD_LINE_REQUEST_FLAG_ACTIVE_LOW : 0;
    switch (bias) {
    case SNAPCUE_GPIO_BIAS_DISABLED: flags |= GPIOD_LINE_REQUEST_FLAG_BIAS_DISABLE; break;
    case SNAPCUE_GPIO_BIAS_PULL_UP: flags |= GPIOD_LINE_REQUEST_FLAG_BIAS_PULL_UP; break;
    case SNAPCUE_GPIO_BIAS_PULL_DOWN: flags |= GPIOD_LINE_REQUEST_FLAG_BIAS_PULL_DOWN; break;
    default: break;
    }
    if (gpiod_line_request_both_edges_events_flags(line, consumer, flags) < 0) return NULL;
    return wrap_line(line);
}

void snapcue_gpio_release(snapcue_gpio_line *line) {
    if (!line) return;
    gpiod_line_release(line->line);
    free(line);
}

int snapcue_gpio_set(snapcue_gpio_line *line, int value) { return gpiod_line_set_value(line->line, value); }

struct snapcue_gpio_group { struct gpiod_line_bulk bulk; };

snapcue_gpio_group *snapcue_gpio_request_output_group(snapcue_gpio_chip *chip, const unsigned *offsets, unsigned count,
                                                      bool active_low, const char *consumer) {
    if (count == 0 || count > SNAPCUE_GPIO_GROUP_MAX) { errno = EINVAL; return NULL; }
    snapcue_gpio_group *group = calloc(1, sizeof *group);
    if (!group) { errno = ENOMEM; return NULL; }
    gpiod_line_bulk_init(&group->bulk);
    for (unsigned index = 0; index < count; index++) {
        struct gpiod_line *line = gpiod_chip_get_line(chip->chip, offsets[index]);
        if (!line) { free(group); return NULL; }
        gpiod_line_bulk_add(&group->bulk, line);
    }
    int defaults[SNAPCUE_GPIO_GROUP_MAX] = {0};
    int flags = active_low ? GPIOD_LINE_REQUEST_FLAG_ACTIVE_LOW : 0;
    if (gpiod_line_request_bulk_output_flags(&group->bulk, consumer, flags, defaults) < 0) {
        int code = errno;
        free(group);
        errno = code;
        return NULL;
    }
    return group;
}

void snapcue_gpio_group_release(snapcue_gpio_group *group) {
    if (!group) return;
    gpiod_line_release_bulk(&group->bulk);
    free(group);
}

int snapcue_gpio_group_set(snapcue_gpio_group *group, const int *values) {
    return gpiod_line_set_value_bulk(&group->bulk, values);
}
int snapcue_gpio_get(snapcue_gpio_line *line) { return gpiod_line_get_value(line->line); }
int snapcue_gpio_event_fd(snapcue_gpio_line *line) { return gpiod_line_event_get_fd(line->line); }

int snapcue_gpio_read_events(snapcue_gpio_line *line, snapcue_gpio_event *events, unsigned max) {
    struct gpiod_line_event buffer[16];
    if (max > 16) max = 16;
    int count = gpiod_line_event_read_multiple(line->line, buffer, max);
    if (count < 0) return -1;
    for (int index = 0; index < count; index++) {
        events[index].timestamp_ns = (uint64_t)buffer[index].ts.tv_sec * 1000000000ull + (uint64_t)buffer[index].ts.tv_nsec;
        events[index].to_active = buffer[index].event_type == GPIOD_LINE_EVENT_RISING_EDGE;
        events[index].line_seqno = 0;
    }
    return count;
}

#else
/* ------------------------------------------------------------ libgpiod 2.x */

struct snapcue_gpio_line {
    struct gpiod_line_request *request;
    struct gpiod_edge_event_buffer *buffer;
    unsigned offset;
};

int snapcue_gpio_api_major(void) { return 2; }
const char *snapcue_gpio_api_version(void) { return gpiod_api_version(); }

int snapcue_gpio_chip_info(snapcue_gpio_chip *chip, char *name, size_t name_size, char *label, size_t label_size,
                           unsigned *num_lines) {
    struct gpiod_chip_info *info = gpiod_chip_get_info(chip->chip);
    if (!info) return -1;
    copy_text(name, name_size, gpiod_chip_info_get_name(info));
    copy_text(label, label_size, gpiod_chip_info_get_label(info));
    *num_lines = (unsigned)gpiod_chip_info_get_num_lines(info);
    gpiod_chip_info_free(info);
    return 0;
}

int snapcue_gpio_line_info(snapcue_gpio_chip *chip, unsigned offset, char *name, size_t name_size, char *consumer,
                           size_t consumer_size, bool *used, bool *is_output) {
    struct gpiod_line_info *info = gpiod_chip_get_line_info(chip->chip, offset);
    if (!info) return -1;
    copy_text(name, name_size, gpiod_line_info_get_name(info));
    copy_text(consumer, consumer_size, gpiod_line_info_get_consumer(info));
    *used = gpiod_line_info_is_used(info);
    *is_output = gpiod_line_info_get_direction(info) == GPIOD_LINE_DIRECTION_OUTPUT;
    gpiod_line_info_free(info);
    return 0;
}

int snapcue_gpio_find_line(snapcue_gpio_chip *chip, const char *name) {
    int offset = gpiod_chip_get_line_offset_from_name(chip->chip, name);
    if (offset < 0 && errno == 0) errno = ENOENT;
    return offset;
}

/* Requests `count` lines with the same settings in one request (NULL and errno on failure). */
static struct gpiod_line_request *request_lines(snapcue_gpio_chip *chip, const unsigned *offsets, unsigned count,
                                                struct gpiod_line_settings *settings, const char *consumer) {
    struct gpiod_line_request *request = NULL;
    struct gpiod_line_config *config = gpiod_line_config_new();
    struct gpiod_request_config *request_config = gpiod_request_config_new();
    if (!config || !request_config) { errno = ENOMEM; goto done; }
    if (gpiod_line_config_add_line_settings(config, offsets, count, settings) < 0) goto done;
    gpiod_request_config_set_consumer(request_config, consumer);
    request = gpiod_chip_request_lines(chip->chip, request_config, config);
done:
    if (config) gpiod_line_config_free(config);
    if (request_config) gpiod_request_config_free(request_config);
    return request;
}

static snapcue_gpio_line *request_line(snapcue_gpio_chip *chip, unsigned offset, struct gpiod_line_settings *settings,
                                       const char *consumer, bool events) {
    snapcue_gpio_line *result = NULL;
    struct gpiod_line_request *request = request_lines(chip, &offset, 1, settings, consumer);
    if (!request) return NULL;
    result = calloc(1, sizeof *result);
    if (!result) { gpiod_line_request_release(request); errno = ENOMEM; return NULL; }
    result->request = request;
    result->offset = offset;
    if (events) {
        result->buffer = gpiod_edge_event_buffer_new(16);
        if (!result->buffer) { gpiod_line_request_release(request); free(result); result = NULL; errno = ENOMEM; }
    }
    return result;
}

snapcue_gpio_line *snapcue_gpio_request_output(snapcue_gpio_chip *chip, unsigned offset, bool active_low, int initial,
                                               const char *consumer) {
    struct gpiod_line_settings *settings = gpiod_line_settings_new();
    if (!settings) { errno = ENOMEM; return NULL; }
    gpiod_line_settings_set_direction(settings, GPIOD_LINE_DIRECTION_OUTPUT);
    gpiod_line_settings_set_active_low(settings, active_low);
    gpiod_line_settings_set_output_value(settings, initial ? GPIOD_LINE_VALUE_ACTIVE : GPIOD_LINE_VALUE_INACTIVE);
    snapcue_gpio_line *line = request_line(chip, offset, settings, consumer, false);
    gpiod_line_settings_free(settings);
    return line;
}

snapcue_gpio_line *snapcue_gpio_request_input(snapcue_gpio_chip *chip, unsigned offset, bool active_low, int bias,
                                              const char *consumer) {
    struct gpiod_line_settings *settings = gpiod_line_settings_new();
    if (!settings) { errno = ENOMEM; return NULL; }
    gpiod_line_settings_set_direction(settings, GPIOD_LINE_DIRECTION_INPUT);
    gpiod_line_settings_set_edge_detection(settings, GPIOD_LINE_EDGE_BOTH);
    gpiod_line_settings_set_event_clock(settings, GPIOD_LINE_CLOCK_MONOTONIC);
    gpiod_line_settings_set_active_low(settings, active_low);
    switch (bias) {
    case SNAPCUE_GPIO_BIAS_DISABLED: gpiod_line_settings_set_bias(settings, GPIOD_LINE_BIAS_DISABLED); break;
    case SNAPCUE_GPIO_BIAS_PULL_UP: gpiod_line_settings_set_bias(settings, GPIOD_LINE_BIAS_PULL_UP); break;
    case SNAPCUE_GPIO_BIAS_PULL_DOWN: gpiod_line_settings_set_bias(settings, GPIOD_LINE_BIAS_PULL_DOWN); break;
    default: break;
    }
    snapcue_gpio_line *line = request_line(chip, offset, settings, consumer, true);
    gpiod_line_settings_free(settings);
    return line;
}

void snapcue_gpio_release(snapcue_gpio_line *line) {
    if (!line) return;
    if (line->buffer) gpiod_edge_event_buffer_free(line->buffer);
    gpiod_line_request_release(line->request);
    free(line);
}

int snapcue_gpio_set(snapcue_gpio_line *line, int value) {
    return gpiod_line_request_set_value(line->request, line->offset,
                                        value ? GPIOD_LINE_VALUE_ACTIVE : GPIOD_LINE_VALUE_INACTIVE);
}

struct snapcue_gpio_group {
    struct gpiod_line_request *request;
    unsigned count;
    unsigned offsets[SNAPCUE_GPIO_GROUP_MAX];
};

snapcue_gpio_group *snapcue_gpio_request_output_group(snapcue_gpio_chip *chip, const unsigned *offsets, unsigned count,
                                                      bool active_low, const char *consumer) {
    if (count == 0 || count > SNAPCUE_GPIO_GROUP_MAX) { errno = EINVAL; return NULL; }
    struct gpiod_line_settings *settings = gpiod_line_settings_new();
    if (!settings) { errno = ENOMEM; return NULL; }
    gpiod_line_settings_set_direction(settings, GPIOD_LINE_DIRECTION_OUTPUT);
    gpiod_line_settings_set_active_low(settings, active_low);
    gpiod_line_settings_set_output_value(settings, GPIOD_LINE_VALUE_INACTIVE);
    struct gpiod_line_request *request = request_lines(chip, offsets, count, settings, consumer);
    gpiod_line_settings_free(settings);
    if (!request) return NULL;
    snapcue_gpio_group *group = calloc(1, sizeof *group);
    if (!group) { gpiod_line_request_release(request); errno = ENOMEM; return NULL; }
    group->request = request;
    group->count = count;
    memcpy(group->offsets, offsets, count * sizeof *offsets);
    return group;
}

void snapcue_gpio_group_release(snapcue_gpio_group *group) {
    if (!group) return;
    gpiod_line_request_release(group->request);
    free(group);
}

int snapcue_gpio_group_set(snapcue_gpio_group *group, const int *values) {
    enum gpiod_line_value levels[SNAPCUE_GPIO_GROUP_MAX];
    for (unsigned index = 0; index < group->count; index++) {
        levels[index] = values[index] ? GPIOD_LINE_VALUE_ACTIVE : GPIOD_LINE_VALUE_INACTIVE;
    }
    /* The subset form names each offset, so the values' order is ours, not the request's. */
    return gpiod_line_request_set_values_subset(group->request, group->count, group->offsets, levels);
}

int snapcue_gpio_get(snapcue_gpio_line *line) {
    enum gpiod_line_value value = gpiod_line_request_get_value(line->request, line->offset);
    if (value == GPIOD_LINE_VALUE_ERROR) return -1;
    return value == GPIOD_LINE_VALUE_ACTIVE ? 1 : 0;
}

int snapcue_gpio_event_fd(snapcue_gpio_line *line) { return gpiod_line_request_get_fd(line->request); }

int snapcue_gpio_read_events(snapcue_gpio_line *line, snapcue_gpio_event *events, unsigned max) {
    if (max > 16) max = 16;
    int count = gpiod_line_request_read_edge_events(line->request, line->buffer, max);
    if (count < 0) return -1;
    for (int index = 0; index < count; index++) {
        struct gpiod_edge_event *event = gpiod_edge_event_buffer_get_event(line->buffer, (unsigned long)index);
        events[index].timestamp_ns = gpiod_edge_event_get_timestamp_ns(event);
        events[index].to_active = gpiod_edge_event_get_event_type(event) == GPIOD_EDGE_EVENT_RISING_EDGE;
        events[index].line_seqno = gpiod_edge_event_get_line_seqno(event);
    }
    return count;
}
#endif
