# The Debian package (CPack's DEB generator): `cmake --build BUILD --target
# package` in a build configured with -DTCPCONN_INSTALL_SYSTEM=ON, or
# tools/build-deb.sh.  It holds whatever the install() rules of the project
# install, under the system paths: the plugin in Wireshark's system plugin
# folder, the docs and sample captures in /usr/share/doc/tcpconn.
#
# A plugin loads only into the Wireshark minor version it was built for, so
# the package depends on the very libwireshark ABI package it was built
# against (libwireshark16 for 4.0, libwireshark18 for 4.4), found from the
# soname of the library that the epan target names and, on Debian, from the
# package that owns it.  Its version says the minor too: 0.1.0+ws4.4.

# tcpconn_libwireshark_package(OUT): the package name of the libwireshark
# that the imported target epan points to
function(tcpconn_libwireshark_package out)
  get_target_property(configs epan IMPORTED_CONFIGURATIONS)
  list(GET configs 0 config)
  get_target_property(location epan IMPORTED_LOCATION_${config})
  get_target_property(soname epan IMPORTED_SONAME_${config})
  if(NOT soname MATCHES "^libwireshark\\.so\\.([0-9]+)$")
    message(WARNING "tcpconn: cannot tell the libwireshark ABI from soname '${soname}' (${location}): no package")
    set(${out} "" PARENT_SCOPE)
    return()
  endif()
  set(package "libwireshark${CMAKE_MATCH_1}")
  # On Debian the owning package is the authority (it may carry a suffix
  # such as t64 after an ABI transition).
  file(REAL_PATH "${location}" real)
  execute_process(COMMAND dpkg-query -S "${real}" OUTPUT_VARIABLE owner ERROR_QUIET
                  RESULT_VARIABLE rc OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(rc EQUAL 0 AND owner MATCHES "^(libwireshark[0-9]+[a-z0-9]*)(:[a-z0-9]+)?: ")
    set(package "${CMAKE_MATCH_1}")
  else()
    message(STATUS "tcpconn: no Debian package owns ${real}; the package will depend on ${package}")
  endif()
  set(${out} "${package}" PARENT_SCOPE)
endfunction()

tcpconn_libwireshark_package(TCPCONN_LIBWIRESHARK_PACKAGE)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME tcpconn)
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}+ws${TCPCONN_WS_MINOR}")
set(CPACK_PACKAGE_CONTACT "tcpconn developers <tcpconn@invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "TCP connection lifecycle plugin for Wireshark ${TCPCONN_WS_MINOR}")
set(CPACK_PACKAGE_DESCRIPTION
  "A Wireshark epan plugin that follows every TCP connection through its life:\n"
  "handshake and teardown steps, resets, retries, the RFC 9293 states of both\n"
  "endpoints, Zeek conn_state and history, two statistics tables.\n"
  "Built for Wireshark ${TCPCONN_WS_MINOR} only: a plugin loads into the minor\n"
  "version it was built for.")
string(REPLACE ";" "" CPACK_PACKAGE_DESCRIPTION "${CPACK_PACKAGE_DESCRIPTION}")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "${TCPCONN_LIBWIRESHARK_PACKAGE}")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)      # libc6, libglib2.0-0 ... with versions
set(CPACK_DEBIAN_PACKAGE_ENHANCES "tshark, wireshark")
# Absolute destinations (the plugin folder) go under the package root as
# they are; relative ones under /usr.
set(CPACK_SET_DESTDIR ON)
set(CPACK_INSTALL_PREFIX /usr)
set(CPACK_TCPCONN_INSTALL_SYSTEM "${TCPCONN_INSTALL_SYSTEM}")
set(CPACK_TCPCONN_LIBWIRESHARK "${TCPCONN_LIBWIRESHARK_PACKAGE}")
set(CPACK_PROJECT_CONFIG_FILE "${CMAKE_CURRENT_LIST_DIR}/TcpconnCPackChecks.cmake")
include(CPack)
