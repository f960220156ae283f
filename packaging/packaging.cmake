# Install rules and the Debian package (`cpack -G DEB` in the build directory):
#   /usr/bin/lumbung, /usr/share/lumbung/{templates,static,i18n,migrations},
#   /etc/lumbung/lumbung.conf (conffile), /lib/systemd/system/lumbung.service,
#   /usr/share/doc/lumbung/{README.md, nginx-lumbung.conf};
# postinst creates the `lumbung` system user and /var/lib/lumbung.
# The binary finds /usr/share/lumbung as ../share/lumbung beside itself, and the
# shipped config names it too.

# `cpack`/`install` build only what is installed, not every test.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)

install(TARGETS lumbung RUNTIME DESTINATION bin)
install(DIRECTORY templates static i18n migrations DESTINATION share/lumbung)
install(FILES README.md DESTINATION share/doc/lumbung)
install(FILES packaging/nginx/lumbung.conf DESTINATION share/doc/lumbung RENAME nginx-lumbung.conf)
install(FILES packaging/lumbung.conf DESTINATION /etc/lumbung)
install(FILES packaging/lumbung.service DESTINATION /lib/systemd/system)

set(CPACK_PACKAGE_NAME lumbung)
set(CPACK_PACKAGE_VENDOR "Lumbung Inovasi")
set(CPACK_PACKAGE_CONTACT "Lumbung Inovasi <lumbung@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Lumbung Inovasi: the public-sector innovation platform")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION web)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "nginx, postgresql")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${PROJECT_SOURCE_DIR}/packaging/debian/conffiles
    ${PROJECT_SOURCE_DIR}/packaging/debian/postinst
    ${PROJECT_SOURCE_DIR}/packaging/debian/prerm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# Debug info stays in the build directory; the package ships a stripped binary.
set(CPACK_STRIP_FILES ON)
set(CPACK_GENERATOR DEB)
include(CPack)
