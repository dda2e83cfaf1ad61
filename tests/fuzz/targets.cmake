# The libFuzzer targets; included with clang as the compiler, either by
# CMakeLists.txt (when the main build uses clang) or by standalone/ (an
# ExternalProject when it does not).  Needs SASH_SOURCE_DIR and
# SASH_BRIDGE_JS_C (the generated bridge script), and SASH_EMBED_DEFLATE
# (whether it is stored deflated).
set(fuzz_flags -fsanitize=address,undefined -fno-sanitize-recover=undefined
               -fno-omit-frame-pointer -g -O1)
file(GLOB fuzz_core_sources CONFIGURE_DEPENDS ${SASH_SOURCE_DIR}/src/core/*/*.c)
# The whole core, instrumented for coverage, on the in-memory backend.
add_library(sash_fuzz_core STATIC ${fuzz_core_sources} ${SASH_BRIDGE_JS_C}
            ${SASH_SOURCE_DIR}/tests/unit/fake_platform.c
            ${SASH_SOURCE_DIR}/tests/unit/fake_window_state.c)
target_include_directories(sash_fuzz_core PUBLIC ${SASH_SOURCE_DIR}/include ${SASH_SOURCE_DIR}/src/core)
target_compile_options(sash_fuzz_core PRIVATE -fsanitize=fuzzer-no-link ${fuzz_flags})
target_link_libraries(sash_fuzz_core PUBLIC PkgConfig::JANSSON Threads::Threads)
# The bridge script is stored deflated when the main build has zlib.
if(SASH_EMBED_DEFLATE)
  if(NOT TARGET PkgConfig::ZLIB)
    pkg_check_modules(ZLIB REQUIRED IMPORTED_TARGET zlib)
  endif()
  target_compile_definitions(sash_fuzz_core PRIVATE SASH_HAVE_ZLIB)
  target_link_libraries(sash_fuzz_core PUBLIC PkgConfig::ZLIB)
endif()

set(SASH_FUZZ_TARGETS ipc asset_path glob config json)
list(APPEND SASH_FUZZ_TARGETS schema) # typed commands: schema parser + validator
list(APPEND SASH_FUZZ_TARGETS menu) # menus and tray
foreach(t ${SASH_FUZZ_TARGETS})
  add_executable(fuzz_${t} ${CMAKE_CURRENT_LIST_DIR}/fuzz_${t}.c)
  target_compile_options(fuzz_${t} PRIVATE -fsanitize=fuzzer ${fuzz_flags})
  target_link_options(fuzz_${t} PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_libraries(fuzz_${t} PRIVATE sash_fuzz_core)
endforeach()

# -- the built-in plugins' parsers of page (and peer) input (src/plugins/) --
if(NOT TARGET PkgConfig::SQLITE3)
  pkg_check_modules(SQLITE3 REQUIRED IMPORTED_TARGET sqlite3)
endif()
set(SASH_PLUGIN_FUZZ_TARGETS fs_path sql_params store_file plugin_lines)
set(fuzz_plugin_sources_fs_path ${SASH_SOURCE_DIR}/src/plugins/fs/fs_path.c)
set(fuzz_plugin_sources_sql_params ${SASH_SOURCE_DIR}/src/plugins/sql/sql.c)
set(fuzz_plugin_sources_store_file ${SASH_SOURCE_DIR}/src/plugins/store/store.c)
set(fuzz_plugin_sources_plugin_lines ${SASH_SOURCE_DIR}/src/plugins/log/log.c
    ${SASH_SOURCE_DIR}/src/plugins/single_instance/single_instance.c
    ${SASH_SOURCE_DIR}/src/plugins/deep_link/deep_link.c)
foreach(t ${SASH_PLUGIN_FUZZ_TARGETS})
  add_executable(fuzz_${t} ${CMAKE_CURRENT_LIST_DIR}/fuzz_${t}.c ${fuzz_plugin_sources_${t}})
  target_compile_options(fuzz_${t} PRIVATE -fsanitize=fuzzer ${fuzz_flags})
  target_link_options(fuzz_${t} PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_libraries(fuzz_${t} PRIVATE sash_fuzz_core PkgConfig::SQLITE3)
endforeach()
list(APPEND SASH_FUZZ_TARGETS ${SASH_PLUGIN_FUZZ_TARGETS})
