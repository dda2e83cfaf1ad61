# An app that uses no menu and no tray links none of their code (the
# anchors of src/core/platform.h): checks examples/hello's symbols.
# cmake -DBIN=... -DNM=... -P menu_unlinked.cmake
execute_process(COMMAND ${NM} ${BIN} OUTPUT_VARIABLE out RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "nm failed on ${BIN}")
endif()
string(REGEX MATCHALL "[0-9a-f]+ [TtDdRrBb] (sash__gtk4?_(menu|tray)_[a-z_]+|sash_menu_new|sash_tray_new|sash__menu_activated)" found "${out}")
if(found)
  string(REPLACE ";" "\n  " found "${found}")
  message(FATAL_ERROR "menu or tray code linked into an app that uses none:\n  ${found}")
endif()
message(STATUS "no menu or tray code in ${BIN}")
