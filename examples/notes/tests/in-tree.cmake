# Notes inside Sash's own build (SASH_BUILD_EXAMPLES): the front end built
# with npm into the build folder and embedded, as `sash build` does, plus
# the C tests and the bench program.  Included by ../CMakeLists.txt.

# -- the front end ----------------------------------------------------------
# Needs npm and the workspace's JS packages (js/node_modules: cd js && npm
# ci); without them the app is built without a page (and says so).
find_program(NOTES_NPM npm)
if(NOTES_NPM AND EXISTS ${CMAKE_SOURCE_DIR}/js/node_modules/typescript)
  file(GLOB_RECURSE notes_fe CONFIGURE_DEPENDS
       ${CMAKE_CURRENT_SOURCE_DIR}/src/*
       ${CMAKE_SOURCE_DIR}/js/packages/api/src/*
       ${CMAKE_SOURCE_DIR}/js/packages/vue/src/*
       ${CMAKE_SOURCE_DIR}/js/packages/vite/src/*)
  set(notes_dist ${CMAKE_CURRENT_BINARY_DIR}/dist)
  set(notes_assets_c ${CMAKE_CURRENT_BINARY_DIR}/app_assets.c)
  set(in_js ${CMAKE_COMMAND} -E chdir ${CMAKE_SOURCE_DIR}/js)
  add_custom_command(OUTPUT ${notes_assets_c}
    # @sash/* come from the workspace (file:../../js/packages/...): build them.
    COMMAND ${in_js} ${NOTES_NPM} run --silent build
    COMMAND sh tests/npm-ci-if-needed.sh
    COMMAND ${NOTES_NPM} exec --offline -- vue-tsc --noEmit
    COMMAND ${NOTES_NPM} exec --offline -- vite build --logLevel warn --emptyOutDir --outDir ${notes_dist}
    COMMAND ${SASH_EMBED_EXECUTABLE} ${_sash_deflate} assets ${notes_dist} ${notes_assets_c} app_assets
    WORKING_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}
    DEPENDS ${notes_fe} ${SASH_EMBED_EXECUTABLE}
            ${CMAKE_CURRENT_SOURCE_DIR}/package-lock.json
            ${CMAKE_CURRENT_SOURCE_DIR}/index.html
            ${CMAKE_CURRENT_SOURCE_DIR}/vite.config.ts
    COMMENT "examples/notes: building the front end (npm, vite)" VERBATIM)
  target_sources(notes PRIVATE ${notes_assets_c})
  target_compile_definitions(notes PRIVATE APP_EMBEDDED_ASSETS=1)
  set(NOTES_HAS_FRONTEND ON)
else()
  message(STATUS "examples/notes: npm or js/node_modules missing (cd js && npm ci): built without its page")
  set(NOTES_HAS_FRONTEND OFF)
endif()

# -- the database layer's tests and the bench program ------------------------
set(notes_db_src ${CMAKE_CURRENT_SOURCE_DIR}/src-c/notesdb.c
                 ${CMAKE_CURRENT_SOURCE_DIR}/src-c/rank.c
                 ${CMAKE_CURRENT_SOURCE_DIR}/src-c/demo.c)
add_executable(notes_bench ${CMAKE_SOURCE_DIR}/bench/notes.c ${notes_db_src})
target_include_directories(notes_bench PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src-c)
target_link_libraries(notes_bench PRIVATE PkgConfig::NOTES_SQLITE PkgConfig::JANSSON m)

if(SASH_BUILD_TESTS)
  enable_testing() # examples/ come before tests/ in the top-level list
  pkg_check_modules(CMOCKA REQUIRED IMPORTED_TARGET cmocka)
  add_executable(notes_dbtest ${CMAKE_CURRENT_SOURCE_DIR}/tests/dbtest.c ${notes_db_src})
  target_include_directories(notes_dbtest PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src-c)
  target_link_libraries(notes_dbtest PRIVATE PkgConfig::NOTES_SQLITE PkgConfig::JANSSON
                        PkgConfig::CMOCKA m)
  add_test(NAME notes.db COMMAND notes_dbtest)
  set_tests_properties(notes.db PROPERTIES LABELS "notes" TIMEOUT 120)
  if(NOTES_HAS_FRONTEND)
    # The real app under Xvfb: the page boots a small demo database,
    # searches, opens, edits and re-reads a note, then SIGKILL mid-edit.
    add_test(NAME notes.app
             COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/tests/run-app.sh $<TARGET_FILE:notes>)
    set_tests_properties(notes.app PROPERTIES LABELS "notes;integration" TIMEOUT 120)
    # The page with @sash/api/mocks (Vitest, jsdom): search, autosave, keys.
    add_test(NAME notes.page COMMAND ${NOTES_NPM} exec --offline -- vitest run
             WORKING_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR})
    set_tests_properties(notes.page PROPERTIES LABELS "notes" TIMEOUT 120)
    # Through WebDriver (@sash/e2e, sash test e2e): e2e/notes.e2e.mjs on a
    # 2,000-note database.  Registered only with the page built, so the
    # e2e step of scripts/test (before the page can be built on a fresh
    # machine) does not see it; the notes step runs it.
    add_test(NAME notes.e2e
             COMMAND env NO_DISPLAY=1 NOTES_DEMO_COUNT=2000
                     ${CMAKE_SOURCE_DIR}/tests/e2e/run.sh ${CMAKE_BINARY_DIR}
                     ${CMAKE_CURRENT_BINARY_DIR}/e2e-work ${CMAKE_CURRENT_SOURCE_DIR}/e2e
                     $<TARGET_FILE:notes>)
    set_tests_properties(notes.e2e PROPERTIES LABELS "notes;e2e" TIMEOUT 240)
  endif()
endif()
