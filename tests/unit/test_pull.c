/* Unit tests: deliveries by pull (delivery.c) on the fake backend with
 * pull_deliveries on.  The test plays the page by hand: it parks each pull
 * ({"pull":true}) itself, so every interleaving of pulls, events and
 * replies is chosen here, not left to timing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "fake_platform.h"

static sash__platform pull_platform;

static void now(sash_call *call, const json_t *args, void *ud)
{
    (void)args, (void)ud;
    sash_resolve(call, json_string("done"));
}

static int setup(void **state)
{
    sash_window *w = NULL;
    pull_platform = fake_platform;
    pull_platform.pull_deliveries = 1;
    fake_reset();
    sash_app_options o = {0};
    sash_app *app = sash__app_new_with(&o, sizeof o, &pull_platform);
    sash_window_options wo = {.label = "main"};
    if (app)
        w = sash_window_new(app, &wo);
    state[0] = app;
    state[1] = w;
    return app && w &&
           sash_command(app, "now", now, NULL, SASH_COMMAND_UI_THREAD) == 0 &&
           sash_capability_add(app, "{\"identifier\":\"t\",\"windows\":[\"main\"],"
                               "\"permissions\":[\"now\"]}", NULL, 0) == 0 ? 0 : -1;
}

static int teardown(void **state)
{
    sash_app_free(state[0]);
    return 0;
}

#define PULL "{\"pull\":true}"
#define NOW "{\"cmd\":\"now\"}"

/* Position of handle h among the recorded replies, or -1. */
static int reply_index(int h)
{
    for (int i = 0; i < fake_reply_count(); i++)
        if (fake_reply_get(i)->handle == h)
            return i;
    return -1;
}

static const char *reply_text(int h)
{
    fake_reply *r = fake_reply_for(h);
    return r && r->text ? r->text : "(none)";
}

/* Runs the UI queue and the pacing timer until nothing is left. */
static void settle(sash_app *app)
{
    for (int i = 0; i < 5; i++)
        fake_pump_once(app, 20);
}

static void a_parked_pull_carries_the_batch(void **state)
{
    sash_app *app = state[0];
    sash_window *w = state[1];
    fake_send(w, 100, PULL);
    settle(app);
    assert_null(fake_reply_for(100)); /* nothing to deliver: it waits */
    sash_emit(app, "e", json_integer(1));
    sash_emit(app, "e", json_integer(2));
    assert_int_equal(fake_pump_replies(app, 1), 1);
    assert_string_equal(reply_text(100), "[[\"e\",1],[\"e\",2]]");
    assert_int_equal(fake_eval_count(), 0); /* no script ran in the page */
    /* Without a pull, events wait; the next pull takes them at once. */
    sash_emit(app, "e", json_integer(3));
    settle(app);
    assert_int_equal(fake_reply_count(), 1);
    fake_send(w, 101, PULL);
    assert_string_equal(reply_text(101), "[[\"e\",3]]");
}

/* A reply held behind events queued before it goes right after the pull
 * that carries them, and before the events queued after it. */
static void a_reply_never_overtakes_earlier_events(void **state)
{
    sash_app *app = state[0];
    sash_window *w = state[1];
    sash_emit(app, "e", json_integer(1));
    fake_send(w, 1, NOW); /* resolved on the UI thread, reply queued */
    sash_emit(app, "e", json_integer(2));
    settle(app);
    assert_null(fake_reply_for(1)); /* held: e1 is still in C */
    fake_send(w, 100, PULL);
    assert_string_equal(reply_text(100), "[[\"e\",1]]");
    assert_string_equal(reply_text(1), "{\"ok\":\"done\"}");
    assert_true(reply_index(100) < reply_index(1));
    fake_send(w, 101, PULL); /* e2, queued after the reply */
    assert_string_equal(reply_text(101), "[[\"e\",2]]");
    /* With a pull parked, a reply first flushes what is pending. */
    fake_send(w, 102, PULL);
    sash_emit(app, "e", json_integer(3));
    sash__app_drain(app); /* e3 buffered; its paced flush not run yet */
    fake_send(w, 2, NOW);
    settle(app);
    assert_string_equal(reply_text(102), "[[\"e\",3]]");
    assert_true(reply_index(102) < reply_index(2));
}

/* Two held replies with events between them: each waits for its own. */
static void held_replies_keep_their_places(void **state)
{
    sash_app *app = state[0];
    sash_window *w = state[1];
    sash_emit(app, "e", json_integer(1));
    fake_send(w, 1, NOW);
    sash_emit(app, "e", json_integer(2));
    fake_send(w, 2, NOW);
    fake_send(w, 3, NOW);
    settle(app);
    assert_int_equal(fake_reply_count(), 0);
    fake_send(w, 100, PULL);
    assert_string_equal(reply_text(100), "[[\"e\",1]]");
    assert_non_null(fake_reply_for(1));
    assert_null(fake_reply_for(2));
    fake_send(w, 101, PULL);
    assert_string_equal(reply_text(101), "[[\"e\",2]]");
    assert_true(reply_index(1) < reply_index(101));
    assert_true(reply_index(101) < reply_index(2));
    assert_true(reply_index(2) < reply_index(3));
}

/* A new page: the old page's pull is dropped, held replies leave (to the
 * old page, which is gone), its events never reach the new page. */
static void a_new_page_ends_the_old_pull(void **state)
{
    sash_app *app = state[0];
    sash_window *w = state[1];
    sash_emit(app, "old", NULL);
    fake_send(w, 1, NOW);
    settle(app);
    assert_null(fake_reply_for(1));
    sash__window_page_changed(w);
    assert_non_null(fake_reply_for(1));
    fake_send(w, 100, PULL);
    settle(app);
    assert_null(fake_reply_for(100)); /* "old" is gone: nothing to send */
    sash__window_page_changed(w);
    assert_true(fake_reply_for(100)->dropped);
    fake_send(w, 101, PULL);
    sash_emit(app, "new", NULL);
    assert_int_equal(fake_pump_replies(app, 3), 3);
    assert_string_equal(reply_text(101), "[[\"new\",null]]");
}

/* A second pull (a page posting one itself, or a second loop) ends the
 * first one's loop: it is answered null, not a batch. */
static void a_second_pull_ends_the_first(void **state)
{
    sash_app *app = state[0];
    sash_window *w = state[1];
    fake_send(w, 100, PULL);
    fake_send(w, 101, PULL);
    assert_string_equal(reply_text(100), "null");
    sash_emit(app, "e", NULL);
    assert_int_equal(fake_pump_replies(app, 2), 2);
    assert_string_equal(reply_text(101), "[[\"e\",null]]");
}

/* Closing the window drops the parked pull and the held replies. */
static void a_closed_window_drops_pull_and_held_replies(void **state)
{
    sash_app *app = state[0];
    sash_window *w = state[1];
    sash_window_options wo = {.label = "other"};
    sash_window *o = sash_window_new(app, &wo);
    assert_non_null(o);
    fake_send(o, 100, PULL);
    sash_emit(app, "e", NULL);
    fake_send(w, 1, NOW);
    settle(app);
    assert_string_equal(reply_text(100), "[[\"e\",null]]"); /* other's */
    assert_null(fake_reply_for(1));                       /* main's: held */
    fake_send(o, 101, PULL);
    assert_int_equal(sash_window_close(o), 0);
    assert_true(fake_reply_for(101)->dropped);
    assert_int_equal(sash_window_close(w), 0);
    assert_true(fake_reply_for(1)->dropped);
}

/* A backend that delivers by script refuses pulls. */
static void a_script_backend_refuses_pulls(void **state)
{
    (void)state;
    sash_window *w;
    sash_app *app = fake_app_new(NULL, &w);
    assert_non_null(app);
    fake_send(w, 100, PULL);
    assert_int_equal(fake_pump_replies(app, 1), 1);
    assert_non_null(strstr(reply_text(100), "\"bad_args\""));
    sash_emit(app, "e", NULL);
    assert_true(fake_pump_evals(app, 1) >= 1); /* window_deliver, as before */
    sash_app_free(app);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(a_parked_pull_carries_the_batch, setup, teardown),
        cmocka_unit_test_setup_teardown(a_reply_never_overtakes_earlier_events, setup, teardown),
        cmocka_unit_test_setup_teardown(held_replies_keep_their_places, setup, teardown),
        cmocka_unit_test_setup_teardown(a_new_page_ends_the_old_pull, setup, teardown),
        cmocka_unit_test_setup_teardown(a_second_pull_ends_the_first, setup, teardown),
        cmocka_unit_test_setup_teardown(a_closed_window_drops_pull_and_held_replies, setup, teardown),
        cmocka_unit_test(a_script_backend_refuses_pulls),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
