/* Unit tests: the menu and tray model (menu/), its limits and bad input,
 * activation events, the menu:* / tray:* commands.  No display: the fake
 * backend records what it was asked to show. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fake_platform.h"

static sash_window *main_w;

static int setup(void **state)
{
    state[0] = fake_app_new(NULL, &main_w);
    return state[0] && main_w ? 0 : -1;
}

static int teardown(void **state)
{
    sash_app_free(state[0]);
    return 0;
}

static const char demo[] =
    "{\"items\":["
    " {\"text\":\"File\",\"items\":["
    "  {\"id\":\"save\",\"text\":\"Save\",\"accelerator\":\"CmdOrCtrl+Shift+S\"},"
    "  {\"kind\":\"separator\"},"
    "  {\"kind\":\"predefined\",\"item\":\"quit\"}]},"
    " {\"text\":\"View\",\"id\":\"view\",\"items\":["
    "  {\"kind\":\"check\",\"id\":\"wrap\",\"text\":\"Wrap\",\"checked\":true},"
    "  {\"kind\":\"radio\",\"group\":\"t\",\"id\":\"light\",\"text\":\"Light\",\"checked\":true},"
    "  {\"kind\":\"radio\",\"group\":\"t\",\"id\":\"dark\",\"text\":\"Dark\"}]}]}";

/* The message of the last failure (static copy: reading clears it). */
static const char *last_message(int *code)
{
    static char buf[512];
    const char *m = NULL;
    *code = sash_last_error(&m);
    snprintf(buf, sizeof buf, "%s", m ? m : "");
    return buf;
}

static void expect_rejected(sash_app *app, const char *json, const char *needle)
{
    sash_menu *m = sash_menu_new(app, json);
    int code;
    const char *msg = last_message(&code);
    if (m || code != SASH_EINVAL || !strstr(msg, needle))
        fail_msg("expected rejection containing \"%s\", got %p %d \"%s\"",
                 needle, (void *)m, code, msg);
}

static void builds_tree_with_defaults(void **state)
{
    sash_menu *m = sash_menu_new(state[0], demo);
    assert_non_null(m);
    assert_int_equal(m->total, 8);
    assert_int_equal(m->root.count, 2);
    sash__menu_item *save = sash__menu_item_find(m, "save");
    assert_non_null(save);
    assert_int_equal(save->accel_mods, SASH__MOD_PRIMARY | SASH__MOD_SHIFT);
    assert_string_equal(save->accel_key, "S");
    assert_int_equal(save->enabled, 1);
    /* predefined items get a text, an accelerator and a generated id */
    sash__menu_item *quit = m->root.items[0]->items[2];
    assert_int_equal(quit->predefined, SASH__PRE_QUIT);
    assert_string_equal(quit->text, "Quit");
    assert_string_equal(quit->accel_key, "Q");
    assert_non_null(quit->id);
    assert_ptr_equal(sash__menu_item_find(m, quit->id), quit);
    assert_int_equal(sash_menu_is_checked(m, "wrap"), 1);
    assert_int_equal(sash_menu_is_checked(m, "dark"), 0);
    sash_menu_free(m);
}

static void accelerators_parse_or_say_why(void **state)
{
    (void)state;
    unsigned mods;
    char *key, why[200];
    static const struct { const char *in, *key; unsigned mods; } ok[] = {
        {"CmdOrCtrl+S", "S", SASH__MOD_PRIMARY},
        {"ctrl+alt+delete", "Delete", SASH__MOD_CTRL | SASH__MOD_ALT},
        {"Shift+F12", "F12", SASH__MOD_SHIFT},
        {"Super+Return", "Enter", SASH__MOD_SUPER},
        {"CmdOrCtrl+Plus", "Plus", SASH__MOD_PRIMARY},
        {"F1", "F1", 0},
        {"Alt+7", "7", SASH__MOD_ALT},
    };
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
        assert_int_equal(sash__accel_parse(ok[i].in, &mods, &key, why, sizeof why), 0);
        assert_string_equal(key, ok[i].key);
        assert_int_equal(mods, ok[i].mods);
        free(key);
    }
    static const struct { const char *in, *why; } bad[] = {
        {"", "empty"}, {"Ctrl+", "unknown key"}, {"Hyper+S", "unknown modifier"},
        {"Ctrl+Ctrl+S", "twice"}, {"Ctrl+F25", "unknown key"},
        {"Ctrl+F0", "unknown key"}, {"Ctrl++", "Plus"}, {"Ctrl+SS", "unknown key"},
        {"Ctrl+Shift+Alt+Super+CmdOrCtrl+Meta+Control+Option+Primary+S"
         "xxxxxxxxxxxxxxxxx", "too long"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        assert_int_equal(sash__accel_parse(bad[i].in, &mods, &key, why, sizeof why), -1);
        assert_null(key);
        if (!strstr(why, bad[i].why))
            fail_msg("\"%s\": \"%s\" lacks \"%s\"", bad[i].in, why, bad[i].why);
    }
}

static void bad_descriptions_are_rejected_with_reasons(void **state)
{
    sash_app *app = state[0];
    expect_rejected(app, "{\"items\":[{\"text\":\"a\",\"accelerator\":\"Ctrl+Nope\"}]}",
                    "items[0]: accelerator \"Ctrl+Nope\": unknown key");
    expect_rejected(app, "{\"items\":[{\"id\":\"a\"},{\"items\":[{\"id\":\"a\"}]}]}",
                    "items[1].items[0]: duplicate id \"a\"");
    /* siblings inside one new submenu (found by fuzz_menu) */
    expect_rejected(app, "[{\"text\":\"F\",\"items\":[{\"id\":\"a\"},{\"id\":\"a\"}]}]",
                    "items[0].items[1]: duplicate id \"a\"");
    expect_rejected(app, "[{\"text\":\"F\",\"items\":[{\"id\":\"a\"}]},"
                    "{\"text\":\"G\",\"items\":[{\"id\":\"a\"}]}]",
                    "items[1].items[0]: duplicate id \"a\"");
    expect_rejected(app, "[{\"id\":\"s\",\"items\":[{\"id\":\"s\"}]}]",
                    "duplicate id \"s\"");
    expect_rejected(app, "{\"items\":[{\"kind\":\"bogus\"}]}", "unknown kind");
    expect_rejected(app, "{\"items\":[{\"txt\":\"x\"}]}", "unknown key \"txt\"");
    expect_rejected(app, "{\"items\":[{\"text\":5}]}", "\"text\" must be a string");
    expect_rejected(app, "{\"items\":[{\"checked\":true}]}", "only for check");
    expect_rejected(app, "{\"items\":[{\"kind\":\"predefined\",\"item\":\"fly\"}]}",
                    "must be one of");
    expect_rejected(app, "{\"items\":[1]}", "must be an object");
    expect_rejected(app, "{\"items\":{}}", "must be an array");
    expect_rejected(app, "{\"menu\":[]}", "{\"items\": [...]}");
    expect_rejected(app, "[{\"id\":\"\"}]", "\"id\" is empty");
    expect_rejected(app, "not json", "invalid JSON");
    expect_rejected(app, "[{\"text\":\"a\\u0000b\"}]", "NUL");
    /* nothing was left behind by the failures */
    assert_null(sash__menu_find(app, "menu-1", NULL));
}

/* A 1,000-deep tree: a message, not a stack overflow. */
static void deep_tree_is_rejected(void **state)
{
    sash__buf b = {0};
    for (int i = 0; i < 1000; i++)
        sash__buf_append(&b, "{\"text\":\"x\",\"items\":[", 21);
    for (int i = 0; i < 1000; i++)
        sash__buf_append(&b, "]}", 2);
    sash__buf_append(&b, "", 1);
    char *json = malloc(b.len + 16);
    snprintf(json, b.len + 16, "[%s]", b.data);
    expect_rejected(state[0], json, "deeper than 16 levels");
    /* 16 levels is fine */
    char ok[2048] = "[";
    for (int i = 0; i < 16; i++)
        strcat(ok, "{\"text\":\"x\",\"items\":[");
    for (int i = 0; i < 16; i++)
        strcat(ok, "]}");
    strcat(ok, "]");
    sash_menu *m = sash_menu_new(state[0], ok);
    assert_non_null(m);
    sash_menu_free(m);
    free(json);
    sash__buf_free(&b);
}

static void huge_menu_is_rejected(void **state)
{
    sash__buf b = {0};
    sash__buf_append(&b, "[", 1);
    for (int i = 0; i < 100000; i++)
        sash__buf_append(&b, i ? ",{\"text\":\"x\"}" : "{\"text\":\"x\"}",
                         i ? 13 : 12);
    sash__buf_append(&b, "]", 2);
    expect_rejected(state[0], b.data, "more than 5000 items");
    sash__buf_free(&b);
    /* 5000 is fine; one more by insert is not, and leaves the menu whole */
    b = (sash__buf){0};
    sash__buf_append(&b, "[", 1);
    for (int i = 0; i < 5000; i++)
        sash__buf_append(&b, i ? ",{\"text\":\"x\"}" : "{\"text\":\"x\"}",
                         i ? 13 : 12);
    sash__buf_append(&b, "]", 2);
    sash_menu *m = sash_menu_new(state[0], b.data);
    assert_non_null(m);
    assert_int_equal(m->total, 5000);
    assert_int_equal(sash_menu_insert(m, NULL, 0, "{\"text\":\"y\"}"), SASH_EINVAL);
    assert_int_equal(m->total, 5000);
    assert_int_equal(m->root.count, 5000);
    sash_menu_free(m);
    sash__buf_free(&b);
}

static void menus_per_app_are_bounded(void **state)
{
    sash_menu *ms[SASH__MENU_MAX_MENUS];
    for (int i = 0; i < SASH__MENU_MAX_MENUS; i++)
        assert_non_null(ms[i] = sash_menu_new(state[0], "[]"));
    expect_rejected(state[0], "[]", "more than 256 menus");
    for (int i = 0; i < SASH__MENU_MAX_MENUS; i++)
        sash_menu_free(ms[i]);
    sash_menu *m = sash_menu_new(state[0], "[]");
    assert_non_null(m);
}

static void changes_at_run_time(void **state)
{
    sash_menu *m = sash_menu_new(state[0], demo);
    assert_int_equal(sash_window_set_menu(main_w, m), 0);
    assert_ptr_equal(fake_menu.bar, m);
    assert_int_equal(sash_menu_set_text(m, "save", "Save As"), 0);
    assert_string_equal(sash__menu_item_find(m, "save")->text, "Save As");
    assert_int_equal(sash_menu_set_enabled(m, "save", 0), 0);
    assert_int_equal(sash__menu_item_find(m, "save")->enabled, 0);
    assert_int_equal(fake_menu.item_changes, 2);
    /* radio: checking one unchecks its group */
    assert_int_equal(sash_menu_set_checked(m, "dark", 1), 0);
    assert_int_equal(sash_menu_is_checked(m, "dark"), 1);
    assert_int_equal(sash_menu_is_checked(m, "light"), 0);
    assert_int_equal(sash_menu_set_checked(m, "save", 1), SASH_EINVAL);
    assert_int_equal(sash_menu_set_text(m, "nope", "x"), SASH_ENOENT);
    /* insert at a position, into a submenu; remove with its subtree */
    assert_int_equal(sash_menu_insert(m, "view", 0,
        "[{\"id\":\"zoom\",\"text\":\"Zoom\",\"items\":[{\"id\":\"in\"}]}]"), 0);
    assert_string_equal(sash__menu_item_find(m, "view")->items[0]->id, "zoom");
    assert_int_equal(m->total, 10);
    assert_int_equal(sash_menu_insert(m, "save", 0, "{}"), SASH_ENOENT);
    assert_int_equal(sash_menu_insert(m, NULL, -1, "[{\"id\":\"q\"},{\"id\":\"wrap\"}]"),
                     SASH_EINVAL); /* duplicate: none inserted */
    assert_null(sash__menu_item_find(m, "q"));
    assert_int_equal(sash_menu_remove(m, "zoom"), 0);
    assert_null(sash__menu_item_find(m, "in"));
    assert_int_equal(m->total, 8);
    assert_int_equal(fake_menu.rebuilds, 2);
    /* popup, then free: the backend is told to drop it everywhere */
    assert_int_equal(sash_menu_popup(m, main_w, 10, 20), 0);
    assert_int_equal(fake_menu.popup_x, 10);
    sash_menu_free(m);
    assert_null(fake_menu.bar);
    assert_null(fake_menu.popup);
    assert_int_equal(fake_menu.destroyed, 1);
}

static char got[512];
static int got_count;
static void on_menu(sash_app *app, const char *label, const char *name,
                    const json_t *p, void *ud)
{
    (void)app, (void)ud, (void)label;
    char *t = json_dumps(p, JSON_COMPACT | JSON_SORT_KEYS);
    snprintf(got, sizeof got, "%s %s", name, t);
    free(t);
    got_count++;
}

static void activation_reaches_c_and_page(void **state)
{
    sash_app *app = state[0];
    got_count = 0;
    assert_int_equal(sash_listen(app, "sash:menu", on_menu, NULL, NULL), 0);
    sash_menu *m = sash_menu_new(app, demo);
    sash__menu_activated(app, sash__menu_item_find(m, "wrap")->key, main_w);
    assert_int_equal(got_count, 1);
    assert_string_equal(got, "sash:menu {\"checked\":false,\"id\":\"wrap\","
                        "\"menu\":\"menu-1\",\"window\":\"main\"}");
    assert_int_equal(sash_menu_is_checked(m, "wrap"), 0);
    sash__menu_activated(app, sash__menu_item_find(m, "dark")->key, main_w);
    assert_int_equal(sash_menu_is_checked(m, "light"), 0);
    assert_int_equal(sash_menu_is_checked(m, "dark"), 1);
    /* disabled and unknown items do nothing */
    sash_menu_set_enabled(m, "save", 0);
    sash__menu_activated(app, sash__menu_item_find(m, "save")->key, main_w);
    sash__menu_activated(app, 999999, main_w);
    assert_int_equal(got_count, 2);
    /* the page got both, as sash:menu events */
    assert_true(fake_pump_evals(app, 1) >= 1);
    int seen = 0;
    for (int i = 0; i < fake_eval_count(); i++) {
        const char *e = fake_eval_get(i);
        if (strstr(e, "\"sash:menu\"") && strstr(e, "\"wrap\""))
            seen |= 1;
        if (strstr(e, "\"sash:menu\"") && strstr(e, "\"dark\""))
            seen |= 2;
    }
    assert_int_equal(seen, 3);
    /* predefined quit quits */
    sash__menu_activated(app, m->root.items[0]->items[2]->key, main_w);
    assert_int_equal(atomic_load(&app->quit_requested), 1);
}

/* -- commands ------------------------------------------------------------ */

static int next_handle = 100;

/* Sends {"cmd":cmd,"args":args} from main and returns the reply text. */
static const char *call(sash_app *app, const char *cmd, const char *args)
{
    char msg[8192];
    int h = next_handle++;
    snprintf(msg, sizeof msg, "{\"cmd\":\"%s\",\"args\":%s}", cmd, args);
    fake_send(main_w, h, msg);
    for (int i = 0; i < 400 && !fake_reply_for(h); i++)
        fake_pump_once(app, 5);
    fake_reply *r = fake_reply_for(h);
    return r && r->text ? r->text : "(none)";
}

static void commands_are_denied_by_default(void **state)
{
    sash_app *app = state[0];
    assert_int_equal(sash_menu_enable(app), 0);
    assert_int_equal(sash_menu_enable(app), SASH_EEXIST);
    const char *r = call(app, "menu:new", "{\"items\":[]}");
    assert_non_null(strstr(r, "forbidden"));
    assert_non_null(strstr(r, "menu:new"));
}

static void commands_build_change_and_show(void **state)
{
    sash_app *app = state[0];
    assert_int_equal(sash_menu_enable(app), 0);
    assert_int_equal(sash_capability_add(app, "{\"identifier\":\"m\","
        "\"windows\":[\"main\"],\"permissions\":[\"menu:default\"]}", NULL, 0), 0);
    const char *r = call(app, "menu:new", "{\"items\":[{\"id\":\"a\",\"text\":\"A\"},"
                         "{\"kind\":\"check\",\"id\":\"c\"}]}");
    assert_string_equal(r, "{\"ok\":{\"rid\":\"menu-1\"}}");
    sash_menu *m = sash__menu_find(app, "menu-1", NULL);
    assert_non_null(m);
    assert_string_equal(call(app, "menu:set_text", "{\"rid\":\"menu-1\",\"id\":\"a\",\"text\":\"B\"}"),
                        "{\"ok\":null}");
    assert_string_equal(sash__menu_item_find(m, "a")->text, "B");
    assert_string_equal(call(app, "menu:set_checked", "{\"rid\":\"menu-1\",\"id\":\"c\",\"checked\":true}"),
                        "{\"ok\":null}");
    assert_string_equal(call(app, "menu:is_checked", "{\"rid\":\"menu-1\",\"id\":\"c\"}"),
                        "{\"ok\":true}");
    assert_non_null(strstr(call(app, "menu:set_enabled", "{\"rid\":\"menu-1\",\"id\":\"zz\",\"enabled\":true}"),
                           "not_found"));
    assert_non_null(strstr(call(app, "menu:set_enabled", "{\"rid\":\"menu-9\",\"id\":\"a\",\"enabled\":true}"),
                           "not_found"));
    assert_non_null(strstr(call(app, "menu:set_enabled", "{\"rid\":\"menu-1\",\"id\":\"a\",\"enabled\":1}"),
                           "bad_args"));
    assert_string_equal(call(app, "menu:insert", "{\"rid\":\"menu-1\",\"index\":0,\"items\":[{\"id\":\"n\"}]}"),
                        "{\"ok\":null}");
    assert_string_equal(m->root.items[0]->id, "n");
    assert_string_equal(call(app, "menu:set_window_menu", "{\"rid\":\"menu-1\"}"), "{\"ok\":null}");
    assert_ptr_equal(fake_menu.bar, m);
    assert_ptr_equal(fake_menu.bar_window, main_w);
    assert_string_equal(call(app, "menu:popup", "{\"rid\":\"menu-1\",\"x\":5,\"y\":6}"), "{\"ok\":null}");
    assert_int_equal(fake_menu.popup_y, 6);
    assert_string_equal(call(app, "menu:popup", "{\"rid\":\"menu-1\"}"), "{\"ok\":null}");
    assert_int_equal(fake_menu.popup_x, -1);
    assert_non_null(strstr(call(app, "menu:popup", "{\"rid\":\"menu-1\",\"x\":-5,\"y\":6}"), "bad_args"));
    /* a bad description: bad_args with the reason */
    r = call(app, "menu:new", "{\"items\":[{\"accelerator\":\"Ctrl+Banana\"}]}");
    assert_non_null(strstr(r, "bad_args"));
    assert_non_null(strstr(r, "Banana"));
    assert_string_equal(call(app, "menu:set_window_menu", "{\"rid\":null}"), "{\"ok\":null}");
    assert_null(fake_menu.bar);
    assert_string_equal(call(app, "menu:close", "{\"rid\":\"menu-1\"}"), "{\"ok\":null}");
    assert_null(sash__menu_find(app, "menu-1", NULL));
}

/* A page sees only the menus its own page made, and they end with it. */
static void pages_see_their_own_menus_which_end_with_the_page(void **state)
{
    sash_app *app = state[0];
    assert_int_equal(sash_menu_enable(app), 0);
    assert_int_equal(sash_capability_add(app, "{\"identifier\":\"m\","
        "\"windows\":[\"main\"],\"permissions\":[\"menu:default\"]}", NULL, 0), 0);
    sash_menu *mine = sash_menu_new(app, "[{\"id\":\"a\",\"text\":\"A\"}]");
    assert_string_equal(mine->rid, "menu-1");
    /* C's menu: invisible to the page (it could free it under C) */
    assert_non_null(strstr(call(app, "menu:close", "{\"rid\":\"menu-1\"}"), "not_found"));
    assert_non_null(strstr(call(app, "menu:set_text", "{\"rid\":\"menu-1\",\"id\":\"a\",\"text\":\"x\"}"),
                           "not_found"));
    assert_string_equal(sash__menu_item_find(mine, "a")->text, "A");
    assert_string_equal(call(app, "menu:new", "{\"items\":[]}"), "{\"ok\":{\"rid\":\"menu-2\"}}");
    assert_string_equal(call(app, "menu:set_window_menu", "{\"rid\":\"menu-2\"}"), "{\"ok\":null}");
    assert_non_null(fake_menu.bar);
    /* a reload: the page's menu goes (and leaves the bar), C's stays */
    sash__window_page_changed(main_w);
    assert_null(sash__menu_find(app, "menu-2", NULL));
    assert_null(fake_menu.bar);
    assert_ptr_equal(sash__menu_find(app, "menu-1", NULL), mine);
}

/* The app menu: every window's bar, later windows included. */
static void app_menu_reaches_new_windows(void **state)
{
    sash_app *app = state[0];
    sash_menu *m = sash_menu_new(app, demo);
    assert_int_equal(sash_app_set_menu(app, m), 0);
    assert_ptr_equal(fake_menu.bar, m);
    assert_ptr_equal(fake_menu.bar_window, main_w);
    sash_window_options wo = {.label = "two"};
    sash_window *two = sash_window_new(app, &wo);
    assert_non_null(two);
    assert_ptr_equal(fake_menu.bar_window, two);
    assert_int_equal(fake_menu.bar_sets, 2);
    sash_menu_free(m); /* no app menu any more */
    wo.label = "three";
    assert_non_null(sash_window_new(app, &wo));
    assert_int_equal(fake_menu.bar_sets, 2);
    assert_int_equal(sash_app_set_menu(NULL, NULL), SASH_EINVAL);
}

static void close_window_item_closes_later(void **state)
{
    sash_app *app = state[0];
    sash_menu *m = sash_menu_new(app, "[{\"kind\":\"predefined\",\"item\":\"close_window\"}]");
    sash_window_set_menu(main_w, m);
    sash__menu_activated(app, m->root.items[0]->key, main_w);
    assert_non_null(sash_app_get_window(app, "main")); /* not inside the signal */
    sash__app_drain(app);
    assert_null(sash_app_get_window(app, "main"));
}

/* -- tray ------------------------------------------------------------------ */

/* A 1x1 PNG. */
static const unsigned char png1[] = {
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d,
    0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01,
    0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00,
    0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0,
    0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99, 0x3d, 0x1d, 0x00, 0x00,
    0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82};

static void tray_checks_icons(void **state)
{
    sash_app *app = state[0];
    int code;
    assert_null(sash_tray_new(app, "t", "GIF89a-not-a-png-at-all-0123456789", 34));
    assert_non_null(strstr(last_message(&code), "not a PNG"));
    assert_int_equal(code, SASH_EINVAL);
    size_t big = 50u << 20;
    unsigned char *huge = calloc(1, big);
    memcpy(huge, png1, sizeof png1);
    assert_null(sash_tray_new(app, "t", huge, big));
    assert_non_null(strstr(last_message(&code), "too big"));
    free(huge);
    unsigned char wide[sizeof png1];
    memcpy(wide, png1, sizeof png1);
    wide[18] = 0x10; /* width 4097 */
    assert_null(sash_tray_new(app, "t", wide, sizeof wide));
    assert_non_null(strstr(last_message(&code), "pixels"));
    assert_null(sash_tray_new(app, "t", NULL, 0));
    assert_int_equal(fake_menu.trays, 0);

    sash_tray *t = sash_tray_new(app, "t", png1, sizeof png1);
    assert_non_null(t);
    assert_int_equal(fake_menu.trays, 1);
    sash_menu *m = sash_menu_new(app, "[{\"id\":\"show\"}]");
    assert_int_equal(sash_tray_set_menu(t, m), 0);
    assert_int_equal(sash_tray_set_tooltip(t, "Hi"), 0);
    assert_int_equal(sash_tray_set_icon(t, "nope", 4), SASH_EINVAL);
    assert_int_equal(fake_menu.tray_updates, 2);
    sash_menu_free(m); /* the tray loses its menu, and is told */
    assert_null(t->menu);
    assert_int_equal(fake_menu.tray_updates, 3);
    got_count = 0;
    sash_listen(app, "sash:tray", on_menu, NULL, NULL);
    sash__tray_clicked(t, "middle");
    assert_int_equal(got_count, 1);
    assert_string_equal(got, "sash:tray {\"button\":\"middle\",\"id\":\"t\",\"tray\":\"tray-1\"}");
    sash_tray_free(t);
    assert_int_equal(fake_menu.trays, 0);
    /* no status area: a clear error */
    fake_menu.tray_fail = 1;
    assert_null(sash_tray_new(app, "t", png1, sizeof png1));
    assert_int_equal(sash_last_error(NULL), SASH_EPLATFORM);
    fake_menu.tray_fail = 0;
    /* one left for sash_app_free() to clean up */
    assert_non_null(sash_tray_new(app, "t2", png1, sizeof png1));
}

static void tray_commands_take_icon_bytes(void **state)
{
    sash_app *app = state[0];
    assert_int_equal(sash_tray_enable(app), 0);
    assert_int_equal(sash_capability_add(app, "{\"identifier\":\"m\","
        "\"windows\":[\"main\"],\"permissions\":[\"tray:allow-new\"]}", NULL, 0), 0);
    /* JSON args without bytes: no icon */
    const char *r = call(app, "tray:new", "{\"id\":\"x\"}");
    assert_non_null(strstr(r, "bad_args"));
    assert_non_null(strstr(r, "no bytes"));
    /* granted one verb only */
    r = call(app, "tray:close", "{\"rid\":\"tray-1\"}");
    assert_non_null(strstr(r, "forbidden"));
}

static void off_ui_thread_is_refused(void **state)
{
    (void)state;
    assert_null(sash_menu_new(NULL, "[]"));
    assert_int_equal(sash_menu_set_text(NULL, "a", "b"), SASH_EINVAL);
    assert_int_equal(sash_window_set_menu(NULL, NULL), SASH_EINVAL);
    assert_int_equal(sash_menu_popup(NULL, main_w, 0, 0), SASH_EINVAL);
    sash_menu_free(NULL);
    sash_tray_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(builds_tree_with_defaults, setup, teardown),
        cmocka_unit_test(accelerators_parse_or_say_why),
        cmocka_unit_test_setup_teardown(bad_descriptions_are_rejected_with_reasons, setup, teardown),
        cmocka_unit_test_setup_teardown(deep_tree_is_rejected, setup, teardown),
        cmocka_unit_test_setup_teardown(huge_menu_is_rejected, setup, teardown),
        cmocka_unit_test_setup_teardown(menus_per_app_are_bounded, setup, teardown),
        cmocka_unit_test_setup_teardown(changes_at_run_time, setup, teardown),
        cmocka_unit_test_setup_teardown(activation_reaches_c_and_page, setup, teardown),
        cmocka_unit_test_setup_teardown(commands_are_denied_by_default, setup, teardown),
        cmocka_unit_test_setup_teardown(commands_build_change_and_show, setup, teardown),
        cmocka_unit_test_setup_teardown(pages_see_their_own_menus_which_end_with_the_page, setup, teardown),
        cmocka_unit_test_setup_teardown(close_window_item_closes_later, setup, teardown),
        cmocka_unit_test_setup_teardown(app_menu_reaches_new_windows, setup, teardown),
        cmocka_unit_test_setup_teardown(tray_checks_icons, setup, teardown),
        cmocka_unit_test_setup_teardown(tray_commands_take_icon_bytes, setup, teardown),
        cmocka_unit_test_setup_teardown(off_ui_thread_is_refused, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
