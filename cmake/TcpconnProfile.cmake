# The "tcpconn" Wireshark configuration profile: a folder with one
# colorfilters file, tcpconn's rules (profile/colorfilters) followed by the
# installed Wireshark's default rules, so that frames tcpconn does not
# colour look as usual.  Built at configure time into
# ${CMAKE_BINARY_DIR}/profiles/tcpconn; installed into Wireshark's global
# profiles folder (system install, the Debian package) or the user's
# personal one.
set(TCPCONN_WS_DATA_DIR "${Wireshark_INSTALL_PREFIX}/share/wireshark" CACHE PATH
    "Wireshark's data folder (global colorfilters and profiles)")

function(tcpconn_build_profile out_var)
  set(ours "${PROJECT_SOURCE_DIR}/profile/colorfilters")
  set(defaults "${TCPCONN_WS_DATA_DIR}/colorfilters")
  set(dir "${CMAKE_BINARY_DIR}/profiles/tcpconn")
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${ours}")
  file(READ "${ours}" text)
  if(EXISTS "${defaults}")
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${defaults}")
    file(READ "${defaults}" default_text)
    string(APPEND text "# Wireshark's default rules (${defaults}):\n${default_text}")
  else()
    message(WARNING "tcpconn: no ${defaults}: the tcpconn profile has only tcpconn's coloring rules")
  endif()
  file(MAKE_DIRECTORY "${dir}")
  file(WRITE "${dir}/colorfilters" "${text}")
  set(${out_var} "${dir}" PARENT_SCOPE)
endfunction()
