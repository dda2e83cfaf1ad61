/*
 * bench_query.h - reads the parameters the harness passes to an app.
 *
 * An app is run as `app MODE [QUERY]`; QUERY ("n=5000&inflight=64") is
 * appended to the page URL as is, and C reads the few values it needs
 * (buffer sizes) from the same string, so the page and C never disagree.
 */
#ifndef BENCH_QUERY_H
#define BENCH_QUERY_H

/* Returns the integer value of `key` in `query`, or `fallback`. */
long bench_query_long(const char *query, const char *key, long fallback);

#endif
