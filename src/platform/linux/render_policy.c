/*
 * render_policy.c - the facts and the rule behind the rendering mode
 * (render_policy.h).
 */
#include "render_policy.h"

#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

static void path_in(char *out, size_t size, const char *root, const char *p)
{
    snprintf(out, size, "%s%s", root ? root : "", p);
}

static int exists(const char *root, const char *p)
{
    char path[512];
    struct stat st;
    path_in(path, sizeof path, root, p);
    return stat(path, &st) == 0;
}

/* The first line of a small file, trimmed; "" if it cannot be read. */
static void first_line(const char *root, const char *p, char *out, size_t size)
{
    char path[512];
    path_in(path, sizeof path, root, p);
    out[0] = '\0';
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    if (!fgets(out, (int)size, f))
        out[0] = '\0';
    fclose(f);
    out[strcspn(out, "\r\n")] = '\0';
}

static int has_render_node(const char *root)
{
    char path[512];
    path_in(path, sizeof path, root, "/dev/dri");
    DIR *d = opendir(path);
    if (!d)
        return 0;
    struct dirent *e;
    int found = 0;
    while (!found && (e = readdir(d)))
        found = strncmp(e->d_name, "renderD", 7) == 0;
    closedir(d);
    return found;
}

/* Hypervisors by the names their firmware gives in DMI. */
static const char *vm_by_dmi(const char *vendor, const char *product)
{
    static const struct { const char *needle, *name; } known[] = {
        {"QEMU", "QEMU"}, {"KVM", "KVM"}, {"VMware", "VMware"},
        {"VirtualBox", "VirtualBox"}, {"innotek", "VirtualBox"},
        {"Xen", "Xen"}, {"Parallels", "Parallels"}, {"Bochs", "Bochs"},
        {"Virtual Machine", "Hyper-V"}, {"Google Compute Engine", "GCE"},
        {"Amazon EC2", "EC2"}, {"BHYVE", "bhyve"},
    };
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strstr(vendor, known[i].needle) || strstr(product, known[i].needle))
            return known[i].name;
    return NULL;
}

/* The "hypervisor" CPU flag, for VMs whose DMI says nothing useful. */
static int cpu_says_hypervisor(const char *root)
{
    char path[512], line[4096];
    path_in(path, sizeof path, root, "/proc/cpuinfo");
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    int found = 0;
    while (!found && fgets(line, sizeof line, f))
        found = strncmp(line, "flags", 5) == 0 && strstr(line, " hypervisor");
    fclose(f);
    return found;
}

void sash__gpu_facts_read(const char *root, sash__gpu_facts *out)
{
    memset(out, 0, sizeof *out);
    out->render_node = has_render_node(root);
    out->nvidia = exists(root, "/proc/driver/nvidia/version") ||
                  exists(root, "/sys/module/nvidia_drm");
    char vendor[128], product[128];
    first_line(root, "/sys/class/dmi/id/sys_vendor", vendor, sizeof vendor);
    first_line(root, "/sys/class/dmi/id/product_name", product, sizeof product);
    const char *vm = vm_by_dmi(vendor, product);
    if (!vm && cpu_says_hypervisor(root))
        vm = "a hypervisor";
    if (vm) {
        out->virtual_machine = 1;
        snprintf(out->vm_name, sizeof out->vm_name, "%s", vm);
    }
}

static const char *const mode_names[] = {"gpu", "no-dmabuf", "software",
                                         "engine"};

int sash__render_mode_parse(const char *name)
{
    if (!name || !*name || strcasecmp(name, "auto") == 0)
        return -1;
    for (int i = 0; i < 4; i++)
        if (strcasecmp(name, mode_names[i]) == 0)
            return i;
    return -2;
}

const char *sash__render_mode_name(sash__render_mode mode)
{
    return (unsigned)mode < 4 ? mode_names[mode] : "?";
}

sash__render_mode sash__render_decide(const sash__gpu_facts *f,
                                      const char *forced, char *why,
                                      size_t size)
{
    int m = sash__render_mode_parse(forced);
    if (m >= 0) {
        snprintf(why, size, "forced by the app or SASH_RENDERING");
        return (sash__render_mode)m;
    }
    if (m == -2)
        snprintf(why, size, "unknown mode '%s' ignored; ", forced);
    else
        why[0] = '\0';
    size_t n = strlen(why);
    /* Order matters: with no render node there is no GPU to use at all;
     * VMs' virtual GPUs are the next most common blank-window cause. */
    if (!f->render_node) {
        snprintf(why + n, size - n, "no GPU render node in /dev/dri");
        return SASH__RENDER_SOFTWARE;
    }
    if (f->virtual_machine) {
        snprintf(why + n, size - n, "virtual machine (%s)", f->vm_name);
        return SASH__RENDER_SOFTWARE;
    }
    if (f->nvidia) {
        snprintf(why + n, size - n,
                 "NVIDIA proprietary driver: DMABUF renderer gives blank windows");
        return SASH__RENDER_NO_DMABUF;
    }
    snprintf(why + n, size - n, "GPU render node present");
    return SASH__RENDER_GPU;
}
