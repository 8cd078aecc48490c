# Probes of the installed Wireshark API where the version number alone does
# not tell which form a declaration has.
include(CheckCSourceCompiles)

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
endfunction()
