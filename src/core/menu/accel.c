/*
 * accel.c - accelerators ("CmdOrCtrl+Shift+S") and PNG checks: the parts
 * of menus and trays that read untrusted text and bytes.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../internal.h"
#include "menu.h"

static int ieq(const char *a, size_t n, const char *b)
{
    if (strlen(b) != n)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z')
            x = (char)(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = (char)(y - 'A' + 'a');
        if (x != y)
            return 0;
    }
    return 1;
}

static const struct {
    const char *name;
    unsigned mod;
} mods[] = {
    {"CmdOrCtrl", SASH__MOD_PRIMARY}, {"CommandOrControl", SASH__MOD_PRIMARY},
    {"Primary", SASH__MOD_PRIMARY},   {"Ctrl", SASH__MOD_CTRL},
    {"Control", SASH__MOD_CTRL},      {"Shift", SASH__MOD_SHIFT},
    {"Alt", SASH__MOD_ALT},           {"Option", SASH__MOD_ALT},
    {"Super", SASH__MOD_SUPER},       {"Meta", SASH__MOD_SUPER},
    {"Cmd", SASH__MOD_SUPER},         {"Command", SASH__MOD_SUPER},
};

/* Named keys: accepted spellings -> the normalised name backends map. */
static const struct {
    const char *name, *norm;
} keys[] = {
    {"Enter", "Enter"},       {"Return", "Enter"},     {"Escape", "Escape"},
    {"Esc", "Escape"},        {"Space", "Space"},      {"Tab", "Tab"},
    {"Backspace", "Backspace"}, {"Delete", "Delete"},  {"Del", "Delete"},
    {"Insert", "Insert"},     {"Home", "Home"},        {"End", "End"},
    {"PageUp", "PageUp"},     {"PageDown", "PageDown"}, {"Up", "Up"},
    {"Down", "Down"},         {"Left", "Left"},        {"Right", "Right"},
    {"ArrowUp", "Up"},        {"ArrowDown", "Down"},   {"ArrowLeft", "Left"},
    {"ArrowRight", "Right"},  {"Plus", "Plus"},        {"Minus", "Minus"},
    {"Equal", "Equal"},       {"Comma", "Comma"},      {"Period", "Period"},
    {"Slash", "Slash"},       {"Backslash", "Backslash"},
    {"Semicolon", "Semicolon"}, {"Quote", "Quote"},    {"Backquote", "Backquote"},
    {"BracketLeft", "BracketLeft"}, {"BracketRight", "BracketRight"},
};

static int parse_key(const char *s, size_t n, char **out)
{
    char buf[8];
    if (n == 1 && ((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z') ||
                   (s[0] >= '0' && s[0] <= '9'))) {
        buf[0] = (s[0] >= 'a' && s[0] <= 'z') ? (char)(s[0] - 'a' + 'A') : s[0];
        buf[1] = '\0';
        *out = sash__strdup(buf);
        return *out ? 0 : -1;
    }
    if (n >= 2 && n <= 3 && (s[0] == 'F' || s[0] == 'f')) {
        int v = 0;
        for (size_t i = 1; i < n; i++) {
            if (s[i] < '0' || s[i] > '9')
                return -1;
            v = v * 10 + (s[i] - '0');
        }
        if (v < 1 || v > 24 || s[1] == '0')
            return -1;
        snprintf(buf, sizeof buf, "F%d", v);
        *out = sash__strdup(buf);
        return *out ? 0 : -1;
    }
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (ieq(s, n, keys[i].name)) {
            *out = sash__strdup(keys[i].norm);
            return *out ? 0 : -1;
        }
    return -1;
}

int sash__accel_parse(const char *text, unsigned *mods_out, char **key,
                      char *why, size_t why_size)
{
    *mods_out = 0;
    *key = NULL;
    size_t len = strlen(text);
    if (len == 0 || len > 64) {
        snprintf(why, why_size, "accelerator \"%.64s\": %s", text,
                 len ? "too long" : "empty");
        return -1;
    }
    const char *p = text;
    for (;;) {
        const char *plus = strchr(p, '+');
        /* "Ctrl++" : the key is '+' itself, spelled Plus. */
        size_t n = plus ? (size_t)(plus - p) : strlen(p);
        if (plus && n == 0 && plus[1] == '\0') {
            snprintf(why, why_size, "accelerator \"%s\": write the + key as "
                     "\"Plus\"", text);
            return -1;
        }
        if (!plus) { /* the last part is the key */
            if (parse_key(p, n, key) != 0) {
                free(*key);
                *key = NULL;
                snprintf(why, why_size, "accelerator \"%s\": unknown key "
                         "\"%.*s\" (A-Z, 0-9, F1-F24, Enter, Escape, Space, "
                         "Delete, Up, Plus...)", text, (int)n, p);
                return -1;
            }
            return 0;
        }
        unsigned m = 0;
        for (size_t i = 0; i < sizeof mods / sizeof mods[0] && !m; i++)
            if (ieq(p, n, mods[i].name))
                m = mods[i].mod;
        if (!m) {
            snprintf(why, why_size, "accelerator \"%s\": unknown modifier "
                     "\"%.*s\" (CmdOrCtrl, Ctrl, Shift, Alt, Super)", text,
                     (int)n, p);
            return -1;
        }
        if (*mods_out & m) {
            snprintf(why, why_size, "accelerator \"%s\": modifier \"%.*s\" "
                     "given twice", text, (int)n, p);
            return -1;
        }
        *mods_out |= m;
        p = plus + 1;
    }
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

int sash__png_check(const void *data, size_t len, char *why, size_t why_size)
{
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    const unsigned char *p = data;
    if (!data || len == 0) {
        snprintf(why, why_size, "icon: no bytes");
        return -1;
    }
    if (len > SASH__TRAY_MAX_ICON) {
        snprintf(why, why_size, "icon: %zu bytes is too big (at most %u)", len,
                 SASH__TRAY_MAX_ICON);
        return -1;
    }
    /* signature, then IHDR first: length 13, "IHDR", width, height */
    if (len < 33 || memcmp(p, sig, 8) != 0 || be32(p + 8) != 13 ||
        memcmp(p + 12, "IHDR", 4) != 0) {
        snprintf(why, why_size, "icon: not a PNG (the bytes lack the PNG "
                 "signature and header)");
        return -1;
    }
    uint32_t w = be32(p + 16), h = be32(p + 20);
    if (w == 0 || h == 0 || w > SASH__TRAY_MAX_SIDE || h > SASH__TRAY_MAX_SIDE) {
        snprintf(why, why_size, "icon: %lu x %lu pixels (1 to %d on each side)",
                 (unsigned long)w, (unsigned long)h, SASH__TRAY_MAX_SIDE);
        return -1;
    }
    return 0;
}
