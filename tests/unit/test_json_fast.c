/*
 * test_json_fast.c - the bridge's JSON reader and writer (ipc/json_fast)
 * on the cases that matter, each checked against jansson itself: the
 * differential fuzz target (fuzz.json) explores the rest.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ipc/json_fast.h"

/* Reads `text` both ways: both accept with equal values, or both refuse. */
static void same_as_jansson(const char *text, size_t len, int valid)
{
    json_t *ref = json_loadb(text, len, JSON_ALLOW_NUL, NULL);
    json_t *got = sash__json_read(text, len, NULL);
    assert_int_equal(ref != NULL, valid);
    assert_int_equal(got != NULL, valid);
    if (valid) {
        assert_true(json_equal(ref, got));
        char *a = json_dumps(ref, JSON_COMPACT);
        size_t n = 0;
        char *b = sash__json_write(ref, &n);
        assert_non_null(b);
        assert_int_equal(strlen(a), n);
        assert_memory_equal(a, b, n);
        free(a);
        free(b);
    }
    json_decref(ref);
    json_decref(got);
}
#define SAME(lit, valid) same_as_jansson(lit, sizeof(lit) - 1, valid)

static void envelopes_and_escapes(void **state)
{
    (void)state;
    SAME("{\"cmd\":\"greet\",\"args\":{\"name\":\"world\"}}", 1);
    SAME(" [ 1 , -2 , 0 , true , false , null , {} , [] ] ", 1);
    SAME("[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"]", 1);
    SAME("[\"\\u0000 inside\", \"\\u001f\\u007f\\u00e9\\u20ac\"]", 1);
    SAME("[\"\\ud83d\\ude00 pair\", \"\\uD834\\uDD1E\"]", 1);
    SAME("{\"dup\":1,\"dup\":2,\"\":\"empty key\"}", 1);
    SAME("[\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\"]", 1);
}

static void numbers_as_jansson(void **state)
{
    (void)state;
    SAME("[9223372036854775807,-9223372036854775808]", 1);
    SAME("[9223372036854775808]", 0); /* too big integer */
    SAME("[-9223372036854775809]", 0);
    SAME("[0.1,1.5e-7,1e300,-0.0,2.5E+10,100.0,1e22]", 1);
    SAME("[1e400]", 0); /* real overflow */
    SAME("[01]", 0);
    SAME("[1.]", 0);
    SAME("[.5]", 0);
    SAME("[-]", 0);
    SAME("[1e]", 0);
}

static void refusals(void **state)
{
    (void)state;
    SAME("[\"\\ud83d alone\"]", 0);   /* high surrogate alone */
    SAME("[\"\\ude00 alone\"]", 0);   /* low surrogate alone */
    SAME("[\"\\u12\"]", 0);
    SAME("[\"\\x\"]", 0);
    SAME("[\"\xc3\"]", 0);             /* truncated UTF-8 */
    SAME("[\"\xc0\xaf\"]", 0);         /* overlong */
    SAME("[\"\xed\xa0\x80\"]", 0);     /* UTF-8 surrogate */
    SAME("[\"\xf4\x90\x80\x80\"]", 0); /* above U+10FFFF */
    SAME("[\"tab\there\"]", 0);         /* raw control character */
    SAME("{\"a\\u0000b\":1}", 0);       /* NUL in a key */
    SAME("\"top-level string\"", 0);
    SAME("{\"a\":1} trailing", 0);
    SAME("{\"a\":1,}", 0);
    SAME("[1,]", 0);
    SAME("{\"a\" 1}", 0);
    SAME("[tru]", 0);
    SAME("", 0);
    SAME("[\"unterminated", 0);
}

static void depth_limit_is_janssons(void **state)
{
    (void)state;
    for (int depth = 2048; depth <= 2049; depth++) {
        char *t = malloc((size_t)depth * 2 + 1);
        memset(t, '[', (size_t)depth);
        memset(t + depth, ']', (size_t)depth);
        same_as_jansson(t, (size_t)depth * 2, depth == 2048);
        free(t);
    }
}

static void a_lower_limit_says_too_deep(void **state)
{
    (void)state;
    int deep = -1;
    json_t *v = sash__json_read_limited("[[[1]]]", 7, 3, &deep, NULL);
    assert_non_null(v);
    assert_int_equal(deep, 0);
    json_decref(v);
    assert_null(sash__json_read_limited("[[[[1]]]]", 9, 3, &deep, NULL));
    assert_int_equal(deep, 1);
    assert_null(sash__json_read_limited("[[[1]]", 6, 3, &deep, NULL));
    assert_int_equal(deep, 0); /* malformed, not too deep */
    /* strings do not count: brackets inside them are text */
    v = sash__json_read_limited("[\"[[[[[[\"]", 10, 1, &deep, NULL);
    assert_non_null(v);
    json_decref(v);
}

static void error_offset_and_bad_utf8_output(void **state)
{
    (void)state;
    size_t at = 0;
    assert_null(sash__json_read("{\"a\":?}", 7, &at));
    assert_int_equal(at, 5);
    /* a string made without a check holds invalid UTF-8: writing fails,
     * as json_dumps() does, instead of sending it to the page */
    json_t *bad = json_pack("[o]", json_stringn_nocheck("\xff", 1));
    assert_null(sash__json_write(bad, NULL));
    assert_null(json_dumps(bad, JSON_COMPACT));
    json_decref(bad);
    /* any value at the top level (channel messages are scalars) */
    json_t *n = json_integer(42);
    char *s = sash__json_write(n, NULL);
    assert_string_equal(s, "42");
    free(s);
    json_decref(n);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(envelopes_and_escapes),
        cmocka_unit_test(numbers_as_jansson),
        cmocka_unit_test(refusals),
        cmocka_unit_test(depth_limit_is_janssons),
        cmocka_unit_test(a_lower_limit_says_too_deep),
        cmocka_unit_test(error_offset_and_bad_utf8_output),
    };
    return cmocka_run_group_tests_name("json_fast", tests, NULL, NULL);
}
