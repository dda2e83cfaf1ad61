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

void harness_report(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    json_int_t passed, failed;
    if (harness_read_report(args, &passed, &failed) != 0) {
        sash_reject(call, SASH_CODE_BAD_ARGS, "bad report");
        return;
    }
    printf("%lld passed, %lld failed\n", (long long)passed, (long long)failed);
    fflush(stdout);
    sash_resolve(call, NULL);
    sash_app_quit(sash_call_app(call), failed || !passed ? 1 : 0);
}
