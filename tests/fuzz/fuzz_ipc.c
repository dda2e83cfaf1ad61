/* Fuzz target: the IPC envelope parser and dispatcher, through the
 * in-memory backend.  Each input is sent as a JSON message, as a raw
 * message, and as the body of a large message after the bridge's head
 * (parsed late, on a worker: envelope_head.c); the properties checked are
 * the ones the app promises: no crash, exactly one reply per message, no
 * call left counted in flight. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../unit/fake_platform.h"
#include "ipc/envelope_head.h"

static sash_app *app;
static sash_window *win;

static const char config[] =
    "{\"app\":{\"identifier\":\"dev.sash.fuzz\"},"
    " \"security\":{\"limits\":{\"maxMessageBytes\":1048576,\"maxDepth\":16,"
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
    /* The head claims echo (or echo_ui); the input is the rest, padded
     * with spaces past the late-parse size. */
    static const char *const heads[] = {"{\"cmd\":\"echo\",\"id\":3,\"args\":",
                                        "{\"cmd\":\"echo_ui\",\"args\":"};
    const char *head = heads[size && (data[0] & 1)];
    size_t hlen = strlen(head), len = hlen + size + SASH__LATE_PARSE_MIN;
    char *big = malloc(len);
    if (!big)
        abort();
    memcpy(big, head, hlen);
    memcpy(big + hlen, data, size);
    memset(big + hlen + size, ' ', SASH__LATE_PARSE_MIN);
    sash__ipc_receive_owned(win, big, len, (void *)(intptr_t)3);
    /* The input as a long call's text sent by the bytes path (header
     * {"id":3,"text":true}, bridge.js sendText), parsed late too. */
    static const char th[] = "{\"id\":3,\"text\":true}";
    size_t tlen = 4 + sizeof th - 1 + size;
    unsigned char *text = malloc(tlen);
    if (!text)
        abort();
    text[0] = (unsigned char)(sizeof th - 1);
    text[1] = text[2] = text[3] = 0;
    memcpy(text + 4, th, sizeof th - 1);
    memcpy(text + 4 + sizeof th - 1, data, size);
    sash__ipc_receive_raw(win, "echo", text, tlen, (void *)(intptr_t)4);
    if (fake_pump_replies(app, 4) != 4 || fake_reply_count() != 4)
        abort(); /* a message without exactly one reply */
    if (atomic_load(&win->in_flight) != 0)
        abort();
    return 0;
}
