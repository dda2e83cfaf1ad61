/*
 * menu.h - the menu and tray model of the core (no platform code), as the
 * backends read it.  A backend renders a sash_menu's tree and reports an
 * activation with sash__menu_activated(); it never changes the model.
 * Everything here is UI-thread only.
 */
#ifndef SASH_MENU_H
#define SASH_MENU_H

#include <stddef.h>

#include "sash.h"

/* Limits: a tree deeper or bigger than this is rejected with a message
 * (JSON from a page is untrusted; a 1,000-deep tree must not recurse). */
#define SASH__MENU_MAX_DEPTH 16     /* submenu nesting, top level = 1 */
#define SASH__MENU_MAX_ITEMS 5000   /* items in one menu's whole tree */
#define SASH__MENU_MAX_MENUS 256    /* live menus per app */
#define SASH__MENU_MAX_TEXT 1024    /* bytes of a label or an id */
#define SASH__TRAY_MAX_ICON (4u << 20) /* bytes of a tray icon PNG */
#define SASH__TRAY_MAX_SIDE 1024    /* pixels, either side */
#define SASH__TRAY_MAX_TRAYS 16

typedef enum sash__item_kind {
    SASH__ITEM_NORMAL = 0,
    SASH__ITEM_CHECK,
    SASH__ITEM_RADIO,
    SASH__ITEM_SEPARATOR,
    SASH__ITEM_SUBMENU,
    SASH__ITEM_PREDEFINED
} sash__item_kind;

/* What a predefined item does (the backend does the editing ones on the
 * window's webview; the core does quit and close_window). */
typedef enum sash__predefined {
    SASH__PRE_NONE = 0,
    SASH__PRE_COPY,
    SASH__PRE_CUT,
    SASH__PRE_PASTE,
    SASH__PRE_SELECT_ALL,
    SASH__PRE_UNDO,
    SASH__PRE_REDO,
    SASH__PRE_QUIT,
    SASH__PRE_ABOUT,
    SASH__PRE_CLOSE_WINDOW,
    SASH__PRE_MINIMIZE
} sash__predefined;

/* Accelerator modifiers.  PRIMARY is "CmdOrCtrl": Ctrl on Linux and
 * Windows, Cmd on macOS (the backend decides). */
#define SASH__MOD_PRIMARY 0x1u
#define SASH__MOD_CTRL 0x2u
#define SASH__MOD_SHIFT 0x4u
#define SASH__MOD_ALT 0x8u
#define SASH__MOD_SUPER 0x10u

typedef struct sash__menu_item sash__menu_item;
struct sash__menu_item {
    unsigned long key;      /* unique in the app: what backends report */
    char *id;               /* the app's id, unique in its menu */
    char *text;             /* label ("" for separators) */
    sash__item_kind kind;
    sash__predefined predefined;
    int enabled, checked;
    char *group;            /* radio group ("" = the default group) */
    unsigned accel_mods;    /* SASH__MOD_* */
    char *accel_key;        /* normalised key ("S", "F5", "Delete"), or NULL */
    sash__menu_item **items; /* children of a submenu */
    size_t count, cap;
    sash__menu_item *parent; /* the menu's root for top-level items */
    sash_menu *menu;
};

struct sash_menu {
    sash_app *app;
    char rid[24];           /* "menu-N": how JS names it */
    sash__menu_item root;   /* a submenu whose items are the top level */
    size_t total;           /* items in the tree (root excluded) */
    char *page;             /* made by this window's page (label), or NULL:
                             * made by C, which pages cannot see */
    sash_menu *next;
};

struct sash_tray {
    sash_app *app;
    char rid[24];           /* "tray-N" */
    char *id;               /* the app's id, sent with its events */
    unsigned char *icon;    /* a PNG, validated */
    size_t icon_len;
    char *tooltip;          /* NULL = none */
    sash_menu *menu;        /* NULL = none */
    void *native;           /* the backend's */
    char *page;             /* as in sash_menu */
    sash_tray *next;
};

/* Parses an accelerator ("CmdOrCtrl+Shift+S"): 0, or -1 with a reason
 * in `why`.  *key is a new string. */
int sash__accel_parse(const char *text, unsigned *mods, char **key,
                      char *why, size_t why_size);

/* Checks PNG bytes (signature, IHDR, size limits): 0, or -1 with why. */
int sash__png_check(const void *data, size_t len, char *why, size_t why_size);

/* The menu or tray named `rid` ("menu-3") that the page of window
 * `page` made (NULL: any, C's included), or NULL. */
sash_menu *sash__menu_find(sash_app *app, const char *rid, const char *page);
sash_tray *sash__tray_find(sash_app *app, const char *rid, const char *page);
/* Marks a menu or tray as made by the page of window `label`: it is freed
 * when that page ends.  0 or SASH_ENOMEM. */
int sash__menu_set_page(sash_menu *m, const char *label);
int sash__tray_set_page(sash_tray *t, const char *label);
/* The item of `m` with id `id`, or NULL. */
sash__menu_item *sash__menu_item_find(const sash_menu *m, const char *id);
/* The item of `m` whose key is `key`, or NULL. */
const sash__menu_item *sash__menu_item_by_key(const sash_menu *m,
                                              unsigned long key);

/* A backend reports that the user activated item `key`, in window `w`
 * (NULL for a tray menu).  The core updates check/radio state, does what
 * a predefined quit/close_window does, and sends the "sash:menu" event to
 * the C listeners and the page(s).  Unknown keys are ignored. */
void sash__menu_activated(sash_app *app, unsigned long key, sash_window *w);
/* A backend reports a click on the tray icon itself (`button`: "left",
 * "middle", ...): the "sash:tray" event. */
void sash__tray_clicked(sash_tray *t, const char *button);
/* Removes a tray (the backend's part too) and frees it. */
void sash__tray_destroy(sash_tray *t);

/* The app's menus and trays, freed by sash_app_free() (menu.c). */
typedef struct sash__menus {
    sash_menu *menus;
    sash_tray *trays;
    sash_menu *app_menu;    /* every window's bar unless it has its own */
    size_t menu_count, tray_count;
    unsigned long next_key, next_rid;
    const char *anchors[2]; /* platform.h: links the backend's menu code */
} sash__menus;
sash__menus *sash__menus_of(sash_app *app);
void sash__menus_free_all(sash_app *app);

#endif
