/* Unit tests: asset path checks, lookup, MIME types, SPA fallback. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "fake_platform.h"
#ifdef SASH_HAVE_ZLIB
#include <zlib.h>
#endif

static const sash_asset assets[] = {
    {"/app.js", (const unsigned char *)"js", 2, "text/javascript; charset=utf-8", 0},
    {"/docs/index.html", (const unsigned char *)"docs", 4, "text/html; charset=utf-8", 0},
    {"/index.html", (const unsigned char *)"<h1>", 4, "text/html; charset=utf-8", 0},
    {"/sp ace.txt", (const unsigned char *)"s", 1, "text/plain; charset=utf-8", 0},
};

static void normalize_accepts_and_decodes(void **state)
{
    (void)state;
    char out[256];
    assert_int_equal(sash__asset_normalize("/a/b.js?x=1#f", out, sizeof out), 0);
    assert_string_equal(out, "/a/b.js");
    assert_int_equal(sash__asset_normalize("/sp%20ace.txt", out, sizeof out), 0);
    assert_string_equal(out, "/sp ace.txt");
    assert_int_equal(sash__asset_normalize("/", out, sizeof out), 0);
    assert_int_equal(sash__asset_normalize("/a..b/c.d", out, sizeof out), 0);
}

static void normalize_refuses_traversal(void **state)
{
    (void)state;
    static const char *bad[] = {
        "/../etc/passwd", "/a/../../x", "/%2e%2e/x", "/%2E%2e%2fx/%2e%2e/y",
        "/a/%2e%2e", "/..", "/.", "/./a", "//etc/passwd", "/a%00b", "/a\\..\\b",
        "/a%5c..%5cb", "/bad%zz", "/bad%4", "/bad%", "relative", "", "/a\x01",
        "/%0a",
    };
    char out[256];
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (sash__asset_normalize(bad[i], out, sizeof out) == 0)
            fail_msg("accepted '%s' as '%s'", bad[i], out);
    assert_int_equal(sash__asset_normalize(NULL, out, sizeof out), -1);
    char tiny[4];
    assert_int_equal(sash__asset_normalize("/long/path", tiny, sizeof tiny), -1);
}

static void lookup_with_index_and_fallback(void **state)
{
    (void)state;
    sash_app_options o = {.assets = assets, .asset_count = 4};
    sash_app *app = fake_app_new(&o, NULL);
    const sash_asset *a;
    assert_int_equal(sash__app_asset(app, "/", &a), 200);
    assert_string_equal(a->path, "/index.html");
    assert_int_equal(sash__app_asset(app, "/docs/", &a), 200);
    assert_string_equal(a->path, "/docs/index.html");
    assert_int_equal(sash__app_asset(app, "/app.js?v=2", &a), 200);
    assert_int_equal(sash__app_asset(app, "/sp%20ace.txt", &a), 200);
    assert_int_equal(sash__app_asset(app, "/missing.js", &a), 404);
    assert_null(a);
    assert_int_equal(sash__app_asset(app, "/route/x", &a), 404);
    assert_int_equal(sash__app_asset(app, "/%2e%2e/index.html", &a), 400);
    app->spa_fallback = 1;
    assert_int_equal(sash__app_asset(app, "/route/x", &a), 200);
    assert_string_equal(a->path, "/index.html");
    assert_int_equal(sash__app_asset(app, "/missing.js", &a), 404);
    sash_app_free(app);
}

static void mime_types(void **state)
{
    (void)state;
    assert_string_equal(sash__mime_for("/a/index.HTML"), "text/html; charset=utf-8");
    assert_string_equal(sash__mime_for("x.mjs"), "text/javascript; charset=utf-8");
    assert_string_equal(sash__mime_for("x.wasm"), "application/wasm");
    assert_string_equal(sash__mime_for("x.svg"), "image/svg+xml");
    assert_string_equal(sash__mime_for("dir.d/noext"), "application/octet-stream");
    assert_string_equal(sash__mime_for(NULL), "application/octet-stream");
}

/* A file stored as is: its own bytes, nothing to free. */
static void data_of_a_plain_file_is_the_file(void **state)
{
    (void)state;
    void *owned = (void *)1;
    assert_ptr_equal(sash_asset_data(&assets[0], &owned), assets[0].data);
    assert_null(owned);
    assert_null(sash_asset_data(NULL, &owned));
    assert_null(sash_asset_data(&assets[0], NULL));
    assert_int_equal(sash_last_error(NULL), SASH_EINVAL);
}

#ifdef SASH_HAVE_ZLIB
/* Raw deflate, as sash-embed --deflate stores files. */
static size_t deflate_raw(const char *text, unsigned char *out, size_t cap)
{
    z_stream z = {0};
    assert_int_equal(deflateInit2(&z, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY), Z_OK);
    z.next_in = (Bytef *)text;
    z.avail_in = (uInt)strlen(text);
    z.next_out = out;
    z.avail_out = (uInt)cap;
    assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
    size_t n = z.total_out;
    deflateEnd(&z);
    return n;
}

/* A deflated file inflates to its size; corrupt data, a lying size or a
 * truncated stream is an error, never bytes past the buffer. */
static void data_of_a_deflated_file_is_inflated_and_checked(void **state)
{
    (void)state;
    static const char text[] = "<!doctype html><p>hello hello hello hello hello hello</p>";
    unsigned char z[256];
    size_t n = deflate_raw(text, z, sizeof z);
    sash_asset a = {"/index.html", z, sizeof text - 1, "text/html", n};
    void *owned;
    const unsigned char *d = sash_asset_data(&a, &owned);
    assert_non_null(d);
    assert_ptr_equal(d, owned);
    assert_memory_equal(d, text, sizeof text - 1);
    free(owned);

    a.size = sizeof text; /* one byte more than the stream holds */
    assert_null(sash_asset_data(&a, &owned));
    assert_null(owned);
    assert_int_equal(sash_last_error(NULL), SASH_EINVAL);
    a.size = sizeof text - 2; /* one byte less */
    assert_null(sash_asset_data(&a, &owned));
    a.size = sizeof text - 1;
    a.packed = n - 1; /* truncated */
    assert_null(sash_asset_data(&a, &owned));
    z[0] ^= 0xff; /* corrupt */
    a.packed = n;
    assert_null(sash_asset_data(&a, &owned));
    assert_null(owned);
}
#endif

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(normalize_accepts_and_decodes),
        cmocka_unit_test(normalize_refuses_traversal),
        cmocka_unit_test(lookup_with_index_and_fallback),
        cmocka_unit_test(mime_types),
        cmocka_unit_test(data_of_a_plain_file_is_the_file),
#ifdef SASH_HAVE_ZLIB
        cmocka_unit_test(data_of_a_deflated_file_is_inflated_and_checked),
#endif
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
