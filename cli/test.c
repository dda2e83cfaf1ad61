/* test.c - sash test e2e: build the app (as sash build does), give it a
 * display (Xvfb when there is none), and run its WebDriver specs
 * (e2e/NAME.e2e.mjs) with node --test.  docs/testing.md. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

#define XVFB_WAIT_MS 15000

static volatile sig_atomic_t stop_signal;

/* Ctrl-C: the runner stops (its specs close their apps), then Xvfb. */
static void on_signal(int sig)
{
    int saved = errno;
    stop_signal = sig;
    if (cli_fg_child > 0)
        kill(-cli_fg_child, SIGTERM);
    errno = saved;
}

static void usage(FILE *f)
{
    fputs("usage: sash test e2e [--app PATH] [SPEC...]\n"
          "\n"
          "Runs the app's end-to-end specs through WebDriver: builds the app as\n"
          "`sash build` does (unless --app names a binary), starts Xvfb on a free\n"
          "display when DISPLAY and WAYLAND_DISPLAY are unset, and runs\n"
          "`node --test` on the specs (default: e2e/*.e2e.mjs) with SASH_E2E_APP\n"
          "set to the binary.  Specs drive the app with @sash/e2e's launch(),\n"
          "which needs WebKitWebDriver (Debian: webkit2gtk-driver).  The exit\n"
          "status is the test runner's.\n"
          "\n"
          "  --app PATH   test this binary; no build (any folder with e2e/)\n",
          f);
}

static int has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Appends e2e/<name> for every e2e/NAME.e2e.mjs in root, sorted; the count. */
static int default_specs(const char *root, char **argv, int max)
{
    char dir[CLI_PATH_MAX];
    if (cli_join(dir, sizeof dir, root, "e2e") != 0)
        return 0;
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    int n = 0;
    struct dirent *e;
    while (n < max && (e = readdir(d))) {
        if (e->d_name[0] == '.' || !has_suffix(e->d_name, ".e2e.mjs"))
            continue;
        size_t len = strlen(e->d_name) + 5;
        char *p = malloc(len);
        if (!p)
            break;
        snprintf(p, len, "e2e/%s", e->d_name);
        argv[n++] = p;
    }
    closedir(d);
    qsort(argv, (size_t)n, sizeof *argv, cmp_str);
    return n;
}

/* Starts Xvfb on a display it picks itself (-displayfd) and waits until
 * it serves; sets DISPLAY.  Returns its pid or -1 (printed). */
static pid_t start_xvfb(void)
{
    char xvfb[CLI_PATH_MAX];
    if (!cli_which("Xvfb", xvfb, sizeof xvfb)) {
        fprintf(stderr, "sash test: no display (DISPLAY and WAYLAND_DISPLAY are unset) "
                        "and no Xvfb to start one: sudo apt-get install xvfb\n");
        return -1;
    }
    int fds[2];
    if (pipe(fds) != 0)
        return -1;
    char fdarg[16];
    snprintf(fdarg, sizeof fdarg, "%d", fds[1]);
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return -1;
    }
    if (pid == 0) {
        close(fds[0]);
        setpgid(0, 0); /* Ctrl-C reaches it through us, in order */
        int null = open("/dev/null", O_RDWR);
        if (null >= 0) {
            dup2(null, 0);
            dup2(null, 1);
            dup2(null, 2); /* Xvfb's chatter (xkbcomp, fonts) */
        }
        execl(xvfb, "Xvfb", "-displayfd", fdarg, "-screen", "0", "1280x1024x24",
              "-nolisten", "tcp", (char *)NULL);
        _exit(127);
    }
    close(fds[1]);
    /* Xvfb writes the display number once it accepts clients. */
    char num[32] = "";
    size_t n = 0;
    long long until = cli_now_ms() + XVFB_WAIT_MS;
    while (n + 1 < sizeof num && cli_now_ms() < until) {
        fd_set set;
        FD_ZERO(&set);
        FD_SET(fds[0], &set);
        struct timeval tv = {0, 200 * 1000};
        int r = select(fds[0] + 1, &set, NULL, NULL, &tv);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            continue;
        ssize_t got = read(fds[0], num + n, sizeof num - 1 - n);
        if (got <= 0)
            break; /* Xvfb ended */
        n += (size_t)got;
        num[n] = '\0';
        if (strchr(num, '\n'))
            break;
    }
    close(fds[0]);
    char *end;
    long display = strtol(num, &end, 10);
    if (end == num || display < 0) {
        fprintf(stderr, "sash test: Xvfb did not start\n");
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
        return -1;
    }
    char value[32];
    snprintf(value, sizeof value, ":%ld", display);
    setenv("DISPLAY", value, 1);
    printf("sash test: Xvfb on display %s (pid %ld)\n", value, (long)pid);
    fflush(stdout);
    return pid;
}

static void stop_xvfb(pid_t pid)
{
    if (pid <= 0)
        return;
    kill(pid, SIGTERM);
    long long until = cli_now_ms() + 5000;
    struct timespec tick = {0, 20 * 1000000L};
    while (cli_now_ms() < until) {
        pid_t r = waitpid(pid, NULL, WNOHANG);
        if (r == pid || (r < 0 && errno == ECHILD))
            return;
        nanosleep(&tick, NULL);
    }
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
}

static int test_e2e(int argc, char **argv)
{
    const char *app_arg = NULL;
    char **specs = calloc((size_t)argc + 256, sizeof *specs);
    int nspecs = 0, own_specs = 0;
    if (!specs)
        return 1;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--app")) {
            if (i + 1 >= argc) {
                fprintf(stderr, "sash test e2e: --app needs a path\n");
                free(specs);
                return 2;
            }
            app_arg = argv[++i];
        } else if (!strncmp(argv[i], "--app=", 6)) {
            app_arg = argv[i] + 6;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "sash test e2e: unknown option '%s'\n", argv[i]);
            usage(stderr);
            free(specs);
            return 2;
        } else {
            specs[nspecs++] = argv[i];
        }
    }

    char root[CLI_PATH_MAX], exe[CLI_PATH_MAX];
    cli_app app;
    int have_app = 0;
    if (app_arg) {
        /* Any folder with e2e/: the app's root if inside one, else here. */
        if (!getcwd(root, sizeof root) || !realpath(app_arg, exe)) {
            fprintf(stderr, "sash test e2e: --app %s: %s\n", app_arg, strerror(errno));
            free(specs);
            return 1;
        }
        if (access(exe, X_OK) != 0) {
            fprintf(stderr, "sash test e2e: --app %s is not executable\n", exe);
            free(specs);
            return 1;
        }
    } else {
        if (cli_app_load(&app) != 0) {
            free(specs);
            return 1;
        }
        have_app = 1;
        snprintf(root, sizeof root, "%s", app.root);
        if (cli_build_release(&app, exe, sizeof exe) != 0) {
            cli_app_free(&app);
            free(specs);
            return 1;
        }
    }
    if (nspecs == 0) {
        nspecs = default_specs(root, specs, 255);
        own_specs = 1;
        if (nspecs == 0) {
            fprintf(stderr, "sash test e2e: no specs: %s/e2e/*.e2e.mjs matches nothing\n",
                    root);
            if (have_app)
                cli_app_free(&app);
            free(specs);
            return 1;
        }
    }
    if (!cli_which("node", NULL, 0)) {
        fprintf(stderr, "sash test e2e: node is not on PATH (Node.js >= 20.19)\n");
        if (have_app)
            cli_app_free(&app);
        free(specs);
        return 1;
    }

    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    const char *dpy = getenv("DISPLAY"), *wl = getenv("WAYLAND_DISPLAY");
    pid_t xvfb = 0;
    if (!(dpy && *dpy) && !(wl && *wl)) {
        xvfb = start_xvfb();
        if (xvfb < 0) {
            if (have_app)
                cli_app_free(&app);
            free(specs);
            return 1;
        }
    }
    setenv("SASH_E2E_APP", exe, 1);
    printf("sash test: SASH_E2E_APP=%s\n", exe);
    fflush(stdout);

    char **run = calloc((size_t)nspecs + 3, sizeof *run);
    int rc = 1;
    if (run) {
        run[0] = "node";
        run[1] = "--test";
        for (int i = 0; i < nspecs; i++)
            run[i + 2] = specs[i];
        rc = cli_run(run, root, 0);
        if (rc < 0) {
            fprintf(stderr, "sash test e2e: cannot run node\n");
            rc = 1;
        }
        free(run);
    }
    stop_xvfb(xvfb);
    if (stop_signal)
        rc = 128 + stop_signal;
    if (own_specs)
        for (int i = 0; i < nspecs; i++)
            free(specs[i]);
    free(specs);
    if (have_app)
        cli_app_free(&app);
    return rc;
}

int cli_test(int argc, char **argv)
{
    if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
        usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    if (!strcmp(argv[1], "e2e")) {
        if (cli_wants_help(argc - 1, argv + 1)) {
            usage(stdout);
            return 0;
        }
        return test_e2e(argc - 1, argv + 1);
    }
    fprintf(stderr, "sash test: unknown kind '%s' (only e2e; unit tests run with "
                    "npm test and ctest)\n", argv[1]);
    return 2;
}
