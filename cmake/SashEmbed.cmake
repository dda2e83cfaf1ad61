# sash_embed_assets(<target> <dir> <symbol>)
#   Embeds every file under <dir> into <target> as a sash_asset table named
#   <symbol> (declare it with SASH_EMBEDDED_ASSETS(<symbol>)).  Rebuilds when
#   a file under <dir> changes, is added or removed (CONFIGURE_DEPENDS).
# sash_embed_string(<file> <out.c> <symbol> [JS|JSON])
#   One file as a NUL-terminated `const char <symbol>[]`; with JSON, without
#   the whitespace between its tokens (when it parses); with JS, without
#   indentation, blank lines and whole-line // comments, as
#   `const unsigned char <symbol>[]`, <symbol>_size and <symbol>_packed
#   (deflated when SASH_EMBED_DEFLATE: see tools/sash-embed.c).
# SASH_EMBED_EXECUTABLE names the tool: set by Sash's own build, or by
# SashConfig.cmake to the installed Sash::sash-embed.

# SASH_EMBED_DEFLATE (set by Sash's build and SashConfig.cmake): libsash
# inflates, so files are stored deflated (3-4x smaller for text).
if(SASH_EMBED_DEFLATE)
  set(_sash_deflate --deflate)
else()
  set(_sash_deflate "")
endif()

function(sash_embed_assets target dir symbol)
  get_filename_component(dir "${dir}" ABSOLUTE)
  file(GLOB_RECURSE files CONFIGURE_DEPENDS "${dir}/*")
  set(out "${CMAKE_CURRENT_BINARY_DIR}/${symbol}.c")
  add_custom_command(OUTPUT "${out}"
    COMMAND ${SASH_EMBED_EXECUTABLE} ${_sash_deflate} assets "${dir}" "${out}" ${symbol}
    DEPENDS ${files} ${SASH_EMBED_EXECUTABLE}
    COMMENT "Embedding ${dir} as ${symbol}" VERBATIM)
  target_sources(${target} PRIVATE "${out}")
endfunction()

function(sash_embed_string file out symbol)
  set(mode string)
  set(flags "")
  if(ARGV3 STREQUAL "JS")
    set(mode js)
    set(flags ${_sash_deflate})
  elseif(ARGV3 STREQUAL "JSON")
    set(mode json)
  endif()
  add_custom_command(OUTPUT "${out}"
    COMMAND ${SASH_EMBED_EXECUTABLE} ${flags} ${mode} "${file}" "${out}" ${symbol}
    DEPENDS "${file}" ${SASH_EMBED_EXECUTABLE}
    COMMENT "Embedding ${file} as ${symbol}" VERBATIM)
endfunction()

# sash_embed_config(<target> <sash.json> <symbol>)
#   Embeds the app config as `const char <symbol>[]` in <target>; declare it
#   with SASH_EMBEDDED_CONFIG(<symbol>) and pass it as
#   sash_app_options.config_json.  It is checked when the app starts, and
#   sash_config_check() reports the same errors to tools.
function(sash_embed_config target file symbol)
  get_filename_component(file "${file}" ABSOLUTE)
  set(out "${CMAKE_CURRENT_BINARY_DIR}/${symbol}.c")
  sash_embed_string("${file}" "${out}" ${symbol} JSON)
  target_sources(${target} PRIVATE "${out}")
endfunction()
