/*
 * harness.h - what the integration test apps (itest, htest, ...) share: a
 * watchdog that ends a hung run, reading the page's report, checks, page
 * results, and a loopback HTTP listener.
 */
#ifndef SASH_TEST_HARNESS_H
#define SASH_TEST_HARNESS_H

#include <jansson.h>
#include <sash.h>

/* Ends the process with status 3 after `seconds`, naming `prog`. */
void harness_watchdog(const char *prog, unsigned seconds);

/* Reads the page's report {passed, failed, lines} and prints its
 * PASS/FAIL/NOTE lines.  0, or -1 if the report is malformed. */
int harness_read_report(const json_t *report, json_int_t *passed,
                        json_int_t *failed);

/* The page's __report command (a sash_command_fn, UI thread): reads the
 * report, prints "N passed, M failed" and quits the app with status 1 if a
 * check failed or none passed, 0 otherwise (with HARNESS_HOLD=1 set, the
 * app stays up instead, for a screenshot); a malformed report is rejected
 * (bad_args). */
void harness_report(sash_call *call, const json_t *args, void *ud);

/* A check of a test app: prints PASS and the condition, or FAIL, where,
 * the condition and the printf-style message; counts failures in the
 * app's own `failures` (an int). */
#define HARNESS_CHECK(cond, ...)                                             \
    do {                                                                     \
        if (cond) {                                                          \
            printf("  PASS %s\n", #cond);                                    \
        } else {                                                             \
            printf("  FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond);         \
            printf(__VA_ARGS__);                                             \
            printf("\n");                                                    \
            failures++;                                                      \
        }                                                                    \
    } while (0)

/* Replaces *slot (json_decref) with a deep copy of p. */
void harness_keep(json_t **slot, const json_t *p);

/* A listener (sash_listen, ud: a JSON object) for the page's results
 * {what, ...}: each is kept under its "what". */
void harness_keep_result(sash_app *app, const char *label, const char *name,
                         const json_t *p, void *results);

/* A TCP listener on 127.0.0.1 at a free port (written to *port): its
 * socket, or -1. */
int harness_listen(int *port);

/* Reads an HTTP request's head from fd (up to 8 KB) and writes its path
 * (query included, cut to size - 1 bytes; "/" if none could be read) to
 * path[size]. */
void harness_read_path(int fd, char *path, size_t size);

/* Writes all n bytes to fd (until an error). */
void harness_send_all(int fd, const void *data, size_t n);

#endif
