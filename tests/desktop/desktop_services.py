#!/usr/bin/python3
"""Test D-Bus services for tests/desktop: org.freedesktop.Notifications
(records each Notify call as JSON in $DTEST_DIR/notify.json and then
"clicks" its first real action by emitting ActionInvoked) and
org.freedesktop.FileManager1 (records ShowItems in show-items.json).
Prints "ready" once both names are owned.  Uses Debian's python3-gi."""
import json
import os
import sys

from gi.repository import Gio, GLib

DIR = os.environ["DTEST_DIR"]

NOTIFY_XML = """
<node><interface name="org.freedesktop.Notifications">
 <method name="Notify">
  <arg type="s" direction="in"/><arg type="u" direction="in"/>
  <arg type="s" direction="in"/><arg type="s" direction="in"/>
  <arg type="s" direction="in"/><arg type="as" direction="in"/>
  <arg type="a{sv}" direction="in"/><arg type="i" direction="in"/>
  <arg type="u" direction="out"/>
 </method>
 <method name="GetCapabilities"><arg type="as" direction="out"/></method>
 <signal name="ActionInvoked"><arg type="u"/><arg type="s"/></signal>
</interface></node>"""

FM_XML = """
<node><interface name="org.freedesktop.FileManager1">
 <method name="ShowItems">
  <arg type="as" direction="in"/><arg type="s" direction="in"/>
 </method>
</interface></node>"""

next_id = [41]


def write(name, obj):
    tmp = os.path.join(DIR, name + ".tmp")
    with open(tmp, "w") as f:
        json.dump(obj, f)
    os.rename(tmp, os.path.join(DIR, name))  # readers never see half


def on_notify(conn, sender, path, iface, method, params, inv):
    if method == "GetCapabilities":
        inv.return_value(GLib.Variant("(as)", (["actions", "body"],)))
        return
    app, replaces, icon, summary, body, actions, hints, timeout = params.unpack()
    next_id[0] += 1
    nid = next_id[0]
    write("notify.json", {"app_name": app, "app_icon": icon, "summary": summary,
                          "body": body, "actions": actions, "id": nid})
    inv.return_value(GLib.Variant("(u)", (nid,)))
    real = [actions[i] for i in range(0, len(actions), 2) if actions[i] != "default"]
    key = real[0] if real else "default"

    def click():
        conn.emit_signal(None, "/org/freedesktop/Notifications",
                         "org.freedesktop.Notifications", "ActionInvoked",
                         GLib.Variant("(us)", (nid, key)))
        return False
    GLib.idle_add(click)


def on_fm(conn, sender, path, iface, method, params, inv):
    uris, startup = params.unpack()
    write("show-items.json", {"uris": uris, "startup": startup})
    inv.return_value(None)


def main():
    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    for xml, path, cb in ((NOTIFY_XML, "/org/freedesktop/Notifications", on_notify),
                          (FM_XML, "/org/freedesktop/FileManager1", on_fm)):
        info = Gio.DBusNodeInfo.new_for_xml(xml).interfaces[0]
        bus.register_object(path, info, cb, None, None)
    for name in ("org.freedesktop.Notifications", "org.freedesktop.FileManager1"):
        r = bus.call_sync("org.freedesktop.DBus", "/org/freedesktop/DBus",
                          "org.freedesktop.DBus", "RequestName",
                          GLib.Variant("(su)", (name, 4)), None,
                          Gio.DBusCallFlags.NONE, -1, None)
        if r.unpack()[0] != 1:
            sys.exit("cannot own " + name)
    print("ready", flush=True)
    GLib.MainLoop().run()


main()
