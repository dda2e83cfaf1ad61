/*
 * harness.c - see harness.h.
 */
#define _DEFAULT_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

#include "harness.h"

static const char *watched;
static unsigned limit;

static void *watchdog(void *arg)
{
    (void)arg;
    sleep(limit);
    fprintf(stderr, "%s: TIMEOUT after %u s\n", watched, limit);
    _exit(3);
}

void harness_watchdog(const char *prog, unsigned seconds)
{
    pthread_t t;
    watched = prog;
    limit = seconds;
    if (pthread_create(&t, NULL, watchdog, NULL) == 0)
        pthread_detach(t);
}

int harness_read_report(const json_t *report, json_int_t *passed,
                        json_int_t *failed)
{
    json_t *lines = NULL;
    *passed = *failed = 0;
    if (json_unpack((json_t *)report, "{s:I,s:I,s:o}", "passed", passed,
                    "failed", failed, "lines", &lines) != 0)
        return -1;
    size_t i;
    json_t *line;
    json_array_foreach(lines, i, line)
        printf("  %s\n", json_string_value(line));
    return 0;
}
