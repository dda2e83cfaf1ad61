# sash_app(<target> [MAIN <file>] [SOURCES <file>...])
#   The app's C side from src-c/: MAIN (default src-c/main.c) holds main(),
#   SOURCES (default: every other src-c/*.c) the commands.
#   - Normally (sash build, plain CMake): one executable from all of them,
#     linked with the static libsash; nothing is loaded at run time.
#   - With SASH_DEV_HOTSWAP=ON (set by `sash dev` when there are SOURCES):
#     <target> is a dev host built from MAIN alone, linked with the WHOLE
#     static library and --export-dynamic, and <target>_module is a MODULE
#     (shared object) from SOURCES whose undefined symbols (sash_*, json_*)
#     resolve against the host when it is loaded.  The host loads it at
#     sash_app_new() (SASH_DEV_MODULE) and swaps in rebuilt ones while the
#     app runs (docs/cli.md, "sash dev").
#   SASH_APP_HOTSWAP (a variable, when set) overrides the option for the
#   sash_app() calls that see it (Sash's own tests build both kinds).
#   Writes sash-app-path.txt (the executable) and, in hot-swap mode,
#   sash-module-path.txt (the module's file, then its target) into the build
#   folder for the CLI (an app's own project only).
# sash_small_binary(<target>)
#   Link options for a small app binary that keep its hardening: unused
#   sections dropped, libraries linked only when used, no padding between
#   segments, calls through the GOT instead of a PLT with every symbol bound
#   at load (-z now: full RELRO), and relative relocations packed (DT_RELR,
#   binutils 2.38 + glibc 2.36) where the linker takes it.  sash_app() calls
#   it for release builds.  hello: 119,056 -> 112,920 bytes stripped.
include(CheckLinkerFlag)
check_linker_flag(C "-Wl,-z,pack-relative-relocs" SASH_LINKER_RELR)
function(sash_small_binary target)
  if(MSVC OR APPLE OR WIN32)
    return()
  endif()
  target_compile_options(${target} PRIVATE -fno-plt)
  target_link_options(${target} PRIVATE -fno-plt -Wl,--gc-sections -Wl,--as-needed
                      -Wl,-z,noseparate-code -Wl,-z,now)
  if(SASH_LINKER_RELR)
    target_link_options(${target} PRIVATE -Wl,-z,pack-relative-relocs)
  endif()
endfunction()

option(SASH_DEV_HOTSWAP "sash dev: build main.c as a host and the other src-c files as a module it swaps" OFF)

function(sash_app target)
  cmake_parse_arguments(A "" "MAIN" "SOURCES" ${ARGN})
  if(NOT A_MAIN)
    set(A_MAIN ${CMAKE_CURRENT_SOURCE_DIR}/src-c/main.c)
  endif()
  get_filename_component(A_MAIN "${A_MAIN}" ABSOLUTE)
  if(NOT A_SOURCES)
    file(GLOB A_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/src-c/*.c)
  endif()
  set(others "")
  foreach(f IN LISTS A_SOURCES)
    get_filename_component(f "${f}" ABSOLUTE)
    if(NOT f STREQUAL A_MAIN)
      list(APPEND others "${f}")
    endif()
  endforeach()
  # Sash::sash_static from an installed Sash; sash_static in Sash's tree.
  set(lib Sash::sash_static)
  if(NOT TARGET Sash::sash_static)
    set(lib sash_static)
  endif()
  set(hotswap ${SASH_DEV_HOTSWAP})
  if(DEFINED SASH_APP_HOTSWAP)
    set(hotswap ${SASH_APP_HOTSWAP})
  endif()
  if(hotswap AND others)
    add_executable(${target} ${A_MAIN})
    # Every SASH_API function in the host, exported for the module.
    target_link_libraries(${target} PRIVATE
      -Wl,--whole-archive $<TARGET_FILE:${lib}> -Wl,--no-whole-archive
      ${lib})
    target_link_options(${target} PRIVATE -Wl,--export-dynamic)
    add_library(${target}_module MODULE ${others})
    set_target_properties(${target}_module PROPERTIES PREFIX ""
                          OUTPUT_NAME ${target}-module)
    # Headers only: the module must not carry a second libsash.
    target_include_directories(${target}_module PRIVATE
      $<TARGET_PROPERTY:${lib},INTERFACE_INCLUDE_DIRECTORIES>)
    target_link_libraries(${target}_module PRIVATE PkgConfig::JANSSON)
    add_dependencies(${target} ${target}_module)
    set(module_path "$<TARGET_FILE:${target}_module>\n${target}_module\n")
  else()
    add_executable(${target} ${A_MAIN} ${others})
    target_link_libraries(${target} PRIVATE ${lib})
    sash_small_binary(${target})
    # The bridge profiler in dev (Debug) builds; release builds link it
    # only when the app calls sash_app_stats() (docs/ipc.md).
    target_link_options(${target} PRIVATE $<$<CONFIG:Debug>:-Wl,-u,sash_app_stats>)
    set(module_path "")
  endif()
  # Tells `sash build` / `sash dev` where the binary (and module) is; an
  # app's own project only (not Sash's tests, which make several).
  if(CMAKE_CURRENT_SOURCE_DIR STREQUAL CMAKE_SOURCE_DIR)
    file(GENERATE OUTPUT ${CMAKE_BINARY_DIR}/sash-app-path.txt
         CONTENT "$<TARGET_FILE:${target}>\n")
    file(GENERATE OUTPUT ${CMAKE_BINARY_DIR}/sash-module-path.txt
         CONTENT "${module_path}")
  endif()
endfunction()
