/*
 * harness.c - see harness.h.
 */
#define _DEFAULT_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "harness.h"

static const char *watched;
static unsigned limit;

static void *watchdog(void *arg)
{
    (void)arg;
    sleep(limit);
    fprintf(stderr, "%s: TIMEOUT after %u s\n", watched, limit);
    _exit(3);
}

void harness_watchdog(const char *prog, unsigned seconds)
{
    pthread_t t;
    watched = prog;
    limit = seconds;
    if (pthread_create(&t, NULL, watchdog, NULL) == 0)
        pthread_detach(t);
}

int harness_read_report(const json_t *report, json_int_t *passed,
                        json_int_t *failed)
{
    json_t *lines = NULL;
    *passed = *failed = 0;
    if (json_unpack((json_t *)report, "{s:I,s:I,s:o}", "passed", passed,
                    "failed", failed, "lines", &lines) != 0)
        return -1;
    size_t i;
    json_t *line;
    json_array_foreach(lines, i, line)
        printf("  %s\n", json_string_value(line));
    return 0;
}

void harness_report(sash_call *call, const json_t *args, void *ud)
{
    (void)ud;
    json_int_t passed, failed;
    if (harness_read_report(args, &passed, &failed) != 0) {
        sash_reject(call, SASH_CODE_BAD_ARGS, "bad report");
        return;
    }
    printf("%lld passed, %lld failed\n", (long long)passed, (long long)failed);
    fflush(stdout);
    sash_resolve(call, NULL);
    if (!getenv("HARNESS_HOLD"))
        sash_app_quit(sash_call_app(call), failed || !passed ? 1 : 0);
}

void harness_keep(json_t **slot, const json_t *p)
{
    json_decref(*slot);
    *slot = json_deep_copy(p);
}

void harness_keep_result(sash_app *app, const char *label, const char *name,
                         const json_t *p, void *results)
{
    (void)app, (void)label, (void)name;
    json_object_set(results, json_string_value(json_object_get(p, "what")),
                    (json_t *)p);
}

int harness_listen(int *port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET,
                            .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof a;
    if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof a) != 0 ||
        listen(fd, 16) != 0 || getsockname(fd, (struct sockaddr *)&a, &len) != 0) {
        if (fd >= 0)
            close(fd);
        return -1;
    }
    *port = ntohs(a.sin_port);
    return fd;
}

void harness_read_path(int fd, char *path, size_t size)
{
    char req[8192] = "";
    size_t got = 0;
    while (got < sizeof req - 1 && !strstr(req, "\r\n\r\n")) {
        ssize_t r = read(fd, req + got, sizeof req - 1 - got);
        if (r <= 0)
            break;
        got += (size_t)r;
        req[got] = '\0';
    }
    const char *at = strchr(req, ' ');
    size_t n = at ? strcspn(at + 1, " \t\r\n") : 0;
    if (!n) {
        snprintf(path, size, "/");
        return;
    }
    if (n >= size) /* cut, as sscanf's %1023s did */
        n = size - 1;
    memcpy(path, at + 1, n);
    path[n] = '\0';
}

void harness_send_all(int fd, const void *data, size_t n)
{
    const char *p = data;
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w <= 0)
            return;
        p += w;
        n -= (size_t)w;
    }
}
