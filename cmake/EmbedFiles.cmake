# dragoman_embed_files(TARGET <lib> FILES a b ...): compiles the files into <lib> as
# byte arrays, looked up by name through dragoman::web::asset() (searchd/web_assets.hpp).
function(dragoman_embed_files)
  cmake_parse_arguments(EMBED "" "TARGET" "FILES" ${ARGN})
  set(out "${CMAKE_CURRENT_BINARY_DIR}/${EMBED_TARGET}_embedded.cpp")
  set(deps "")
  string(REPLACE ";" "|" file_list "${EMBED_FILES}")
  foreach(f IN LISTS EMBED_FILES)
    list(APPEND deps "${CMAKE_CURRENT_SOURCE_DIR}/${f}")
  endforeach()
  add_custom_command(
    OUTPUT "${out}"
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DBASE=${CMAKE_CURRENT_SOURCE_DIR}
            "-DFILES=${file_list}" -P ${PROJECT_SOURCE_DIR}/cmake/embed_generate.cmake
    DEPENDS ${deps} ${PROJECT_SOURCE_DIR}/cmake/embed_generate.cmake
    COMMENT "Embedding ${EMBED_TARGET} assets"
    VERBATIM)
  target_sources(${EMBED_TARGET} PRIVATE "${out}")
endfunction()
