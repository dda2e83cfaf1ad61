/*
 * harness.h - what the integration test apps (itest, htest) share: a
 * watchdog that ends a hung run, and printing the page's report lines.
 */
#ifndef SASH_TEST_HARNESS_H
#define SASH_TEST_HARNESS_H

#include <jansson.h>

/* Ends the process with status 3 after `seconds`, naming `prog`. */
void harness_watchdog(const char *prog, unsigned seconds);

/* Prints each string of `lines` (the page's PASS/FAIL/NOTE lines). */
void harness_print_lines(const json_t *lines);

#endif
