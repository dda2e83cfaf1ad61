#include "proctree.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct proc_link {
    pid_t pid, ppid;
} proc_link;

/* The parent pid is the field after the ")" that closes the command name;
 * the name itself may contain spaces and parentheses. */
static int read_ppid(pid_t pid, pid_t *ppid)
{
    char path[64], buf[512];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    char *close = strrchr(buf, ')');
    int parent;
    char state;
    if (!close || sscanf(close + 1, " %c %d", &state, &parent) != 2)
        return -1;
    *ppid = (pid_t)parent;
    return 0;
}

static void add_rollup(pid_t pid, bench_tree_mem *out)
{
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%d/smaps_rollup", (int)pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return; /* exited meanwhile */
    long kb;
    while (fgets(line, sizeof line, f)) {
        if (sscanf(line, "Pss: %ld kB", &kb) == 1)
            out->pss_kb += kb;
        else if (sscanf(line, "Rss: %ld kB", &kb) == 1)
            out->rss_kb += kb;
    }
    fclose(f);
    out->procs++;
    snprintf(path, sizeof path, "/proc/%d/maps", (int)pid);
    if ((f = fopen(path, "r"))) {
        int c;
        while ((c = fgetc(f)) != EOF)
            out->maps += c == '\n';
        fclose(f);
    }
}

int bench_tree_memory(pid_t root, bench_tree_mem *out)
{
    memset(out, 0, sizeof *out);
    DIR *d = opendir("/proc");
    if (!d)
        return -1;
    proc_link *links = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        char *end;
        long pid = strtol(e->d_name, &end, 10);
        if (*end || pid <= 0)
            continue;
        pid_t ppid;
        if (read_ppid((pid_t)pid, &ppid) != 0)
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 256;
            proc_link *grown = realloc(links, cap * sizeof *links);
            if (!grown) {
                free(links);
                closedir(d);
                return -1;
            }
            links = grown;
        }
        links[n++] = (proc_link){(pid_t)pid, ppid};
    }
    closedir(d);

    /* Breadth-first from root; `tree` doubles as the queue. */
    pid_t *tree = malloc((n + 1) * sizeof *tree);
    if (!tree) {
        free(links);
        return -1;
    }
    size_t head = 0, tail = 0;
    tree[tail++] = root;
    while (head < tail) {
        pid_t p = tree[head++];
        for (size_t i = 0; i < n; i++)
            if (links[i].ppid == p && tail <= n)
                tree[tail++] = links[i].pid;
    }
    for (size_t i = 0; i < tail; i++)
        add_rollup(tree[i], out);
    free(tree);
    free(links);
    return 0;
}
