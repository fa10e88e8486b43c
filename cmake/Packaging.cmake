# CPack: a Debian package of the installed files (`cpack` in the build tree writes
# dragoman_VERSION_ARCH.deb). Programs in /usr/bin (dragoman-searchd in /usr/sbin), man
# pages, the systemd unit in /usr/lib/systemd/system, examples in /usr/share/doc/dragoman.
set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "dragoman")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_VENDOR "Dragoman")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "full-text search for diplomatic transcripts")
set(CPACK_PACKAGE_DESCRIPTION
  "Dragoman indexes speeches, press conferences, briefings, interviews and joint statements
in many languages and scripts, one passage per speaker turn, and finds who said what,
when, and in which words. dragoman-index builds a Xapian index from JSON Lines, plain
text, Markdown, HTML and ParlaMint sources; dragoman-searchd serves a web page and a JSON
API; dragoman-search searches from a shell.")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_STRIP_FILES OFF)

set(CPACK_DEBIAN_FILE_NAME "DEB-DEFAULT")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "Dragoman maintainers <dragoman@example.org>")
set(CPACK_DEBIAN_PACKAGE_SECTION "text")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://example.org/dragoman")
# Depends from the programs' shared libraries (dpkg-shlibdeps, from dpkg-dev).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "xapian-tools, systemd, cron")
# postinst creates the dragoman user and /var/lib/dragoman (with adduser, hence Depends).
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA "${PROJECT_SOURCE_DIR}/dist/debian/postinst")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

include(CPack)
