/*
 * hotswap.c - sash dev's host: loads the app's module and swaps it for a
 * rebuilt one while the app runs (issue 16).
 *
 * Only a dev host contains this object: `sash dev` links the host with the
 * whole static library (whole-archive, --export-dynamic), so this file's
 * constructor runs; nothing else references it, so a release binary never
 * links it (and no dlopen()).  The constructor does nothing unless
 * SASH_DEV_MODULE names the module; then it sets the core's hook pointer,
 * and sash_app_new() calls app_created() below, which loads the module
 * (its SASH_COMMAND constructors register into the live app) and calls its
 * sash_module_init().
 *
 * SASH_DEV_CONTROL_FD names a descriptor (a socket pair end from sash dev)
 * carrying one command per line:
 *   swap PATH     swap in the module built at PATH
 *   error "TEXT"  show TEXT (a JSON string) as an overlay in every window
 *   ok            remove the overlay
 *   config "TEXT" sash.json edited (TEXT, a JSON string): apply its
 *                 capabilities (sash dev sends this when nothing else changed)
 * The host answers each swap with one line, "swapped MS" or "failed TEXT",
 * and each config with "applied N" or "failed TEXT".
 *
 * A swap: the control thread closes the registry's gate (new calls wait),
 * waits until no call is inside a command, then one UI-thread task saves
 * and finalises the old module, removes what it registered (commands,
 * listeners, rows sources, permission sets), unloads it, loads the new one
 * (a copy under a fresh name, as the loader caches by path, deleted once
 * mapped), restores or
 * initialises it, opens the gate and emits "sash:reloaded".
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "security/security.h"

/* A thing the current module added that its unloading must remove. */
typedef struct owned {
    int kind; /* SASH__DEV_* */
    char *name;
    long id;
    struct owned *next;
} owned;

static struct {
    sash__mutex lock;   /* guards everything below but the UI-only parts */
    sash__cond cond;    /* a swap task finished */
    sash_app *app;      /* NULL once the app is going */
    char *source;       /* SASH_DEV_MODULE: the module as built */
    int fd;             /* control descriptor, or -1 */
    void *handle;       /* the loaded module (UI thread) */
    char *path;         /* its copy, as loaded (lock) */
    char *loading_path; /* the copy being loaded (lock) */
    unsigned serial;
    owned *owned;       /* (lock) */
    int task_done;
    char result[1024];
    size_t config_caps; /* how many capabilities came from sash.json */
    int busy;           /* (lock) the control thread is acting on the app */
} dev = {SASH__MUTEX_INIT, SASH__COND_INIT, NULL, NULL, -1, NULL, NULL, NULL,
         0, NULL, 0, "", 0, 0};

/* Set on the UI thread while module code runs at load (constructors,
 * init, restore): permission sets defined then belong to the module. */
static SASH__THREAD_LOCAL int loading;

static void say(const char *fmt, ...) SASH__PRINTF(1, 2);
static void say(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("sash dev: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    fflush(stderr);
}

/* -- what the module registered --------------------------------------------- */

static int owned_by_module(const void *code)
{
    const char *p = dev.loading_path ? dev.loading_path : dev.path;
    return p && sash__dl_owns(p, code);
}

static void on_added(sash_app *app, int kind, const char *name, long id,
                     const void *code)
{
    (void)app;
    sash__mutex_lock(&dev.lock);
    int mine = kind == SASH__DEV_PERMISSION ? loading : owned_by_module(code);
    owned *o = mine ? calloc(1, sizeof *o) : NULL;
    if (o && name && !(o->name = sash__strdup(name))) {
        free(o);
        o = NULL;
    }
    if (o) {
        o->kind = kind;
        o->id = id;
        o->next = dev.owned;
        dev.owned = o;
    }
    sash__mutex_unlock(&dev.lock);
}

/* Removes what the module added; UI thread, no call inside a command. */
static void remove_owned(sash_app *app)
{
    sash__mutex_lock(&dev.lock);
    owned *list = dev.owned;
    dev.owned = NULL;
    sash__mutex_unlock(&dev.lock);
    while (list) {
        owned *o = list;
        list = o->next;
        if (o->kind == SASH__DEV_LISTENER)
            sash_unlisten(app, o->id);
        else if (o->kind == SASH__DEV_ROWS)
            sash__registry_remove(&app->registry, o->name);
        else if (o->kind == SASH__DEV_PERMISSION)
            sash__caps_undefine(&app->security->caps, o->name);
        free(o->name);
        free(o);
    }
    /* Commands whose function is the module's (SASH_COMMAND's destructors
     * would remove theirs at unload; sash_command() ones need this). */
    sash__registry *r = &app->registry;
    for (;;) {
        char *name = NULL;
        sash__rwlock_rdlock(&r->lock);
        for (size_t i = 0; i < r->count && !name; i++)
            if (sash__dl_owns(dev.path, (const void *)(uintptr_t)r->items[i].fn))
                name = sash__strdup(r->items[i].name);
        sash__rwlock_rdunlock(&r->lock);
        if (!name)
            break;
        sash__registry_remove(r, name);
        free(name);
    }
}

/* -- loading and unloading -------------------------------------------------- */

typedef int (*init_fn)(sash_app *);
typedef void *(*save_fn)(sash_app *);
typedef int (*restore_fn)(sash_app *, void *);
typedef void (*fini_fn)(sash_app *);

static void *sym(const char *name)
{
    return dev.handle ? sash__dl_sym(dev.handle, name) : NULL;
}

/* The bytes of a module file. */
typedef struct blob {
    unsigned char *data;
    size_t len;
} blob;

static int read_module(const char *path, blob *b)
{
    b->data = NULL;
    b->len = 0;
    FILE *in = fopen(path, "rb");
    if (!in)
        return -1;
    size_t cap = 0;
    int ok = 1;
    for (;;) {
        if (b->len == cap) {
            size_t ncap = cap ? cap * 2 : 65536;
            unsigned char *d = realloc(b->data, ncap);
            if (!d) {
                ok = 0;
                break;
            }
            b->data = d;
            cap = ncap;
        }
        size_t got = fread(b->data + b->len, 1, cap - b->len, in);
        if (got == 0)
            break;
        b->len += got;
    }
    ok = ok && !ferror(in) && b->len > 0;
    fclose(in);
    if (!ok) {
        free(b->data);
        b->data = NULL;
    }
    return ok ? 0 : -1;
}

/* Writes the bytes under a fresh name next to the built module (the
 * loader caches by path, so every load needs a new one). */
static char *write_copy(const blob *b)
{
    unsigned char rnd[4] = {0};
    sash__random_bytes(rnd, sizeof rnd);
    size_t n = strlen(dev.source) + 64;
    char *to = malloc(n);
    if (!to)
        return NULL;
    snprintf(to, n, "%s.swap-%ld-%u-%02x%02x%02x%02x", dev.source,
             sash__process_id(), ++dev.serial, rnd[0], rnd[1], rnd[2], rnd[3]);
    FILE *out = fopen(to, "wb");
    int ok = out && fwrite(b->data, 1, b->len, out) == b->len;
    if (out && fclose(out) != 0)
        ok = 0;
    if (!ok) {
        remove(to);
        free(to);
        return NULL;
    }
    return to;
}

/* The last module that loaded: a failed load goes back to it. */
static blob good;

/* Loads the module in `b` (a copy of it, deleted once mapped: nothing is
 * left behind however the app ends) and runs restore(saved) or init.  0,
 * 1 (loaded, but init/restore failed: err says so) or -1 (not loaded: err
 * says why).  UI thread. */
static int load(sash_app *app, const blob *b, void *saved, char *err,
                size_t err_size)
{
    char *copy = write_copy(b);
    if (!copy) {
        snprintf(err, err_size, "cannot write a copy of %s next to it", dev.source);
        return -1;
    }
    sash__mutex_lock(&dev.lock);
    dev.loading_path = copy;
    sash__mutex_unlock(&dev.lock);
    loading = 1;
    void *h = sash__dl_open(copy, err, err_size);
    remove(copy); /* the mapping outlives its file */
    sash__mutex_lock(&dev.lock);
    dev.loading_path = NULL;
    if (h) {
        dev.handle = h;
        dev.path = copy;
    }
    sash__mutex_unlock(&dev.lock);
    if (!h) {
        loading = 0;
        free(copy);
        return -1;
    }
    restore_fn restore = (restore_fn)(uintptr_t)sym("sash_module_restore");
    init_fn init = (init_fn)(uintptr_t)sym("sash_module_init");
    int rc = 0;
    const char *which = NULL;
    if (saved && restore) {
        rc = restore(app, saved);
        which = "sash_module_restore";
    } else if (init) {
        rc = init(app);
        which = "sash_module_init";
    }
    loading = 0;
    if (rc != 0) {
        snprintf(err, err_size, "%s() returned %d", which, rc);
        return 1; /* loaded, but say so */
    }
    return 0;
}

/* Loads the module file at `path` (the built one); on success it becomes
 * the one a later failed load goes back to. */
static int load_file(sash_app *app, const char *path, void *saved, char *err,
                     size_t err_size)
{
    blob b;
    if (read_module(path, &b) != 0) {
        snprintf(err, err_size, "cannot read %s", path);
        return -1;
    }
    int rc = load(app, &b, saved, err, err_size);
    if (rc >= 0) {
        free(good.data);
        good = b;
    } else {
        free(b.data);
    }
    return rc;
}

/* Saves, finalises and unloads the current module; returns what save
 * gave.  UI thread, no call inside a command. */
static void *unload(sash_app *app)
{
    void *saved = NULL;
    save_fn save = (save_fn)(uintptr_t)sym("sash_module_save");
    fini_fn fini = (fini_fn)(uintptr_t)sym("sash_module_fini");
    if (save)
        saved = save(app);
    if (fini)
        fini(app);
    remove_owned(app);
    sash__dl_close(dev.handle);
    sash__mutex_lock(&dev.lock);
    dev.handle = NULL;
    free(dev.path);
    dev.path = NULL;
    sash__mutex_unlock(&dev.lock);
    return saved;
}

/* -- the overlay ----------------------------------------------------------- */

static void overlay_all(sash_app *app, const char *text)
{
    char *script = NULL;
    if (text) {
        json_t *s = json_string(text);
        if (!s)
            s = json_string("(the compiler's message was not UTF-8)");
        char *lit = s ? json_dumps(s, JSON_ENCODE_ANY) : NULL;
        json_decref(s);
        if (!lit)
            return;
        static const char head[] =
            "(function(){var d=document.getElementById('__sash_dev_overlay');"
            "if(!d){d=document.createElement('div');d.id='__sash_dev_overlay';"
            "d.setAttribute('role','alert');"
            "d.style.cssText='position:fixed;left:0;right:0;bottom:0;"
            "max-height:60%;overflow:auto;z-index:2147483647;margin:0;"
            "padding:10px 14px;background:rgba(48,0,0,.94);color:#ffd7d7;"
            "font:12px/1.45 ui-monospace,monospace;white-space:pre-wrap;"
            "border-top:3px solid #ff5050';"
            "(document.body||document.documentElement).appendChild(d);}"
            "d.textContent='sash dev: the C build failed; the app runs the "
            "previous code.\\n\\n'+";
        static const char tail[] = ";})();";
        size_t n = sizeof head + strlen(lit) + sizeof tail;
        script = malloc(n);
        if (script)
            snprintf(script, n, "%s%s%s", head, lit, tail);
        free(lit);
    } else {
        script = sash__strdup("(function(){var d=document.getElementById("
                              "'__sash_dev_overlay');if(d)d.remove();})();");
    }
    if (!script)
        return;
    for (sash_window *w = app->windows; w; w = w->next)
        if (!w->closed)
            sash_window_eval(w, script);
    free(script);
}

typedef struct overlay_task {
    sash__task task;
    char *text; /* NULL: remove */
} overlay_task;

static void overlay_run(sash_app *app, sash__task *t)
{
    overlay_task *o = (overlay_task *)t;
    overlay_all(app, o->text);
    free(o->text);
    free(o);
}

static void post_overlay(sash_app *app, const char *text)
{
    overlay_task *o = calloc(1, sizeof *o);
    if (!o || (text && !(o->text = sash__strdup(text)))) {
        free(o);
        return;
    }
    o->task.run = overlay_run;
    if (sash__ui_post_or_refuse(app, &o->task) != 0) {
        free(o->text);
        free(o);
    }
}

/* -- the swap ---------------------------------------------------------------- */

static void post_parked(sash_app *app, sash__task *parked)
{
    while (parked) {
        sash__task *t = parked;
        parked = t->next;
        t->next = NULL;
        sash__ui_post_always(app, t);
    }
}

typedef struct swap_task {
    sash__task task;
    char *built;
    uint64_t t0;
} swap_task;

static void finish_swap(const char *fmt, ...) SASH__PRINTF(1, 2);
static void finish_swap(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sash__mutex_lock(&dev.lock);
    vsnprintf(dev.result, sizeof dev.result, fmt, ap);
    dev.task_done = 1;
    sash__cond_broadcast(&dev.cond);
    sash__mutex_unlock(&dev.lock);
    va_end(ap);
}

static void swap_run(sash_app *app, sash__task *t)
{
    swap_task *s = (swap_task *)t;
    char err[1024] = "";
    int had = dev.handle != NULL;
    void *saved = had ? unload(app) : NULL;
    int rc = load_file(app, s->built, saved, err, sizeof err);
    int fell_back = 0;
    if (rc < 0 && had && good.data) {
        /* The new file does not load (a missing symbol...): back to the
         * old code, so the app keeps answering. */
        char err2[512];
        fell_back = 1;
        if (load(app, &good, saved, err2, sizeof err2) < 0)
            say("could not reload the previous module either: %s", err2);
    }
    double ms = (double)(sash__now_ns() - s->t0) / 1e6;
    if (rc >= 0) {
        /* Before the gate opens: the page hears of the swap before any
         * answer from the new code. */
        json_t *payload = json_pack("{s:b,s:f}", "ok", rc == 0, "ms", ms);
        sash_emit(app, "sash:reloaded", payload);
    }
    post_parked(app, sash__gate_open(&app->registry));
    if (rc < 0) {
        overlay_all(app, err);
        finish_swap("failed the new module does not load (%s); %s", err,
                    fell_back ? "the previous one runs again" : "no module runs");
    } else {
        overlay_all(app, rc > 0 ? err : NULL);
        if (rc > 0)
            finish_swap("failed swapped, but %s", err);
        else
            finish_swap("swapped %.1f", ms);
    }
    free(s->built);
    free(s);
}

static void reply(const char *line)
{
    size_t n = strlen(line);
    if (dev.fd >= 0 && (sash__fd_write(dev.fd, line, n) != (long)n ||
                        sash__fd_write(dev.fd, "\n", 1) != 1))
        say("cannot answer sash dev on descriptor %d", dev.fd);
}

/* Control thread. */
static void do_swap(sash_app *app, const char *built)
{
    uint64_t t0 = sash__now_ns();
    sash__registry *r = &app->registry;
    sash__gate_close(r);
    long left;
    int waited = 0;
    while ((left = sash__gate_drain(r, 2000)) > 0) {
        waited += 2;
        say("the swap waits for %ld call%s still running the old code (%d s)", left,
            left == 1 ? "" : "s", waited);
        if (waited >= 30) {
            post_parked(app, sash__gate_open(r));
            reply("failed calls still inside the old code after 30 s; not swapped");
            return;
        }
    }
    swap_task *s = calloc(1, sizeof *s);
    if (!s || !(s->built = sash__strdup(built))) {
        free(s);
        post_parked(app, sash__gate_open(r));
        reply("failed out of memory");
        return;
    }
    s->task.run = swap_run;
    s->t0 = t0;
    sash__mutex_lock(&dev.lock);
    dev.task_done = 0;
    sash__mutex_unlock(&dev.lock);
    if (sash__ui_post_or_refuse(app, &s->task) != 0) {
        free(s->built);
        free(s);
        post_parked(app, sash__gate_open(r));
        reply("failed the app is closing");
        return;
    }
    char line[sizeof dev.result];
    sash__mutex_lock(&dev.lock);
    while (!dev.task_done)
        sash__cond_wait(&dev.cond, &dev.lock);
    snprintf(line, sizeof line, "%s", dev.result);
    sash__mutex_unlock(&dev.lock);
    reply(line);
}

/* sash.json's capabilities, live: parsed and checked as at start, then
 * swapped in for the ones sash.json gave (capabilities the app added
 * from C stay).  Control thread; the caps are guarded by their lock. */
static void apply_config(sash_app *app, const char *text)
{
    sash__config cfg;
    char err[1024], line[1200];
    sash__config_defaults(&cfg);
    if (sash__config_parse(text, strlen(text), NULL, &cfg, err, sizeof err) != 0) {
        snprintf(line, sizeof line, "failed %s", err);
        reply(line);
        return;
    }
    size_t n = cfg.ncaps;
    int rc = sash__caps_replace_front(&app->security->caps, dev.config_caps, cfg.caps, n);
    if (rc == 0) {
        dev.config_caps = n;
        snprintf(line, sizeof line, "applied %zu", n);
    } else {
        snprintf(line, sizeof line, "failed %s", rc == SASH_EEXIST
                 ? "a capability identifier is taken by one the app added"
                 : sash_strerror(rc));
    }
    sash__config_free(&cfg);
    reply(line);
}

static void control_act(sash_app *app, char *line);

static void control_line(char *line)
{
    /* `busy` keeps the app alive while this acts on it: app_freeing()
     * waits for it (a swap finishes without the UI thread by then). */
    sash__mutex_lock(&dev.lock);
    sash_app *app = dev.app;
    dev.busy = app != NULL;
    sash__mutex_unlock(&dev.lock);
    if (!app)
        return;
    control_act(app, line);
    sash__mutex_lock(&dev.lock);
    dev.busy = 0;
    sash__cond_broadcast(&dev.cond);
    sash__mutex_unlock(&dev.lock);
}

static void control_act(sash_app *app, char *line)
{
    if (!strncmp(line, "swap ", 5)) {
        do_swap(app, line + 5);
    } else if (!strncmp(line, "error ", 6)) {
        json_t *s = json_loads(line + 6, JSON_DECODE_ANY, NULL);
        post_overlay(app, json_is_string(s) ? json_string_value(s) : line + 6);
        json_decref(s);
    } else if (!strcmp(line, "ok")) {
        post_overlay(app, NULL);
    } else if (!strncmp(line, "config ", 7)) {
        json_t *t = json_loads(line + 7, JSON_DECODE_ANY, NULL);
        if (json_is_string(t))
            apply_config(app, json_string_value(t));
        else
            reply("failed config takes a JSON string");
        json_decref(t);
    } else if (*line) {
        say("unknown control line '%.80s'", line);
    }
}

static void control_main(void *arg)
{
    (void)arg;
    size_t cap = 4096, len = 0;
    char *buf = malloc(cap);
    for (;;) {
        if (!buf)
            return;
        if (len + 1024 > cap) {
            char *b = realloc(buf, cap * 2);
            if (!b)
                break;
            buf = b;
            cap *= 2;
        }
        long n = sash__fd_read(dev.fd, buf + len, cap - len - 1);
        if (n <= 0)
            break; /* sash dev went away */
        len += (size_t)n;
        char *nl;
        while ((nl = memchr(buf, '\n', len))) {
            *nl = '\0';
            control_line(buf);
            size_t used = (size_t)(nl - buf) + 1;
            memmove(buf, nl + 1, len - used);
            len -= used;
        }
    }
    free(buf);
}

/* -- the core's hooks --------------------------------------------------------- */

static void app_created(sash_app *app)
{
    sash__mutex_lock(&dev.lock);
    dev.app = app;
    sash__mutex_unlock(&dev.lock);
    /* Nothing but sash.json has added capabilities yet. */
    dev.config_caps = app->security->config.ncaps;
    char err[1024] = "";
    int rc = load_file(app, dev.source, NULL, err, sizeof err);
    if (rc < 0)
        say("cannot load the module %s: %s", dev.source, err);
    else if (rc > 0)
        say("%s", err);
    else
        sash__debug(app, "dev host: module %s loaded", dev.source);
    const char *fd = getenv("SASH_DEV_CONTROL_FD");
    if (fd && *fd) {
        char *end;
        long v = strtol(fd, &end, 10);
        sash__thread th;
        if (*end || v < 0 || v > 65535) {
            say("SASH_DEV_CONTROL_FD '%s' is not a descriptor", fd);
        } else {
            dev.fd = (int)v;
            if (sash__thread_start(&th, control_main, NULL) == 0)
                sash__thread_detach(th); /* ends when sash dev closes it */
            else
                say("cannot start the control thread; no hot swaps");
        }
    }
}

static void app_freeing(sash_app *app)
{
    /* Workers are stopped and the UI queue drained (a swap in progress
     * has finished): only the module's fini is left.  The module stays
     * mapped until the process exits. */
    sash__mutex_lock(&dev.lock);
    dev.app = NULL;
    while (dev.busy) /* a swap refused now, or one drained above */
        sash__cond_wait(&dev.cond, &dev.lock);
    sash__mutex_unlock(&dev.lock);
    fini_fn fini = (fini_fn)(uintptr_t)sym("sash_module_fini");
    if (fini)
        fini(app);
}

static const sash__dev_hooks hooks = {app_created, app_freeing, on_added};

#if defined(__GNUC__) || defined(__clang__)
__attribute__((constructor)) static void hotswap_init(void)
{
    const char *m = getenv("SASH_DEV_MODULE");
    if (!m || !*m)
        return;
    dev.source = sash__strdup(m);
    if (dev.source)
        sash__dev = &hooks;
}
#endif
