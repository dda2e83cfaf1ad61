/*
 * test_render.c - the rendering-mode rule (src/platform/linux/render_policy)
 * against fake system trees: each test builds the files a machine of one
 * kind has under a temporary root and checks the mode and its reason.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "../../src/platform/linux/render_policy.h"

static char root[64];

static void put(const char *rel, const char *text)
{
    char path[256], dir[256];
    snprintf(path, sizeof path, "%s%s", root, rel);
    /* mkdir -p of the parent */
    snprintf(dir, sizeof dir, "%s", path);
    for (char *p = dir + strlen(root) + 1; *p; p++)
        if (*p == '/') {
            *p = '\0';
            mkdir(dir, 0700);
            *p = '/';
        }
    if (text) {
        FILE *f = fopen(path, "w");
        assert_non_null(f);
        fputs(text, f);
        fclose(f);
    } else {
        mkdir(path, 0700);
    }
}

static int setup(void **state)
{
    (void)state;
    snprintf(root, sizeof root, "/tmp/sash-render-XXXXXX");
    return mkdtemp(root) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    return system(cmd) == 0 ? 0 : -1;
}

static sash__render_mode decide(const char *forced, char *why, size_t size)
{
    sash__gpu_facts f;
    sash__gpu_facts_read(root, &f);
    return sash__render_decide(&f, forced, why, size);
}

static void no_render_node_is_software(void **state)
{
    (void)state;
    char why[160];
    put("/dev/dri/card0", "");
    assert_int_equal(decide(NULL, why, sizeof why), SASH__RENDER_SOFTWARE);
    assert_non_null(strstr(why, "no GPU render node"));
}

static void a_plain_gpu_keeps_the_engine_default(void **state)
{
    (void)state;
    char why[160];
    put("/dev/dri/renderD128", "");
    put("/sys/class/dmi/id/sys_vendor", "LENOVO\n");
    put("/sys/class/dmi/id/product_name", "ThinkPad T14\n");
    put("/proc/cpuinfo", "processor : 0\nflags : fpu vme sse2\n");
    assert_int_equal(decide(NULL, why, sizeof why), SASH__RENDER_GPU);
}

static void nvidia_turns_dmabuf_off(void **state)
{
    (void)state;
    char why[160];
    put("/dev/dri/renderD128", "");
    put("/proc/driver/nvidia/version", "NVRM version: NVIDIA UNIX x86_64 Kernel Module 550\n");
    assert_int_equal(decide(NULL, why, sizeof why), SASH__RENDER_NO_DMABUF);
    assert_non_null(strstr(why, "NVIDIA"));
}

static void nvidia_drm_module_alone_is_enough(void **state)
{
    (void)state;
    char why[160];
    put("/dev/dri/renderD129", "");
    put("/sys/module/nvidia_drm", NULL);
    assert_int_equal(decide(NULL, why, sizeof why), SASH__RENDER_NO_DMABUF);
}

static void a_vm_by_dmi_is_software_even_with_a_render_node(void **state)
{
    (void)state;
    char why[160];
    put("/dev/dri/renderD128", "");
    put("/sys/class/dmi/id/sys_vendor", "QEMU\n");
    put("/sys/class/dmi/id/product_name", "Standard PC (Q35 + ICH9, 2009)\n");
    assert_int_equal(decide(NULL, why, sizeof why), SASH__RENDER_SOFTWARE);
    assert_non_null(strstr(why, "QEMU"));
}

static void a_vm_by_cpu_flag(void **state)
{
    (void)state;
    char why[160];
    put("/dev/dri/renderD128", "");
    put("/proc/cpuinfo", "processor : 0\nflags\t\t: fpu sse2 hypervisor lahf_lm\n");
    assert_int_equal(decide(NULL, why, sizeof why), SASH__RENDER_SOFTWARE);
    assert_non_null(strstr(why, "virtual machine"));
}

static void a_forced_mode_wins(void **state)
{
    (void)state;
    char why[160];
    /* no render node: auto would say software */
    assert_int_equal(decide("gpu", why, sizeof why), SASH__RENDER_GPU);
    assert_non_null(strstr(why, "forced"));
    assert_int_equal(decide("No-DMABUF", why, sizeof why), SASH__RENDER_NO_DMABUF);
    assert_int_equal(decide("engine", why, sizeof why), SASH__RENDER_ENGINE);
    assert_int_equal(decide("auto", why, sizeof why), SASH__RENDER_SOFTWARE);
}

static void a_bad_forced_mode_falls_back_to_auto_and_says_so(void **state)
{
    (void)state;
    char why[160];
    assert_int_equal(decide("turbo", why, sizeof why), SASH__RENDER_SOFTWARE);
    assert_non_null(strstr(why, "unknown mode 'turbo'"));
    assert_int_equal(sash__render_mode_parse(""), -1);
    assert_int_equal(sash__render_mode_parse(NULL), -1);
    assert_string_equal(sash__render_mode_name(SASH__RENDER_NO_DMABUF), "no-dmabuf");
}

static void unreadable_tree_means_no_facts(void **state)
{
    (void)state;
    sash__gpu_facts f;
    sash__gpu_facts_read("/nonexistent-sash-root", &f);
    assert_false(f.render_node);
    assert_false(f.nvidia);
    assert_false(f.virtual_machine);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(no_render_node_is_software, setup, teardown),
        cmocka_unit_test_setup_teardown(a_plain_gpu_keeps_the_engine_default, setup, teardown),
        cmocka_unit_test_setup_teardown(nvidia_turns_dmabuf_off, setup, teardown),
        cmocka_unit_test_setup_teardown(nvidia_drm_module_alone_is_enough, setup, teardown),
        cmocka_unit_test_setup_teardown(a_vm_by_dmi_is_software_even_with_a_render_node, setup, teardown),
        cmocka_unit_test_setup_teardown(a_vm_by_cpu_flag, setup, teardown),
        cmocka_unit_test_setup_teardown(a_forced_mode_wins, setup, teardown),
        cmocka_unit_test_setup_teardown(a_bad_forced_mode_falls_back_to_auto_and_says_so, setup, teardown),
        cmocka_unit_test(unreadable_tree_means_no_facts),
    };
    return cmocka_run_group_tests_name("render", tests, NULL, NULL);
}
