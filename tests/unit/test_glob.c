/* Unit tests: the glob matcher (labels, permissions, path scopes). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../src/core/security/glob.h"
#include "../glob_ref.h"

#define M(p, t) sash__glob_match((p), (t), 0)
#define P(p, t) sash__glob_match((p), (t), SASH__GLOB_PATH)

static void plain_strings(void **state)
{
    (void)state;
    assert_true(M("main", "main"));
    assert_false(M("main", "mai"));
    assert_false(M("main", "mainx"));
    assert_true(M("*", ""));
    assert_true(M("*", "anything/with/slashes"));
    assert_true(M("editor-*", "editor-1"));
    assert_false(M("editor-*", "editor"));
    assert_true(M("fs:*", "fs:read"));
    assert_false(M("fs:*", "fsx:read"));
    assert_true(M("a*b*c", "aXXbYYc"));
    assert_false(M("a*b*c", "aXXbYY"));
    assert_true(M("?ain", "main"));
    assert_false(M("?", ""));
    assert_true(M("", ""));
    assert_false(M("", "x"));
    assert_false(M(NULL, "x"));
    assert_false(M("x", NULL));
}

static void classes_and_escapes(void **state)
{
    (void)state;
    assert_true(M("w[0-9]", "w7"));
    assert_false(M("w[0-9]", "wa"));
    assert_true(M("w[!0-9]", "wa"));
    assert_true(M("w[^0-9]", "wa"));
    assert_false(M("w[!0-9]", "w1"));
    assert_true(M("[]x]", "]"));
    assert_true(M("[abc]", "b"));
    assert_true(M("a\\*", "a*"));
    assert_false(M("a\\*", "ab"));
    assert_true(M("[", "["));    /* unclosed: an ordinary character */
    assert_int_equal(sash__glob_check("ok/[a-z]/*"), 0);
    assert_int_equal(sash__glob_check("bad/[a-z"), -1);
    assert_int_equal(sash__glob_check("trailing\\"), -1);
}

static void unicode_characters(void **state)
{
    (void)state;
    assert_true(M("caf?", "café"));
    assert_true(M("?", "🚀"));
    assert_false(M("??", "🚀"));
    assert_true(M("*é", "café"));
    assert_true(P("/docs/?.txt", "/docs/é.txt"));
}

static void paths(void **state)
{
    (void)state;
    assert_true(P("/home/u/*", "/home/u/a.txt"));
    assert_false(P("/home/u/*", "/home/u/sub/a.txt")); /* '*' stays in a segment */
    assert_true(P("/home/u/**", "/home/u/sub/deep/a.txt"));
    assert_true(P("/home/u/**", "/home/u"));           /* zero segments */
    assert_false(P("/home/u/**", "/home/user"));
    assert_false(P("/home/u/**", "/home"));
    assert_true(P("/a/**/b", "/a/b"));
    assert_true(P("/a/**/b", "/a/x/y/b"));
    assert_false(P("/a/**/b", "/a/x/y/c"));
    assert_true(P("/a/**/*.txt", "/a/x/y/z.txt"));
    assert_false(P("/a/**/*.txt", "/a/x/y/z.txt/w"));
    assert_true(P("**", "/anything/at/all"));
    assert_true(P("/a/**/b/**/c", "/a/1/b/2/b/3/c"));
    assert_false(P("/a/?", "/a//"));
    assert_false(P("/a/b?c", "/a/b/c")); /* '?' never matches '/' */
    assert_true(P("/a/b*", "/a/b"));
    assert_true(P("/a/x**y", "/a/xzzy")); /* "**" inside a segment is '*' */
    assert_false(P("/a/x**y", "/a/x/y"));
}

static void agrees_with_reference(void **state)
{
    (void)state;
    const char alphabet[] = "ab*?";
    srand(12345);
    for (int n = 0; n < 200000; n++) {
        char p[8], t[9];
        int pl = rand() % 7, tl = rand() % 8;
        for (int i = 0; i < pl; i++)
            p[i] = alphabet[rand() % 4];
        for (int i = 0; i < tl; i++)
            t[i] = alphabet[rand() % 2];
        p[pl] = t[tl] = '\0';
        if (M(p, t) != ref_match(p, t))
            fail_msg("pattern '%s' text '%s': got %d", p, t, M(p, t));
    }
}

/* Patterns that drive naive backtracking exponential finish at once. */
static void no_exponential_blowup(void **state)
{
    (void)state;
    char text[20001], pat[2001], path[40001], ppat[4001];
    memset(text, 'a', 20000);
    text[20000] = '\0';
    for (int i = 0; i < 1000; i++) {
        pat[2 * i] = '*';
        pat[2 * i + 1] = 'a';
    }
    strcpy(pat + 2000 - 1, "b");
    for (int i = 0; i < 10000; i++)
        memcpy(path + 4 * i, "/a/a", 4);
    path[40000] = '\0';
    for (int i = 0; i < 1000; i++)
        memcpy(ppat + 4 * i, "/**/", 4);
    strcpy(ppat + 3999, "b");
    clock_t t0 = clock();
    assert_false(M(pat, text));
    assert_false(P(ppat, path));
    double s = (double)(clock() - t0) / CLOCKS_PER_SEC;
    /* Quadratic worst case: 20000 x 2000 steps, well under a second. */
    assert_true(s < 5.0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(plain_strings),
        cmocka_unit_test(classes_and_escapes),
        cmocka_unit_test(unicode_characters),
        cmocka_unit_test(paths),
        cmocka_unit_test(agrees_with_reference),
        cmocka_unit_test(no_exponential_blowup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
