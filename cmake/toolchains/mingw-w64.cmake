# Cross build for 64-bit Windows with Debian's mingw-w64 (gcc-mingw-w64-x86-64).
# Programs built with it run here under Wine (wine64): CTest starts every
# test through CMAKE_CROSSCOMPILING_EMULATOR.  SASH_WIN_PREFIX names where
# the Windows builds of jansson and cmocka were installed.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(CMAKE_C_COMPILER x86_64-w64-mingw32-gcc)
set(CMAKE_RC_COMPILER x86_64-w64-mingw32-windres)
set(CMAKE_FIND_ROOT_PATH /usr/x86_64-w64-mingw32 $ENV{SASH_WIN_PREFIX})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
# pkg-config finds only the Windows builds, never this machine's packages.
set(ENV{PKG_CONFIG_LIBDIR} "$ENV{SASH_WIN_PREFIX}/lib/pkgconfig")
set(ENV{PKG_CONFIG_PATH} "")
# Static C runtime pieces: test programs need no DLL from the compiler.
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static-libgcc")
set(CMAKE_SHARED_LINKER_FLAGS_INIT "-static-libgcc")
find_program(SASH_WINE NAMES wine64 wine PATHS /usr/lib/wine NO_DEFAULT_PATH)
find_program(SASH_WINE NAMES wine64 wine)
if(SASH_WINE)
  # DLLs the tests load (cmocka) come from the prefix's bin folder.
  set(CMAKE_CROSSCOMPILING_EMULATOR
      env "WINEPATH=$ENV{SASH_WIN_PREFIX}/bin" WINEDEBUG=-all ${SASH_WINE})
endif()
