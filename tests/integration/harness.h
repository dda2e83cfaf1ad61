/*
 * harness.h - what the integration test apps (itest, htest) share: a
 * watchdog that ends a hung run, and reading the page's report.
 */
#ifndef SASH_TEST_HARNESS_H
#define SASH_TEST_HARNESS_H

#include <jansson.h>

/* Ends the process with status 3 after `seconds`, naming `prog`. */
void harness_watchdog(const char *prog, unsigned seconds);

/* Reads the page's report {passed, failed, lines} and prints its
 * PASS/FAIL/NOTE lines.  0, or -1 if the report is malformed. */
int harness_read_report(const json_t *report, json_int_t *passed,
                        json_int_t *failed);

#endif
