/*
 * xdnd_source - a drag source from another process, as a file manager is:
 * speaks the XDND protocol (version 5) with plain Xlib to a target window,
 * offering text/uri-list, so the test can drag any list (hostile ones
 * included) without a window manager, a pointer grab or a real file
 * manager.
 *
 *   xdnd_source XID X Y MODE FILE
 *
 * XID: the target toplevel; X, Y: where in it the pointer enters; MODE
 * "drop" (enter, three positions, drop; waits for XdndFinished) or
 * "leave" (enter, three positions, leave); FILE: the bytes offered as
 * text/uri-list.  Waits for the target's XdndStatus after each position,
 * as the protocol asks.  Exit 0 when the target answered everything; 1
 * on a protocol failure or after 15 s without an answer.
 */
#define _DEFAULT_SOURCE
#include <X11/Xatom.h>
#include <X11/Xlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <time.h>

static Display *dpy;
static Window src, target;
static Atom a_aware, a_enter, a_position, a_status, a_drop, a_finished,
    a_leave, a_selection, a_copy, a_urilist, a_targets;
static char *data;
static size_t data_len;
static time_t deadline;
static int served; /* requests for the URI list answered */

static void send_msg(Atom type, long l1, long l2, long l3, long l4)
{
    XEvent e;
    memset(&e, 0, sizeof e);
    e.xclient.type = ClientMessage;
    e.xclient.display = dpy;
    e.xclient.window = target;
    e.xclient.message_type = type;
    e.xclient.format = 32;
    e.xclient.data.l[0] = (long)src;
    e.xclient.data.l[1] = l1;
    e.xclient.data.l[2] = l2;
    e.xclient.data.l[3] = l3;
    e.xclient.data.l[4] = l4;
    XSendEvent(dpy, target, False, NoEventMask, &e);
    XFlush(dpy);
}

/* Answers a request for the selection's data. */
static void serve(XSelectionRequestEvent *r)
{
    XEvent n;
    memset(&n, 0, sizeof n);
    n.xselection.type = SelectionNotify;
    n.xselection.display = dpy;
    n.xselection.requestor = r->requestor;
    n.xselection.selection = r->selection;
    n.xselection.target = r->target;
    n.xselection.time = r->time;
    n.xselection.property = r->property ? r->property : r->target;
    if (r->target == a_urilist) {
        served++;
        XChangeProperty(dpy, r->requestor, n.xselection.property, a_urilist,
                        8, PropModeReplace, (unsigned char *)data,
                        (int)data_len);
    } else if (r->target == a_targets) {
        Atom t[2] = {a_targets, a_urilist};
        XChangeProperty(dpy, r->requestor, n.xselection.property, XA_ATOM, 32,
                        PropModeReplace, (unsigned char *)t, 2);
    } else {
        n.xselection.property = None;
    }
    XSendEvent(dpy, r->requestor, False, NoEventMask, &n);
    XFlush(dpy);
}

/* Handles events until a client message of `type` arrives (returns 0,
 * with it in *out) or the deadline passes (-1). */
static int wait_for(Atom type, XClientMessageEvent *out)
{
    int fd = ConnectionNumber(dpy);
    for (;;) {
        while (XPending(dpy)) {
            XEvent e;
            XNextEvent(dpy, &e);
            if (e.type == SelectionRequest)
                serve(&e.xselectionrequest);
            else if (e.type == ClientMessage &&
                     e.xclient.message_type == type) {
                if (out)
                    *out = e.xclient;
                return 0;
            }
        }
        if (time(NULL) > deadline)
            return -1;
        fd_set set;
        FD_ZERO(&set);
        FD_SET(fd, &set);
        struct timeval tv = {0, 200000};
        select(fd + 1, &set, NULL, NULL, &tv);
    }
}

/* Handles events until the list was asked for or `until` passed. */
static void wait_served(time_t until)
{
    int fd = ConnectionNumber(dpy);
    while (!served && time(NULL) <= until) {
        while (XPending(dpy) && !served) {
            XEvent e;
            XNextEvent(dpy, &e);
            if (e.type == SelectionRequest)
                serve(&e.xselectionrequest);
        }
        if (served)
            break;
        fd_set set;
        FD_ZERO(&set);
        FD_SET(fd, &set);
        struct timeval tv = {0, 100000};
        select(fd + 1, &set, NULL, NULL, &tv);
    }
}

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *b = malloc(cap);
    size_t got;
    while (b && (got = fread(b + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap)
            b = realloc(b, cap *= 2);
    }
    fclose(f);
    *len = n;
    return b;
}

int main(int argc, char **argv)
{
    if (argc != 6) {
        fprintf(stderr, "usage: xdnd_source XID X Y drop|leave FILE\n");
        return 2;
    }
    target = (Window)strtoul(argv[1], NULL, 0);
    int x = atoi(argv[2]), y = atoi(argv[3]);
    int drop = strcmp(argv[4], "drop") == 0;
    if (!(data = read_all(argv[5], &data_len)) || !(dpy = XOpenDisplay(NULL))) {
        fprintf(stderr, "xdnd_source: cannot read %s or open the display\n",
                argv[5]);
        return 1;
    }
    deadline = time(NULL) + 15;
    Window root = DefaultRootWindow(dpy);
    src = XCreateSimpleWindow(dpy, root, 0, 0, 1, 1, 0, 0, 0);
#define ATOM(v, n) v = XInternAtom(dpy, n, False)
    ATOM(a_aware, "XdndAware");
    ATOM(a_enter, "XdndEnter");
    ATOM(a_position, "XdndPosition");
    ATOM(a_status, "XdndStatus");
    ATOM(a_drop, "XdndDrop");
    ATOM(a_finished, "XdndFinished");
    ATOM(a_leave, "XdndLeave");
    ATOM(a_selection, "XdndSelection");
    ATOM(a_copy, "XdndActionCopy");
    ATOM(a_urilist, "text/uri-list");
    ATOM(a_targets, "TARGETS");
    /* The target must say it speaks XDND (GTK sets it on the toplevel). */
    Atom type;
    int format;
    unsigned long nitems, after;
    unsigned char *prop = NULL;
    long version = 0;
    if (XGetWindowProperty(dpy, target, a_aware, 0, 1, False, XA_ATOM, &type,
                           &format, &nitems, &after, &prop) == Success &&
        prop && nitems == 1)
        version = (long)*(Atom *)prop;
    if (prop)
        XFree(prop);
    if (version < 3) {
        fprintf(stderr, "xdnd_source: window 0x%lx is not XdndAware\n",
                (unsigned long)target);
        return 1;
    }
    if (version > 5)
        version = 5;
    XSetSelectionOwner(dpy, a_selection, src, CurrentTime);
    send_msg(a_enter, version << 24, (long)a_urilist, 0, 0);
    XClientMessageEvent st;
    int accepted = 0;
    long last_pos = 0;
    for (int i = 0; i < 3; i++) {
        int rx, ry;
        Window child;
        XTranslateCoordinates(dpy, target, root, x + 10 * i, y + 5 * i, &rx,
                              &ry, &child);
        last_pos = ((long)rx << 16) | (ry & 0xffff);
        send_msg(a_position, 0, last_pos, CurrentTime, (long)a_copy);
        if (wait_for(a_status, &st) != 0) {
            fprintf(stderr, "xdnd_source: no XdndStatus\n");
            return 1;
        }
        accepted = st.data.l[1] & 1;
    }
    if (!drop) {
        /* As a hand would: the target reads the list (GTK4 does so
         * asynchronously after the enter) before the pointer leaves; one
         * more position and its status give it a round trip to finish.  A
         * target that never asks (a webview's own drag) is left after 3 s. */
        wait_served(time(NULL) + 3);
        send_msg(a_position, 0, last_pos, CurrentTime, (long)a_copy);
        wait_for(a_status, &st);
        send_msg(a_leave, 0, 0, 0, 0);
        XSync(dpy, False);
        printf("xdnd_source: left (accepted %d)\n", accepted);
        return 0;
    }
    send_msg(a_drop, 0, CurrentTime, 0, 0);
    if (wait_for(a_finished, &st) != 0) {
        fprintf(stderr, "xdnd_source: no XdndFinished\n");
        return 1;
    }
    printf("xdnd_source: dropped (accepted %d, finished %ld)\n", accepted,
           st.data.l[1] & 1);
    XCloseDisplay(dpy);
    free(data);
    return 0;
}
