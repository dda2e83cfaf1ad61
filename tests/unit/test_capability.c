/* Unit tests: capabilities (window globs, permissions, permission sets),
 * scopes (allow/deny, deny wins, normalisation) and scope variables. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../src/core/security/capability.h"
#include "sash.h"
#include "../../src/core/security/config.h"

/* Adds a capability given as JSON, with fixed variables. */
static void add(sash__caps *caps, const sash__vars *vars, const char *json)
{
    json_t *obj = json_loads(json, 0, NULL);
    assert_non_null(obj);
    sash__capability cap;
    char err[512];
    int rc = sash__config_capability(obj, "t", vars, &cap, err, sizeof err);
    json_decref(obj);
    if (rc != 0)
        fail_msg("%s", err);
    assert_int_equal(sash__caps_add(caps, &cap), 0);
}

static sash__vars fixed_vars(void)
{
    sash__vars v = {0};
    v.value[SASH__VAR_HOME] = strdup("/home/ada");
    v.value[SASH__VAR_APPDATA] = strdup("/home/ada/.local/share/org.x");
    v.value[SASH__VAR_DOCUMENTS] = strdup("/home/ada/Documents");
    v.value[SASH__VAR_TEMP] = strdup("/tmp");
    return v;
}

static void deny_by_default(void **state)
{
    (void)state;
    sash__caps caps;
    sash__caps_init(&caps);
    assert_false(sash__caps_allows(&caps, "main", "greet"));
    sash__vars v = fixed_vars();
    add(&caps, &v, "{\"identifier\":\"a\",\"windows\":[\"main\"],"
                   "\"permissions\":[\"greet\"]}");
    assert_true(sash__caps_allows(&caps, "main", "greet"));
    assert_false(sash__caps_allows(&caps, "main", "greeting"));
    assert_false(sash__caps_allows(&caps, "other", "greet"));
    assert_false(sash__caps_allows(&caps, NULL, "greet"));
    assert_false(sash__caps_allows(&caps, "main", NULL));
    sash__vars_free(&v);
    sash__caps_free(&caps);
}

static void window_globs_and_permission_sets(void **state)
{
    (void)state;
    sash__caps caps;
    sash__caps_init(&caps);
    sash__vars v = fixed_vars();
    add(&caps, &v, "{\"identifier\":\"editors\",\"windows\":[\"editor-*\"],"
                   "\"permissions\":[\"fs:read\",\"save_*\"]}");
    const char *read_cmds[] = {"fs:read_file", "fs:exists", NULL};
    const char *write_cmds[] = {"fs:write_file", NULL};
    assert_int_equal(sash__caps_define(&caps, "fs:read", read_cmds), 0);
    assert_int_equal(sash__caps_define(&caps, "fs:write", write_cmds), 0);
    assert_true(sash__caps_allows(&caps, "editor-1", "fs:read_file"));
    assert_true(sash__caps_allows(&caps, "editor-2", "fs:exists"));
    assert_false(sash__caps_allows(&caps, "editor-1", "fs:write_file"));
    assert_true(sash__caps_allows(&caps, "editor-1", "save_all"));
    assert_false(sash__caps_allows(&caps, "editor", "fs:read_file"));
    char set[64];
    sash__caps_set_for(&caps, "fs:write_file", set, sizeof set);
    assert_string_equal(set, "fs:write");
    sash__caps_set_for(&caps, "nothing", set, sizeof set);
    assert_string_equal(set, "");
    /* A glob over set names grants the sets. */
    add(&caps, &v, "{\"identifier\":\"all-fs\",\"windows\":[\"admin\"],"
                   "\"permissions\":[\"fs:*\"]}");
    assert_true(sash__caps_allows(&caps, "admin", "fs:write_file"));
    /* Identifiers are unique. */
    json_t *obj = json_loads("{\"identifier\":\"editors\",\"windows\":[\"x\"],"
                             "\"permissions\":[\"y\"]}", 0, NULL);
    sash__capability cap;
    char err[256];
    assert_int_equal(sash__config_capability(obj, "t", &v, &cap, err, sizeof err), 0);
    assert_int_equal(sash__caps_add(&caps, &cap), SASH_EEXIST);
    json_decref(obj);
    sash__vars_free(&v);
    sash__caps_free(&caps);
}

static int exists(const char *name, void *ctx)
{
    (void)ctx;
    return strcmp(name, "greet") == 0;
}

static void report(const char *name, const char *cap, void *ctx)
{
    (void)cap;
    strcat(ctx, name);
    strcat(ctx, ";");
}

static void lint_finds_typos(void **state)
{
    (void)state;
    sash__caps caps;
    sash__caps_init(&caps);
    sash__vars v = fixed_vars();
    add(&caps, &v, "{\"identifier\":\"a\",\"windows\":[\"main\"],"
                   "\"permissions\":[\"greet\",\"gret\",\"x:*\"]}");
    char found[128] = "";
    sash__caps_lint(&caps, exists, report, found);
    assert_string_equal(found, "gret;");
    sash__vars_free(&v);
    sash__caps_free(&caps);
}

static void scopes_deny_wins(void **state)
{
    (void)state;
    sash__caps caps;
    sash__caps_init(&caps);
    sash__vars v = fixed_vars();
    add(&caps, &v, "{\"identifier\":\"a\",\"windows\":[\"main\"],"
                   "\"scopes\":{\"fs\":{\"allow\":[\"$APPDATA/**\",\"$DOCUMENTS/*.txt\"],"
                   "\"deny\":[\"$APPDATA/secret/**\"]}}}");
    add(&caps, &v, "{\"identifier\":\"b\",\"windows\":[\"*\"],"
                   "\"scopes\":{\"fs\":{\"deny\":[\"**/.ssh/**\"]}}}");
    const char *appdata = "/home/ada/.local/share/org.x";
    char p[256];
    snprintf(p, sizeof p, "%s/notes/a.json", appdata);
    assert_true(sash__caps_scope_allows(&caps, "main", "fs", p));
    assert_true(sash__caps_scope_allows(&caps, "main", "fs", appdata));
    snprintf(p, sizeof p, "%s/secret/key", appdata);
    assert_false(sash__caps_scope_allows(&caps, "main", "fs", p));
    snprintf(p, sizeof p, "%s/secret", appdata);
    assert_false(sash__caps_scope_allows(&caps, "main", "fs", p));
    /* Deny from another applying capability wins too. */
    snprintf(p, sizeof p, "%s/.ssh/id_rsa", appdata);
    assert_false(sash__caps_scope_allows(&caps, "main", "fs", p));
    /* ".." cannot climb out; "//" and "." collapse. */
    snprintf(p, sizeof p, "%s/../../../.bashrc", appdata);
    assert_false(sash__caps_scope_allows(&caps, "main", "fs", p));
    snprintf(p, sizeof p, "%s/x/../secret/key", appdata);
    assert_false(sash__caps_scope_allows(&caps, "main", "fs", p));
    snprintf(p, sizeof p, "%s//./notes/./b", appdata);
    assert_true(sash__caps_scope_allows(&caps, "main", "fs", p));
    assert_true(sash__caps_scope_allows(&caps, "main", "fs",
                                        "/home/ada/Documents/list.txt"));
    assert_false(sash__caps_scope_allows(&caps, "main", "fs",
                                         "/home/ada/Documents/sub/list.txt"));
    /* Relative paths, other windows, other scopes: no. */
    assert_false(sash__caps_scope_allows(&caps, "main", "fs", "notes/a.json"));
    snprintf(p, sizeof p, "%s/notes/a.json", appdata);
    assert_false(sash__caps_scope_allows(&caps, "other", "fs", p));
    assert_false(sash__caps_scope_allows(&caps, "main", "http", p));
    assert_false(sash__caps_scope_allows(&caps, "main", "fs", NULL));
    sash__vars_free(&v);
    sash__caps_free(&caps);
}

static void normalize(void **state)
{
    (void)state;
    struct { const char *in, *out; } cases[] = {
        {"/", "/"}, {"//", "/"}, {"/a/b/", "/a/b"}, {"/a/./b", "/a/b"},
        {"/a/../b", "/b"}, {"/../..", "/"}, {"/a/b/../../../c", "/c"},
        {"/a//b", "/a/b"}, {"/a/...", "/a/..."}, {"/.hidden", "/.hidden"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *n = sash__path_normalize(cases[i].in);
        assert_non_null(n);
        assert_string_equal(n, cases[i].out);
        free(n);
    }
    assert_null(sash__path_normalize("relative/x"));
    assert_null(sash__path_normalize(""));
    assert_null(sash__path_normalize(NULL));
}

static void expand_errors_and_escaping(void **state)
{
    (void)state;
    sash__vars v = {0};
    v.value[SASH__VAR_HOME] = strdup("/home/we*rd[1]");
    char *out, err[256];
    assert_int_equal(sash__scope_expand("$HOME/**", &v, &out, err, sizeof err), 0);
    assert_string_equal(out, "/home/we\\*rd\\[1\\]/**");
    free(out);
    assert_int_equal(sash__scope_expand("$NOPE/x", &v, &out, err, sizeof err), -1);
    assert_non_null(strstr(err, "unknown variable $NOPE"));
    assert_int_equal(sash__scope_expand("$APPDATA/x", &v, &out, err, sizeof err), -1);
    assert_non_null(strstr(err, "not available"));
    assert_int_equal(sash__scope_expand("$HOMEX", &v, &out, err, sizeof err), -1);
    assert_int_equal(sash__scope_expand("**/.git/**", &v, &out, err, sizeof err), 0);
    assert_string_equal(out, "**/.git/**");
    free(out);
    assert_int_equal(sash__scope_expand("rel/x", &v, &out, err, sizeof err), -1);
    assert_non_null(strstr(err, "absolute"));
    assert_int_equal(sash__scope_expand("/a/../b", &v, &out, err, sizeof err), -1);
    assert_int_equal(sash__scope_expand("/a/[b", &v, &out, err, sizeof err), -1);
    /* A folder name with glob characters matches only itself. */
    sash__caps caps;
    sash__caps_init(&caps);
    add(&caps, &v, "{\"identifier\":\"a\",\"windows\":[\"main\"],"
                   "\"scopes\":{\"fs\":{\"allow\":[\"$HOME/*\"]}}}");
    assert_true(sash__caps_scope_allows(&caps, "main", "fs", "/home/we*rd[1]/f"));
    assert_false(sash__caps_scope_allows(&caps, "main", "fs", "/home/weXrd1/f"));
    sash__caps_free(&caps);
    sash__vars_free(&v);
}

static void variables_from_environment(void **state)
{
    (void)state;
    char dir[] = "/tmp/sash-vars-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char cfg[256], file[300];
    snprintf(cfg, sizeof cfg, "%s/cfg", dir);
    mkdir(cfg, 0700);
    snprintf(file, sizeof file, "%s/user-dirs.dirs", cfg);
    FILE *f = fopen(file, "w");
    assert_non_null(f);
    fputs("# comment\nXDG_DOCUMENTS_DIR=\"$HOME/Papiers\"\n"
          "XDG_DOWNLOAD_DIR=\"$HOME/\"\n", f);
    fclose(f);
    setenv("HOME", "/home/ada/", 1);
    setenv("XDG_CONFIG_HOME", cfg, 1);
    setenv("XDG_DATA_HOME", "relative/ignored", 1);
    unsetenv("XDG_CACHE_HOME");
    setenv("TMPDIR", "/var/tmp", 1);
    sash__vars v;
    sash__vars_init(&v, "org.example.app");
    assert_string_equal(v.value[SASH__VAR_HOME], "/home/ada");
    assert_string_equal(v.value[SASH__VAR_APPDATA],
                        "/home/ada/.local/share/org.example.app");
    assert_string_equal(v.value[SASH__VAR_APPCACHE],
                        "/home/ada/.cache/org.example.app");
    char want[300];
    snprintf(want, sizeof want, "%s/org.example.app", cfg);
    assert_string_equal(v.value[SASH__VAR_APPCONFIG], want);
    assert_string_equal(v.value[SASH__VAR_DOCUMENTS], "/home/ada/Papiers");
    /* "$HOME/" means disabled: the default folder is used instead. */
    assert_string_equal(v.value[SASH__VAR_DOWNLOADS], "/home/ada/Downloads");
    assert_string_equal(v.value[SASH__VAR_TEMP], "/var/tmp");
    sash__vars_free(&v);
    unsetenv("HOME");
    sash__vars_init(&v, "org.example.app");
    assert_null(v.value[SASH__VAR_HOME]);
    assert_null(v.value[SASH__VAR_APPDATA]);
    assert_non_null(v.value[SASH__VAR_TEMP]);
    sash__vars_free(&v);
    remove(file);
    rmdir(cfg);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(deny_by_default),
        cmocka_unit_test(window_globs_and_permission_sets),
        cmocka_unit_test(lint_finds_typos),
        cmocka_unit_test(scopes_deny_wins),
        cmocka_unit_test(normalize),
        cmocka_unit_test(expand_errors_and_escaping),
        cmocka_unit_test(variables_from_environment),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
