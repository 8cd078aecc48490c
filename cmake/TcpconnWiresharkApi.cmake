# Probes of the installed Wireshark API where the version number alone does
# not tell which form a declaration has.
include(CheckCSourceCompiles)
include(CheckIncludeFile)

# prefs_register_bool_preference() takes gboolean * in 4.0 and bool * in 4.4.
function(tcpconn_probe_wireshark_api)
  get_target_property(ws_includes epan INTERFACE_INCLUDE_DIRECTORIES)
  set(CMAKE_REQUIRED_INCLUDES ${ws_includes})
  set(CMAKE_REQUIRED_FLAGS "-Werror=incompatible-pointer-types")
  set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)   # compile only: nothing to link
  check_c_source_compiles("
    #include <stdbool.h>
    #include <epan/prefs.h>
    static bool var;
    void probe(module_t *m);
    void probe(module_t *m) { prefs_register_bool_preference(m, \"x\", \"x\", \"x\", &var); }
    int main(void) { return 0; }" TCPCONN_PREFS_BOOL_IS_C99)
  if(TCPCONN_PREFS_BOOL_IS_C99)
    target_compile_definitions(tcpconn PRIVATE TCPCONN_PREFS_BOOL_IS_C99=1)
  endif()
  # epan/sequence_analysis.h (flow graphs): not installed by the 4.0
  # development package; plugin/tcpconn_compat.h declares what is needed
  # where it is missing.
  unset(CMAKE_REQUIRED_FLAGS)
  check_include_file(epan/sequence_analysis.h TCPCONN_HAVE_SEQUENCE_ANALYSIS_H)
  if(TCPCONN_HAVE_SEQUENCE_ANALYSIS_H)
    target_compile_definitions(tcpconn PRIVATE TCPCONN_HAVE_SEQUENCE_ANALYSIS_H=1)
    message(STATUS "tcpconn: flow graph from the installed epan/sequence_analysis.h")
  elseif(Wireshark_VERSION VERSION_LESS 4.4)
    message(STATUS "tcpconn: flow graph from the 4.0/4.2 declarations in tcpconn_compat.h")
  else()
    message(STATUS "tcpconn: no epan/sequence_analysis.h for Wireshark ${Wireshark_VERSION}: no flow graph")
  endif()
endfunction()
