# Hostile-page tests (htest): the app's default security under attack.
# Included from CMakeLists.txt; pages live in pages/hostile-*.html and use
# external scripts only, since the default CSP blocks inline ones.
add_executable(htest htest.c htest_gesture.c harness.c)
target_link_libraries(htest PRIVATE Sash::sash)
sash_embed_assets(htest ${CMAKE_CURRENT_SOURCE_DIR}/pages htest_assets)
sash_embed_config(htest ${CMAKE_CURRENT_SOURCE_DIR}/htest.json htest_config)

foreach(page denied limits traversal csp remote raw nogesture)
  add_test(NAME hostile.${page}
           COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/run-xvfb.sh $<TARGET_FILE:htest>
                   hostile-${page})
  set_tests_properties(hostile.${page} PROPERTIES
                       LABELS "integration;hostile" TIMEOUT 200)
endforeach()
# Per-frame origin: messages straight to the handler are refused before the
# core reads them when the web extension is loaded; the limits are checked
# without it (hostile.frames checks the refusal).
set_property(TEST hostile.limits APPEND PROPERTY ENVIRONMENT "SASH_SHM=0")
# Alone: it checks what WebKit calls a user gesture, which depends on
# when the app's own scripts (evals, deliveries) run (docs/security.md,
# "Known limits of the model").
set_tests_properties(hostile.remote PROPERTIES RUN_SERIAL TRUE)
# hostile.nogesture: deliveries (events, channel messages) are no user
# gesture, a real click (xdotool on its own Xvfb display) is.

