/* Fuzz target: the IPC envelope parser and dispatcher, through the
 * in-memory backend.  Each input is sent as a JSON message and as a raw
 * message; the properties checked are the ones the app promises: no crash,
 * exactly one reply per message, no call left counted in flight. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../unit/fake_platform.h"

static sash_app *app;
static sash_window *win;

static const char config[] =
    "{\"app\":{\"identifier\":\"dev.sash.fuzz\"},"
    " \"security\":{\"limits\":{\"maxMessageBytes\":65536,\"maxDepth\":16,"
    "   \"maxInFlight\":8},"
    "  \"capabilities\":[{\"identifier\":\"f\",\"windows\":[\"main\"],"
    "   \"permissions\":[\"echo\",\"echo_ui\",\"fail\",\"core:event:emit\"]}]}}";

static void echo(sash_call *c, const json_t *args, void *u)
{
    (void)u;
    sash_resolve(c, json_deep_copy(args));
}

static void fail(sash_call *c, const json_t *args, void *u)
{
    (void)args;
    (void)u;
    sash_reject(c, "fuzz", "%s", "rejected");
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    sash_app_options o = {.config_json = config, .worker_threads = 2};
    app = fake_app_new(&o, &win);
    if (!app || !win)
        abort();
    sash_command(app, "echo", echo, NULL, 0);
    sash_command(app, "echo_ui", echo, NULL, SASH_COMMAND_UI_THREAD);
    sash_command(app, "fail", fail, NULL, 0);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fake_reset();
    /* A private copy without a terminating NUL: the parser must honour len. */
    char *msg = malloc(size ? size : 1);
    if (!msg)
        return 0;
    memcpy(msg, data, size);
    sash__ipc_receive(win, msg, size, (void *)(intptr_t)1);
    free(msg);
    unsigned char *body = malloc(size ? size : 1);
    if (!body)
        abort();
    memcpy(body, data, size);
    sash__ipc_receive_raw(win, "echo", body, size, (void *)(intptr_t)2);
    if (fake_pump_replies(app, 2) != 2 || fake_reply_count() != 2)
        abort(); /* a message without exactly one reply */
    if (atomic_load(&win->in_flight) != 0)
        abort();
    return 0;
}
