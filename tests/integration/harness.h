/*
 * harness.h - what the integration test apps (itest, htest) share: a
 * watchdog that ends a hung run, and reading the page's report.
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
 * check failed or none passed, 0 otherwise; a malformed report is rejected
 * (bad_args). */
void harness_report(sash_call *call, const json_t *args, void *ud);

#endif
