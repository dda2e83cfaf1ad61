/* Fuzz target: menu descriptions (what a page sends to menu:new and
 * menu:insert), accelerators and tray icon headers.  Properties: whatever
 * the bytes, no crash, no leak, the item count the core keeps matches
 * the tree, and every item of an accepted menu can be found, changed and
 * activated. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../unit/fake_platform.h"

static sash_app *app;
static sash_window *win;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    app = fake_app_new(NULL, &win);
    return app && win ? 0 : 1;
}

static size_t count(const sash__menu_item *it)
{
    size_t n = 0;
    for (size_t i = 0; i < it->count; i++)
        n += 1 + count(it->items[i]);
    return n;
}

/* Changes and activates every item (ids are unique: find gives it back). */
static void exercise(sash_menu *m, const sash__menu_item *p)
{
    for (size_t i = 0; i < p->count; i++) {
        const sash__menu_item *it = p->items[i];
        if (it->id) {
            if (sash__menu_item_find(m, it->id) != it)
                abort();
            sash_menu_set_enabled(m, it->id, 1);
            sash_menu_set_checked(m, it->id, 1);
        }
        if (it->predefined != SASH__PRE_QUIT &&
            it->predefined != SASH__PRE_CLOSE_WINDOW)
            sash__menu_activated(app, it->key, win);
        exercise(m, it);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    sash_menu *m = sash_menu_new(app, text);
    if (m) {
        if (count(&m->root) != m->total)
            abort();
        exercise(m, &m->root);
        /* the same items again: inserted whole or not at all */
        size_t before = m->total;
        int rc = sash_menu_insert(m, NULL, 0, text);
        if (count(&m->root) != m->total || (rc != 0 && m->total != before))
            abort();
        sash_window_set_menu(win, m);
        sash_menu_free(m);
    }
    unsigned mods;
    char *key = NULL, why[200];
    if (sash__accel_parse(text, &mods, &key, why, sizeof why) == 0 && !key)
        abort();
    free(key);
    sash__png_check(data, size, why, sizeof why);
    sash__app_drain(app); /* the events activations queued */
    fake_reset();
    free(text);
    return 0;
}
