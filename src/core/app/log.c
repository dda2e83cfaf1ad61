/*
 * log.c - the error table's text, the per-thread last error and the log
 * function every message of Sash goes through (stderr by default).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

const char *sash_strerror(int err)
{
    switch (err) {
    case SASH_OK: return "success";
#define SASH__ERRNO_TEXT(name, value, text) case SASH_##name: return text;
    SASH_ERRNO_MAP(SASH__ERRNO_TEXT)
#undef SASH__ERRNO_TEXT
    default: return "unknown error code";
    }
}

const char *sash_err_name(int err)
{
    switch (err) {
    case SASH_OK: return "SASH_OK";
#define SASH__ERRNO_NAME(name, value, text) case SASH_##name: return "SASH_" #name;
    SASH_ERRNO_MAP(SASH__ERRNO_NAME)
#undef SASH__ERRNO_NAME
    default: return "SASH_E?";
    }
}

/* -- where messages go ------------------------------------------------------ */

static sash__mutex log_lock = SASH__MUTEX_INIT;
static sash_log_fn log_fn;
static void *log_data;

void sash_set_log_fn(sash_log_fn fn, void *user_data)
{
    sash__mutex_lock(&log_lock);
    log_fn = fn;
    log_data = user_data;
    sash__mutex_unlock(&log_lock);
}

static void emit(sash_log_level level, const char *fmt, va_list ap)
{
    static const char *const names[] = {"error", "warning", "info", "debug"};
    char msg[1024];
    vsnprintf(msg, sizeof msg, fmt, ap);
    sash__mutex_lock(&log_lock);
    sash_log_fn fn = log_fn;
    void *data = log_data;
    sash__mutex_unlock(&log_lock);
    /* Called outside the lock: a slow or re-entrant log function must not
     * stall every other thread's logging. */
    if (fn)
        fn(level, msg, data);
    else
        fprintf(stderr, "sash: %s: %s\n", names[level], msg);
}

void sash__log(sash_log_level level, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    emit(level, fmt, ap);
    va_end(ap);
}

void sash__debug(const sash_app *app, const char *fmt, ...)
{
    if (!app || !app->debug)
        return;
    va_list ap;
    va_start(ap, fmt);
    emit(SASH_LOG_DEBUG, fmt, ap);
    va_end(ap);
}

/* -- the last error, per thread ---------------------------------------------- */

static SASH__THREAD_LOCAL int last_code;
static SASH__THREAD_LOCAL char last_msg[512];

int sash__fail(int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(last_msg, sizeof last_msg, fmt, ap);
    va_end(ap);
    last_code = code;
    sash__log(SASH_LOG_ERROR, "%s", last_msg);
    return code;
}

void sash__fail_clear(void)
{
    last_code = 0;
    last_msg[0] = '\0';
}

int sash__failed(void)
{
    return last_code;
}

int sash_last_error(const char **message)
{
    int code = last_code;
    if (message)
        *message = code ? last_msg : "";
    last_code = 0;
    return code;
}
