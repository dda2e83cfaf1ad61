# examples/hello stays small (issue 14, item 6): its stripped size must not
# pass LIMIT bytes.  Sizes are deterministic for one toolchain (gcc 12,
# binutils 2.40, Debian 12), so this is a plain comparison, no timing.
# tools/size-report shows what the bytes are made of when it fails.
# cmake -DBIN=... -DSTRIP=... -DOUT=... -DLIMIT=... -P hello_size.cmake
execute_process(COMMAND ${STRIP} -o ${OUT} ${BIN} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "strip failed on ${BIN}")
endif()
file(SIZE ${OUT} size)
file(REMOVE ${OUT})
if(size GREATER LIMIT)
  message(FATAL_ERROR "examples/hello is ${size} bytes stripped, over the "
          "limit of ${LIMIT}: run tools/size-report to see what grew (and "
          "raise the limit in tests/integration/CMakeLists.txt only for a "
          "feature every app needs)")
endif()
message(STATUS "examples/hello: ${size} bytes stripped (limit ${LIMIT})")
