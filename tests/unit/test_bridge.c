/* Unit tests: raw bytes, parked results, cancellation, channels, rows,
 * the profiler and page changes, on the in-memory backend. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "fake_platform.h"

static void bytes_back(sash_call *c, const json_t *args, void *u)
{
    (void)args;
    (void)u;
    size_t len;
    const unsigned char *b = sash_call_bytes(c, &len);
    if (b) { /* echo, reversed, to prove the bytes were read */
        unsigned char *r = malloc(len + 1);
        for (size_t i = 0; i < len; i++)
            r[i] = b[len - 1 - i];
        sash_resolve_bytes(c, r, len, free);
    } else {
        static const char hello[] = "hello";
        sash_resolve_bytes(c, (void *)hello, 5, NULL); /* copied */
    }
}

static void args_of(sash_call *c, const json_t *args, void *u)
{
    (void)u;
    size_t len;
    sash_call_bytes(c, &len);
    sash_resolve(c, json_pack("{s:O,s:I}", "args", args, "len", (json_int_t)len));
}

static atomic_int saw_cancel;

static void waiter(sash_call *c, const json_t *args, void *u)
{
    (void)args;
    (void)u;
    for (int i = 0; i < 300 && !sash_call_cancelled(c); i++)
        fake_sleep_ms(5);
    atomic_store(&saw_cancel, sash_call_cancelled(c));
    sash_resolve(c, NULL);
}

static atomic_int late_rc, late_freed;

static void count_free(void *p)
{
    atomic_fetch_add(&late_freed, 1);
    free(p);
}

/* Answers bytes only once its page has gone. */
static void late_bytes(sash_call *c, const json_t *args, void *u)
{
    (void)args;
    (void)u;
    for (int i = 0; i < 300 && !sash_call_cancelled(c); i++)
        fake_sleep_ms(5);
    void *b = malloc(4);
    memcpy(b, "late", 4);
    atomic_store(&late_rc, sash_resolve_bytes(c, b, 4, count_free));
}

static atomic_int send_rc[8];

static void streamer(sash_call *c, const json_t *args, void *u)
{
    (void)args;
    (void)u;
    sash_channel *ch = sash_call_channel(c, "ch");
    if (!ch) {
        sash_reject(c, SASH_CODE_BAD_ARGS, "no channel");
        return;
    }
    sash_channel_set_capacity(ch, 2, SASH_CHANNEL_DROP);
    for (int i = 0; i < 3; i++)
        atomic_store(&send_rc[i], sash_channel_send(ch, json_integer(i)));
    sash_resolve(c, NULL);
    sash_channel_free(ch);
}

static size_t ten(void *ud) { (void)ud; return 10; }
static int ten_rows(size_t from, size_t to, json_t *out, void *ud)
{
    (void)ud;
    for (size_t i = from; i < to; i++)
        json_array_append_new(out, json_integer((json_int_t)(i * i)));
    return 0;
}

static int setup(void **state)
{
    sash_window *w;
#ifdef _WIN32
    _putenv("SASH_PROFILE=1"); /* the profiler, without debug logs */
#else
    setenv("SASH_PROFILE", "1", 1); /* the profiler, without debug logs */
#endif
    sash_app *app = fake_app_new(NULL, &w);
    if (!app || !w)
        return -1;
    sash_command(app, "bytes_back", bytes_back, NULL, 0);
    sash_command(app, "args_of", args_of, NULL, 0);
    sash_command(app, "waiter", waiter, NULL, 0);
    sash_command(app, "streamer", streamer, NULL, 0);
    sash_command(app, "late_bytes", late_bytes, NULL, 0);
    sash_rows_register(app, "ten", ten, ten_rows, NULL);
    if (sash_capability_add(app, "{\"identifier\":\"t\",\"windows\":[\"main\"],"
            "\"permissions\":[\"bytes_back\",\"args_of\",\"waiter\",\"streamer\","
            "\"ten\",\"late_bytes\"]}", NULL, 0) != 0)
        return -1;
    state[0] = app;
    return 0;
}

static int teardown(void **state)
{
    sash_app_free(state[0]);
    return 0;
}

static sash_window *main_window(void **state)
{
    return sash_app_get_window(state[0], "main");
}

/* The raw wire format: u32 LE header length, JSON header, bytes. */
static unsigned char *frame(const char *header, const void *bytes, size_t n,
                            size_t *len)
{
    size_t h = strlen(header);
    unsigned char *b = malloc(4 + h + n);
    b[0] = (unsigned char)h;
    b[1] = (unsigned char)(h >> 8);
    b[2] = b[3] = 0;
    memcpy(b + 4, header, h);
    memcpy(b + 4 + h, bytes, n);
    *len = 4 + h + n;
    return b;
}

static const char *reply_text(void **state, int handle)
{
    fake_reply *r = NULL;
    for (int i = 0; i < 200 && !(r = fake_reply_for(handle)); i++)
        fake_pump_replies(state[0], fake_reply_count() + 1);
    assert_non_null(r);
    return r->text;
}

static void raw_call_gets_bytes_and_answers_bytes(void **state)
{
    size_t len;
    unsigned char *body = frame("{\"args\":null}", "abcdef", 6, &len);
    sash__ipc_receive_raw(main_window(state), "bytes_back", body, len, (void *)1);
    assert_string_equal(reply_text(state, 1), "<6 bytes>");
    body = frame("{\"args\":{\"k\":\"v\"}}", "xyz", 3, &len);
    sash__ipc_receive_raw(main_window(state), "args_of", body, len, (void *)2);
    assert_string_equal(reply_text(state, 2), "{\"ok\":{\"args\":{\"k\":\"v\"},\"len\":3}}");
}

static void malformed_raw_frames_are_bad_args(void **state)
{
    static const unsigned char shorty[] = {1, 0};
    static const unsigned char liar[] = {200, 0, 0, 0, '{', '}'};
    static const unsigned char notobj[] = {2, 0, 0, 0, '[', ']'};
    const unsigned char *bad[] = {shorty, liar, notobj};
    size_t sizes[] = {sizeof shorty, sizeof liar, sizeof notobj};
    for (int i = 0; i < 3; i++) {
        unsigned char *b = malloc(sizes[i]);
        memcpy(b, bad[i], sizes[i]);
        sash__ipc_receive_raw(main_window(state), "args_of", b, sizes[i],
                              (void *)(intptr_t)(10 + i));
        assert_non_null(strstr(reply_text(state, 10 + i), "bad_args"));
    }
}

static void json_call_answering_bytes_parks_them(void **state)
{
    fake_send(main_window(state), 3, "{\"cmd\":\"bytes_back\"}");
    const char *t = reply_text(state, 3);
    const char *tok = strstr(t, "\"bytes\":\"");
    assert_non_null(tok);
    char token[33];
    memcpy(token, tok + 9, 32);
    token[32] = 0;
    void *data;
    size_t len;
    void (*free_fn)(void *);
    assert_int_equal(sash__ipc_take(main_window(state), token, &data, &len, &free_fn), 0);
    assert_int_equal(len, 5);
    assert_memory_equal(data, "hello", 5);
    free_fn(data);
    /* Taken once only. */
    assert_int_equal(sash__ipc_take(main_window(state), token, &data, &len, &free_fn),
                     SASH_ENOENT);
}

static void cancel_reaches_the_command(void **state)
{
    atomic_store(&saw_cancel, -1);
    fake_send(main_window(state), 4, "{\"cmd\":\"waiter\",\"id\":77}");
    fake_sleep_ms(20);
    fake_send(main_window(state), 5, "{\"cancel\":77}");
    reply_text(state, 4);
    assert_int_equal(atomic_load(&saw_cancel), 1);
}

static void a_new_page_cancels_running_calls(void **state)
{
    atomic_store(&saw_cancel, -1);
    fake_send(main_window(state), 6, "{\"cmd\":\"waiter\"}");
    fake_sleep_ms(20);
    sash__window_page_changed(main_window(state));
    reply_text(state, 6);
    assert_int_equal(atomic_load(&saw_cancel), 1);
}

/* Bytes a call of an old page answers are freed, not parked for a page
 * that will never take them (they stayed until the window closed). */
static void bytes_of_an_old_page_are_not_parked(void **state)
{
    atomic_store(&late_rc, 1);
    atomic_store(&late_freed, 0);
    fake_send(main_window(state), 40, "{\"cmd\":\"late_bytes\"}");
    fake_sleep_ms(20);
    sash__window_page_changed(main_window(state));
    for (int i = 0; i < 200 && atomic_load(&late_rc) == 1; i++)
        fake_sleep_ms(5);
    assert_int_equal(atomic_load(&late_rc), SASH_ECANCELLED);
    assert_int_equal(atomic_load(&late_freed), 1);
}

static void channel_messages_are_ordered_and_bounded(void **state)
{
    fake_send(main_window(state), 7,
              "{\"cmd\":\"streamer\",\"args\":{\"ch\":{\"__sash_channel__\":9}}}");
    reply_text(state, 7);
    /* capacity 2 in drop mode and no acknowledgement: the third is dropped */
    assert_int_equal(atomic_load(&send_rc[0]), 0);
    assert_int_equal(atomic_load(&send_rc[1]), 0);
    assert_int_equal(atomic_load(&send_rc[2]), SASH_EFULL);
    /* Deliveries may span several frames: gather until the close notice. */
    char all[4096] = "";
    for (int tries = 0; tries < 100 && !strstr(all, "[9,\"end\"]"); tries++) {
        fake_pump_evals(state[0], fake_eval_count() + 1);
        all[0] = '\0';
        for (int i = 0; i < fake_eval_count(); i++)
            strncat(all, fake_eval_get(i), sizeof all - strlen(all) - 1);
    }
    const char *a = strstr(all, "[9,\"msg\",0]"), *b = strstr(all, "[9,\"msg\",1]"),
               *end = strstr(all, "[9,\"end\"]");
    assert_non_null(a);
    assert_non_null(b);
    assert_non_null(end); /* freed by C: the page is told */
    assert_true(a < b && b < end);
    assert_null(strstr(all, "[9,\"msg\",2]"));
}

static void bad_channel_argument_is_refused(void **state)
{
    fake_send(main_window(state), 8,
              "{\"cmd\":\"streamer\",\"args\":{\"ch\":{\"__sash_channel__\":\"x\"}}}");
    assert_non_null(strstr(reply_text(state, 8), "bad_args"));
}

static void rows_are_windowed_and_clamped(void **state)
{
    fake_send(main_window(state), 9, "{\"cmd\":\"ten\",\"args\":{\"from\":8,\"to\":50}}");
    assert_string_equal(reply_text(state, 9),
                        "{\"ok\":{\"total\":10,\"from\":8,\"rows\":[64,81]}}");
    fake_send(main_window(state), 10, "{\"cmd\":\"ten\",\"args\":{\"from\":3,\"to\":1}}");
    assert_non_null(strstr(reply_text(state, 10), "bad_args"));
}

static void profiler_counts_calls(void **state)
{
    fake_send(main_window(state), 11, "{\"cmd\":\"args_of\",\"args\":{}}");
    reply_text(state, 11);
    json_t *s = sash_app_stats(state[0]);
    assert_non_null(s);
    json_t *c = json_object_get(json_object_get(s, "calls"), "args_of");
    assert_non_null(c);
    assert_int_equal(json_integer_value(json_object_get(c, "count")), 1);
    assert_true(json_integer_value(json_object_get(c, "bytes_out")) > 0);
    json_decref(s);
    /* The page reads the same table. */
    fake_send(main_window(state), 12, "{\"cmd\":\"__sash_stats\"}");
    assert_non_null(strstr(reply_text(state, 12), "\"args_of\""));
}

/* A long call sent as its JSON text by the bytes path (bridge.js
 * sendText): parsed where it runs, refused when its envelope names another
 * command or id than the request, limits as for any message. */
static void json_text_by_the_bytes_path(void **state)
{
    static const char env[] = "{\"cmd\":\"args_of\",\"id\":7,\"args\":{\"k\":\"\\u00e9\"}}";
    size_t len;
    unsigned char *body = frame("{\"id\":7,\"text\":true}", env, strlen(env), &len);
    sash__ipc_receive_raw(main_window(state), "args_of", body, len, (void *)20);
    assert_string_equal(reply_text(state, 20),
                        "{\"ok\":{\"args\":{\"k\":\"\u00e9\"},\"len\":0}}");
    /* another command in the text than in the request */
    static const char other[] = "{\"cmd\":\"bytes_back\",\"id\":7,\"args\":{}}";
    body = frame("{\"id\":7,\"text\":true}", other, strlen(other), &len);
    sash__ipc_receive_raw(main_window(state), "args_of", body, len, (void *)21);
    assert_non_null(strstr(reply_text(state, 21), "disagree"));
    /* another id, no id, broken text, too deep */
    char deep[400];
    int k = snprintf(deep, sizeof deep, "{\"cmd\":\"args_of\",\"id\":7,\"args\":{\"a\":");
    for (int d = 0; d < 150; d++)
        deep[k++] = '[';
    for (int d = 0; d < 150; d++)
        deep[k++] = ']';
    strcpy(deep + k, "}}");
    const char *const bad[] = {
        "{\"cmd\":\"args_of\",\"id\":8,\"args\":{}}", "{\"cmd\":\"args_of\",\"args\":{}}",
        "{\"cmd\":\"args_of\",\"id\":7,\"args\":{", "",
        deep};
    for (int i = 0; i < 5; i++) {
        body = frame("{\"id\":7,\"text\":true}", bad[i], strlen(bad[i]), &len);
        sash__ipc_receive_raw(main_window(state), "args_of", body, len, (void *)(intptr_t)(22 + i));
        const char *r = reply_text(state, 22 + i);
        assert_true(strstr(r, i == 4 ? "too_deep" : "bad_args") != NULL);
    }
}

static char warned[600];
static void keep_warning(sash_log_level level, const char *message, void *user_data)
{
    (void)user_data;
    if (level == SASH_LOG_WARNING && strstr(message, "JSON over 1 MB"))
        snprintf(warned, sizeof warned, "%s", message);
}

/* The profiler's "send raw bytes instead" warning is for JSON only: a
 * raw-bytes call of 2 MB does not get it, a JSON call of 2 MB does. */
static void profiler_warns_about_json_only(void **state)
{
    sash_set_log_fn(keep_warning, NULL);
    size_t n = 2u << 20, len;
    char *big = malloc(n);
    memset(big, 'x', n);
    unsigned char *body = frame("{\"args\":null}", big, n, &len);
    sash__ipc_receive_raw(main_window(state), "bytes_back", body, len, (void *)30);
    assert_string_equal(reply_text(state, 30), "<2097152 bytes>");
    assert_string_equal(warned, "");
    char *msg = malloc(n + 64);
    int k = snprintf(msg, 64, "{\"cmd\":\"args_of\",\"args\":{\"s\":\"");
    memset(msg + k, 'y', n);
    strcpy(msg + k + n, "\"}}");
    fake_send(main_window(state), 31, msg);
    reply_text(state, 31);
    sash_set_log_fn(NULL, NULL);
    assert_non_null(strstr(warned, "'args_of'"));
    free(msg);
    free(big);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(raw_call_gets_bytes_and_answers_bytes, setup, teardown),
        cmocka_unit_test_setup_teardown(malformed_raw_frames_are_bad_args, setup, teardown),
        cmocka_unit_test_setup_teardown(json_call_answering_bytes_parks_them, setup, teardown),
        cmocka_unit_test_setup_teardown(cancel_reaches_the_command, setup, teardown),
        cmocka_unit_test_setup_teardown(a_new_page_cancels_running_calls, setup, teardown),
        cmocka_unit_test_setup_teardown(bytes_of_an_old_page_are_not_parked, setup, teardown),
        cmocka_unit_test_setup_teardown(channel_messages_are_ordered_and_bounded, setup, teardown),
        cmocka_unit_test_setup_teardown(bad_channel_argument_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(rows_are_windowed_and_clamped, setup, teardown),
        cmocka_unit_test_setup_teardown(profiler_counts_calls, setup, teardown),
        cmocka_unit_test_setup_teardown(json_text_by_the_bytes_path, setup, teardown),
        cmocka_unit_test_setup_teardown(profiler_warns_about_json_only, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
