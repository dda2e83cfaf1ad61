/*
 * render_policy.h - how a Linux webview should render on this machine.
 *
 * WebKitGTK's GPU paths give a blank or broken window on some setups
 * (NVIDIA's proprietary driver with the DMABUF renderer, machines with no
 * GPU render node, virtual machines), and apps end up telling users to set
 * WEBKIT_DISABLE_DMABUF_RENDERER=1 by hand.  Sash reads a few facts about
 * the machine and chooses a mode that works, and says so in one log line.
 *
 * Plain C with no GLib, so the decision is unit-tested against fake system
 * trees (tests/unit/test_render.c).
 */
#ifndef SASH_RENDER_POLICY_H
#define SASH_RENDER_POLICY_H

#include <stddef.h>

typedef enum sash__render_mode {
    SASH__RENDER_GPU,       /* the engine's default: GPU and DMABUF */
    SASH__RENDER_NO_DMABUF, /* GPU compositing, DMABUF renderer off */
    SASH__RENDER_SOFTWARE,  /* no GPU compositing at all */
    SASH__RENDER_ENGINE     /* leave everything to the engine, decide nothing */
} sash__render_mode;

/* What the decision needs to know about the machine. */
typedef struct sash__gpu_facts {
    int render_node;       /* /dev/dri/renderD* exists */
    int nvidia;            /* NVIDIA's proprietary kernel driver is loaded */
    int virtual_machine;   /* DMI vendor/product or the CPU says so */
    char vm_name[64];      /* which one, for the log line ("QEMU") */
} sash__gpu_facts;

/* Reads the facts from the system tree under `root` ("" or NULL for the
 * real one; tests pass a fake tree).  Missing files just mean "no". */
void sash__gpu_facts_read(const char *root, sash__gpu_facts *out);

/* Parses a forced mode ("gpu", "no-dmabuf", "software", "auto", "engine");
 * returns the mode, -1 for "auto" or NULL/empty, -2 for garbage. */
int sash__render_mode_parse(const char *name);
const char *sash__render_mode_name(sash__render_mode mode);

/* Chooses the mode: `forced` (the app's option or SASH_RENDERING; NULL =
 * auto) wins when valid; otherwise the facts decide.  Writes why into
 * `why` (one short phrase for the log line). */
sash__render_mode sash__render_decide(const sash__gpu_facts *facts,
                                      const char *forced, char *why,
                                      size_t why_size);

#endif
