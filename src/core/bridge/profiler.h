/*
 * profiler.h - the bridge profiler (dev builds): every call, event and
 * channel message is counted, sized and timed.  When off, app->profiler is
 * NULL and each hook costs one branch at its call site.
 */
#ifndef SASH_PROFILER_H
#define SASH_PROFILER_H

#include <stdint.h>

#include "internal.h"

/* Thresholds for warnings on stderr (once per name). */
#define SASH_PROFILE_WARN_JSON_BYTES (1u << 20)
#define SASH_PROFILE_WARN_UI_NS (16u * 1000000u)

/* Weak (size): profiler.c is linked only into apps that call
 * sash_app_stats(), dev builds (sash_app() in a Debug build, hot-swap
 * hosts) and apps linked with -Wl,-u,sash_app_stats (docs/ipc.md);
 * elsewhere sash__profiler_new is NULL, app->profiler stays NULL and no
 * other entry is called. */
#pragma GCC visibility push(hidden) /* no import for an absent one */
#ifdef __ELF__ /* PE weak externals resolve to NULL even when profiler.c is
                  linked: on Windows the profiler is always linked */
#pragma weak sash__profiler_new
#pragma weak sash__profiler_free
#pragma weak sash__profiler_stats
#pragma weak sash__profile_call
#pragma weak sash__profile_event
#pragma weak sash__profile_channel
#pragma weak sash__profile_ui_block
#define SASH__PROFILER_LINKED (sash__profiler_new != NULL)
#else
#define SASH__PROFILER_LINKED 1
#endif

struct sash__profiler *sash__profiler_new(void);
void sash__profiler_free(struct sash__profiler *p);
/* sash_app_stats() (profiler on) for the core's __sash_stats command. */
json_t *sash__profiler_stats(sash_app *app);

/* in_json / out_json: whether the request / the reply was JSON (not raw
 * bytes); only JSON over SASH_PROFILE_WARN_JSON_BYTES warns. */
void sash__profile_call(sash_app *app, const char *command, uint64_t started_ns,
                        size_t in_bytes, size_t out_bytes, int failed, int in_json,
                        int out_json);
void sash__profile_event(sash_app *app, const char *name, size_t bytes,
                         uint64_t latency_ns);
void sash__profile_channel(sash_app *app, size_t bytes);
/* Something ran `ns` on the UI thread; warns past 16 ms. */
void sash__profile_ui_block(sash_app *app, const char *what, uint64_t ns);
#pragma GCC visibility pop

#endif
