# Every dependency is a Debian 12 package (scripts/bootstrap installs them).
# Nothing is downloaded at configure time.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(OpenSSL 3 REQUIRED)
pkg_check_modules(CARES REQUIRED IMPORTED_TARGET libcares)
pkg_check_modules(PSL REQUIRED IMPORTED_TARGET libpsl)
# QR codes (exporters): libqrencode makes the matrix, libpng writes it as an image.
pkg_check_modules(QRENCODE REQUIRED IMPORTED_TARGET libqrencode)
find_package(PNG REQUIRED)
find_package(CURL REQUIRED)
find_package(pugixml REQUIRED)
find_package(CLI11 REQUIRED)
find_package(nlohmann_json 3 REQUIRED)
if(MAILASSIST_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
# The wizard (app/wizard) and its translations: optional, the CLI builds without them.
find_package(wxWidgets 3.2 COMPONENTS core base QUIET)
if(wxWidgets_FOUND)
  # wxGTK's own toolkit, for the wizard's screenshots (app/wizard/ui/screenshot_gtk.cpp).
  pkg_check_modules(GTK3 REQUIRED IMPORTED_TARGET gtk+-3.0)
endif()
find_program(MAILASSIST_MSGFMT msgfmt)
# Outlook .pst sources (migrate/stores/pst_store.*): optional. Without libpst a .pst is
# still recognised and refused with a message saying this build cannot read it.
option(MAILASSIST_PST "Read Outlook .pst files when libpst is installed" ON)
if(MAILASSIST_PST)
  pkg_check_modules(LIBPST QUIET IMPORTED_TARGET libpst)
endif()
if(LIBPST_FOUND)
  message(STATUS "libpst ${LIBPST_VERSION}: Outlook .pst sources enabled")
else()
  message(STATUS "libpst not found: this build cannot read Outlook .pst files")
endif()
