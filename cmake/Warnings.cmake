# Warnings as an INTERFACE target: every project target links mailassist::warnings.
add_library(mailassist_warnings INTERFACE)
add_library(mailassist::warnings ALIAS mailassist_warnings)
target_compile_options(mailassist_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
  -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Woverloaded-virtual
  -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough)
if(MAILASSIST_WARNINGS_AS_ERRORS)
  target_compile_options(mailassist_warnings INTERFACE -Werror)
endif()
