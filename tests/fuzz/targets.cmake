# The libFuzzer targets; included with clang as the compiler, either by
# CMakeLists.txt (when the main build uses clang) or by standalone/ (an
# ExternalProject when it does not).  Needs SASH_SOURCE_DIR and
# SASH_BRIDGE_JS_C (the generated bridge script).
set(fuzz_flags -fsanitize=address,undefined -fno-sanitize-recover=undefined
               -fno-omit-frame-pointer -g -O1)
file(GLOB fuzz_core_sources CONFIGURE_DEPENDS ${SASH_SOURCE_DIR}/src/core/*/*.c)
# The whole core, instrumented for coverage, on the in-memory backend.
add_library(sash_fuzz_core STATIC ${fuzz_core_sources} ${SASH_BRIDGE_JS_C}
            ${SASH_SOURCE_DIR}/tests/unit/fake_platform.c)
target_include_directories(sash_fuzz_core PUBLIC ${SASH_SOURCE_DIR}/include ${SASH_SOURCE_DIR}/src/core)
target_compile_options(sash_fuzz_core PRIVATE -fsanitize=fuzzer-no-link ${fuzz_flags})
target_link_libraries(sash_fuzz_core PUBLIC PkgConfig::JANSSON Threads::Threads)

set(SASH_FUZZ_TARGETS ipc asset_path glob config menu) # menu: menus and tray
foreach(t ${SASH_FUZZ_TARGETS})
  add_executable(fuzz_${t} ${CMAKE_CURRENT_LIST_DIR}/fuzz_${t}.c)
  target_compile_options(fuzz_${t} PRIVATE -fsanitize=fuzzer ${fuzz_flags})
  target_link_options(fuzz_${t} PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_libraries(fuzz_${t} PRIVATE sash_fuzz_core)
endforeach()
