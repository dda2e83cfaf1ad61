/* proc.c - starting, waiting for and stopping child processes.  Every child
 * leads its own process group, so stopping it stops what it started too
 * (npm -> sh -> node). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

long long cli_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static pid_t spawn(char *const argv[], const char *dir, int quiet, int out_fd)
{
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        setpgid(0, 0);
        /* The parent may ignore or block these; the child must not. */
        signal(SIGINT, SIG_DFL);
        signal(SIGTERM, SIG_DFL);
        signal(SIGPIPE, SIG_DFL);
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        if (dir && chdir(dir) != 0) {
            fprintf(stderr, "sash: cannot enter %s: %s\n", dir, strerror(errno));
            _exit(127);
        }
        /* A child in a background process group that reads the terminal is
         * stopped (SIGTTIN): Vite would hang on its key shortcuts. */
        int in = open("/dev/null", O_RDONLY);
        if (in >= 0) {
            dup2(in, 0);
            close(in);
        }
        if (out_fd >= 0) {
            dup2(out_fd, 1);
            dup2(out_fd, 2);
            close(out_fd);
        } else if (quiet) {
            int null = open("/dev/null", O_WRONLY);
            if (null >= 0) {
                dup2(null, 1);
                close(null);
            }
        }
        execvp(argv[0], argv);
        fprintf(stderr, "sash: cannot run %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    setpgid(pid, pid); /* also here: no race with a kill right after */
    return pid;
}

pid_t cli_spawn(char *const argv[], const char *dir, int quiet)
{
    return spawn(argv, dir, quiet, -1);
}

pid_t cli_spawn_shell(const char *cmd, const char *dir, int quiet)
{
    char *argv[] = {"/bin/sh", "-c", (char *)cmd, NULL};
    return spawn(argv, dir, quiet, -1);
}

int cli_wait(pid_t pid)
{
    int st;
    for (;;) {
        if (waitpid(pid, &st, 0) == pid)
            break;
        if (errno != EINTR)
            return -1;
    }
    if (WIFEXITED(st))
        return WEXITSTATUS(st);
    if (WIFSIGNALED(st))
        return 128 + WTERMSIG(st);
    return -1;
}

volatile pid_t cli_fg_child;

/* Waits for a child run in the foreground (Ctrl-C forwards to it). */
static int wait_fg(pid_t pid)
{
    if (pid < 0)
        return -1;
    cli_fg_child = pid;
    int rc = cli_wait(pid);
    cli_fg_child = 0;
    return rc;
}

int cli_run(char *const argv[], const char *dir, int quiet)
{
    return wait_fg(cli_spawn(argv, dir, quiet));
}

int cli_run_shell(const char *cmd, const char *dir)
{
    return wait_fg(cli_spawn_shell(cmd, dir, 0));
}

/* 1 while a process of group pgid still runs.  kill(-pgid, 0) is not
 * enough: it also counts zombies, and WebKit's helpers (network process,
 * bwrap) are orphaned zombies once the app is gone until init reaps them,
 * which some inits do only every second or so. */
static int group_running(pid_t pgid)
{
    if (kill(-pgid, 0) != 0)
        return 0;
    DIR *d = opendir("/proc");
    if (!d)
        return 1;
    int running = 0;
    struct dirent *e;
    while (!running && (e = readdir(d))) {
        if (e->d_name[0] < '1' || e->d_name[0] > '9')
            continue;
        char path[64], buf[512];
        snprintf(path, sizeof path, "/proc/%.20s/stat", e->d_name);
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            continue;
        ssize_t n = read(fd, buf, sizeof buf - 1);
        close(fd);
        if (n <= 0)
            continue;
        buf[n] = '\0';
        /* pid (comm) state ppid pgrp ...; comm may hold spaces and ')'. */
        char *rp = strrchr(buf, ')');
        char state;
        long ppid, pgrp;
        if (rp && sscanf(rp + 1, " %c %ld %ld", &state, &ppid, &pgrp) == 3 &&
            pgrp == (long)pgid && state != 'Z' && state != 'X')
            running = 1;
    }
    closedir(d);
    return running;
}

void cli_kill_group(pid_t pgid, int grace_ms)
{
    if (pgid <= 0)
        return;
    kill(-pgid, SIGTERM);
    long long until = cli_now_ms() + grace_ms;
    int reaped = 0;
    struct timespec tick = {0, 20 * 1000000L};
    while (cli_now_ms() < until) {
        if (!reaped) {
            pid_t r = waitpid(pgid, NULL, WNOHANG);
            if (r == pgid || (r < 0 && errno == ECHILD))
                reaped = 1;
        }
        /* Done once nothing of the group runs (zombies left to init). */
        if (reaped && !group_running(pgid))
            return;
        nanosleep(&tick, NULL);
    }
    kill(-pgid, SIGKILL);
    if (!reaped)
        waitpid(pgid, NULL, 0);
}

int cli_capture(char *const argv[], char *out, size_t size)
{
    int fds[2];
    out[0] = '\0';
    if (pipe(fds) != 0)
        return -1;
    pid_t pid = spawn(argv, NULL, 0, fds[1]);
    close(fds[1]);
    if (pid < 0) {
        close(fds[0]);
        return -1;
    }
    size_t n = 0;
    char buf[512];
    ssize_t got;
    while ((got = read(fds[0], buf, sizeof buf)) > 0 || (got < 0 && errno == EINTR)) {
        for (ssize_t i = 0; i < got && n + 1 < size; i++)
            out[n++] = buf[i];
    }
    close(fds[0]);
    out[n] = '\0';
    char *nl = strchr(out, '\n');
    if (nl)
        *nl = '\0';
    return cli_wait(pid);
}
