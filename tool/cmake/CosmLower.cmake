# cosm_lower(<target> <source>...)
#
# Lowers each C++20 coroutine source with the cosm tool at build time and
# compiles the lowered C++17 file into <target> instead of the source:
#
#   <source>  --cosm-->  ${CMAKE_CURRENT_BINARY_DIR}/cosm/<dir>/<name>.lowered.cpp
#
# The tool is parsed with the runtime's include directories and the target's
# own include directories and definitions; its depfile makes the lowering run
# again when the source or any header it includes changes. <target> links
# cosm::runtime. A source also listed in the target's own sources is taken
# out of them (its lowered form replaces it). Call it from the directory that
# creates <target>, like any command that adds generated sources.
#
# Works with an installed cosm (find_package(cosm)) and in-tree (after
# add_subdirectory of cosm's source): either way the tool is cosm::cosm.
include_guard(GLOBAL)

# Functions keep the policies in effect where they are defined; CMP0116 (NEW)
# takes depfile paths relative to the current binary directory.
cmake_policy(PUSH)
cmake_policy(VERSION 3.20)

# Generator expressions and custom commands want real target names, not
# the aliases an in-tree build defines.
function(_cosm_real_target out name)
  get_target_property(real ${name} ALIASED_TARGET)
  if(real)
    set(${out} ${real} PARENT_SCOPE)
  else()
    set(${out} ${name} PARENT_SCOPE)
  endif()
endfunction()

function(cosm_lower target)
  if(NOT TARGET ${target})
    message(FATAL_ERROR "cosm_lower: '${target}' is not a target")
  endif()
  if(NOT TARGET cosm::cosm)
    message(FATAL_ERROR "cosm_lower: the cosm tool is not available (cosm was "
                        "built with COSM_BUILD_TOOL=OFF)")
  endif()
  if(NOT ARGN)
    message(FATAL_ERROR "cosm_lower: no sources given for '${target}'")
  endif()

  _cosm_real_target(tool cosm::cosm)
  _cosm_real_target(runtime cosm::runtime)

  # The runtime's include directories, then the target's (which already hold
  # the runtime's once it links cosm::runtime); empty entries, such as an
  # $<INSTALL_INTERFACE:...> in the build tree, would become a bare -I.
  set(includes "$<REMOVE_DUPLICATES:$<FILTER:$<TARGET_PROPERTY:${runtime},INTERFACE_INCLUDE_DIRECTORIES>$<SEMICOLON>$<TARGET_PROPERTY:${target},INCLUDE_DIRECTORIES>,EXCLUDE,^$>>")
  set(defines "$<FILTER:$<TARGET_PROPERTY:${target},COMPILE_DEFINITIONS>,EXCLUDE,^$>")
  set(flags
    "$<$<BOOL:${includes}>:-I$<JOIN:${includes},$<SEMICOLON>-I>>"
    "$<$<BOOL:${defines}>:-D$<JOIN:${defines},$<SEMICOLON>-D>>")

  set(lowered_sources)
  set(inputs)
  foreach(src IN LISTS ARGN)
    get_filename_component(abs "${src}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    get_filename_component(name "${abs}" NAME_WLE)
    get_filename_component(dir "${abs}" DIRECTORY)
    # Mirror the source's folder so that a/x.cpp and b/x.cpp do not collide.
    file(RELATIVE_PATH rel "${CMAKE_CURRENT_SOURCE_DIR}" "${dir}")
    if(rel MATCHES "^\\.\\." OR IS_ABSOLUTE "${rel}")
      set(rel "")
    endif()
    set(out "${CMAKE_CURRENT_BINARY_DIR}/cosm/${rel}/${name}.lowered.cpp")
    get_filename_component(out "${out}" ABSOLUTE)
    if(out IN_LIST lowered_sources)
      message(FATAL_ERROR "cosm_lower: two sources of '${target}' lower to ${out}")
    endif()
    add_custom_command(
      OUTPUT "${out}"
      COMMAND ${tool} "${abs}" -o "${out}" -MD -MF "${out}.d" -- ${flags}
      DEPENDS "${abs}" "$<TARGET_FILE:${tool}>"
      DEPFILE "${out}.d"
      COMMENT "Lowering ${src} with cosm"
      VERBATIM COMMAND_EXPAND_LISTS)
    # Quoted includes of the source still resolve from the lowered copy.
    set_property(SOURCE "${out}" APPEND PROPERTY INCLUDE_DIRECTORIES "${dir}")
    list(APPEND lowered_sources "${out}")
    list(APPEND inputs "${abs}")
  endforeach()

  # The lowered file replaces its source in the target.
  get_target_property(sources ${target} SOURCES)
  if(sources)
    set(kept)
    foreach(s IN LISTS sources)
      get_filename_component(s_abs "${s}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
      if(NOT s_abs IN_LIST inputs)
        list(APPEND kept "${s}")
      endif()
    endforeach()
    set_property(TARGET ${target} PROPERTY SOURCES ${kept})
  endif()
  target_sources(${target} PRIVATE ${lowered_sources})
  target_link_libraries(${target} PRIVATE cosm::runtime)
endfunction()

cmake_policy(POP)
