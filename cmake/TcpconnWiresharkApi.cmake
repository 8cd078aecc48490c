# Probes of the installed Wireshark API: each difference between 4.0, 4.2,
# 4.4 and 4.6 that tcpconn meets is tried with the compiler, not guessed
# from the version number.  Each probe that succeeds defines a macro for the
# plugin, read by plugin/tcpconn_compat.h.
include(CheckCSourceCompiles)
include(CheckIncludeFile)

function(tcpconn_probe_wireshark_api)
  get_target_property(ws_includes epan INTERFACE_INCLUDE_DIRECTORIES)
  set(CMAKE_REQUIRED_INCLUDES ${ws_includes})
  set(CMAKE_REQUIRED_FLAGS "-Werror=incompatible-pointer-types -Werror=implicit-function-declaration")
  set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)   # compile only: nothing to link

  # A stat_tap_ui's init callback returns void up to 4.4 and bool from 4.6.
  check_c_source_compiles("
    #include <stdbool.h>
    #include <epan/stat_tap_ui.h>
    static bool init(const char *opt, void *data) { (void)opt; (void)data; return true; }
    stat_tap_init_cb probe = init;
    int main(void) { return 0; }" TCPCONN_STAT_TAP_INIT_IS_BOOL)

  # field_info.value is an fvalue_t in 4.0 and an fvalue_t * from 4.2 on.
  check_c_source_compiles("
    #include <epan/proto.h>
    fvalue_t *probe(field_info *fi);
    fvalue_t *probe(field_info *fi) { return fi->value; }
    int main(void) { return 0; }" TCPCONN_FVALUE_IS_POINTER)

  # From 4.4 a plugin says what it is with plugin_describe(), whose values
  # wsutil/plugins.h declares (the 4.0 development package lacks that header).
  check_c_source_compiles("
    #include <wsutil/plugins.h>
    int main(void) { return (int)WS_PLUGIN_DESC_DISSECTOR; }" TCPCONN_HAVE_PLUGIN_DESCRIBE)

  # 4.6 drops get_data_source_tvb_by_name(): a data source is found by its
  # name, then gives its tvb.
  check_c_source_compiles("
    #include <epan/packet.h>
    tvbuff_t *probe(packet_info *p);
    tvbuff_t *probe(packet_info *p) { return get_data_source_tvb_by_name(p, \"x\"); }
    int main(void) { return 0; }" TCPCONN_HAVE_DATA_SOURCE_TVB_BY_NAME)

  foreach(probe TCPCONN_STAT_TAP_INIT_IS_BOOL TCPCONN_FVALUE_IS_POINTER TCPCONN_HAVE_PLUGIN_DESCRIBE
                TCPCONN_HAVE_DATA_SOURCE_TVB_BY_NAME)
    if(${probe})
      target_compile_definitions(tcpconn PRIVATE ${probe}=1)
    endif()
  endforeach()

  # epan/sequence_analysis.h (flow graphs): not installed by the 4.0
  # development package; plugin/tcpconn_compat.h declares what is needed
  # where it is missing.
  unset(CMAKE_REQUIRED_FLAGS)
  check_include_file(epan/sequence_analysis.h TCPCONN_HAVE_SEQUENCE_ANALYSIS_H)
  # TCPCONN_FLOW_GRAPH tells tests/CMakeLists.txt whether the plugin has one.
  set(TCPCONN_FLOW_GRAPH ON PARENT_SCOPE)
  if(TCPCONN_HAVE_SEQUENCE_ANALYSIS_H)
    target_compile_definitions(tcpconn PRIVATE TCPCONN_HAVE_SEQUENCE_ANALYSIS_H=1)
    message(STATUS "tcpconn: flow graph from the installed epan/sequence_analysis.h")
  elseif(Wireshark_VERSION VERSION_LESS 4.4)
    message(STATUS "tcpconn: flow graph from the 4.0/4.2 declarations in tcpconn_compat.h")
  else()
    message(STATUS "tcpconn: no epan/sequence_analysis.h for Wireshark ${Wireshark_VERSION}: no flow graph")
    set(TCPCONN_FLOW_GRAPH OFF PARENT_SCOPE)
  endif()
endfunction()
