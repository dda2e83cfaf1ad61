# An app that uses no menu, tray or desktop call links none of their code (the
# anchors of src/core/platform.h): checks examples/hello's symbols.
# cmake -DBIN=... -DNM=... -P menu_unlinked.cmake
execute_process(COMMAND ${NM} ${BIN} OUTPUT_VARIABLE out RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "nm failed on ${BIN}")
endif()
string(REGEX MATCHALL "[0-9a-f]+ [TtDdRrBb] (sash__gtk4?_(menu|tray)_[a-z_]+|sash__sni_[a-z_]+|sash_menu_new|sash_tray_new|sash__menu_activated)" found "${out}")
# ...nor the backend's desktop surface (dialogs, clipboard, notifications,
# opener): the same anchors, for sash__desktop_anchor().
string(REGEX MATCHALL "[0-9a-f]+ [TtDdRrBb] sash__gtk4?_(dialog|clipboard_read|clipboard_write|notify|open)\n" desk "${out}")
string(REPLACE "\n" "" desk "${desk}")
list(APPEND found ${desk})
# ...nor monitors (gtk_monitors.c) or the bridge profiler (size: both are
# linked only when asked for).
string(REGEX MATCHALL "[0-9a-f]+ [TtDdRrBb] (sash__gtk_ws_monitors|sash__profiler_new)\n" more "${out}")
string(REPLACE "\n" "" more "${more}")
list(APPEND found ${more})
if(found)
  string(REPLACE ";" "\n  " found "${found}")
  message(FATAL_ERROR "menu, tray, desktop, monitor or profiler code linked into an app that uses none:\n  ${found}")
endif()
message(STATUS "no menu, tray or desktop code in ${BIN}")
