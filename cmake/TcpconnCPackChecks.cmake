# Read by cpack before it packages (CPACK_PROJECT_CONFIG_FILE): a package of
# a personal install would put the plugin under the builder's home folder.
if(NOT CPACK_TCPCONN_INSTALL_SYSTEM)
  message(FATAL_ERROR "tcpconn: a package needs a build configured with -DTCPCONN_INSTALL_SYSTEM=ON "
                      "(tools/build-deb.sh makes one)")
endif()
if(NOT CPACK_TCPCONN_LIBWIRESHARK)
  message(FATAL_ERROR "tcpconn: the libwireshark package to depend on is unknown (see the configure warning)")
endif()
