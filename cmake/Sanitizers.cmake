# ASan + UBSan for the whole tree (the `asan` preset). Applied as an INTERFACE target so
# third-party code from find_package is left alone.
add_library(mailassist_sanitizers INTERFACE)
add_library(mailassist::sanitizers ALIAS mailassist_sanitizers)
if(MAILASSIST_SANITIZE)
  target_compile_options(mailassist_sanitizers INTERFACE
    -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(mailassist_sanitizers INTERFACE -fsanitize=address,undefined)
endif()
if(MAILASSIST_FUZZ)
  # Parsers and everything they call are instrumented for coverage-guided fuzzing.
  target_compile_options(mailassist_sanitizers INTERFACE -fsanitize=fuzzer-no-link)
endif()

# One call per library target: warnings and sanitizers, nothing global.
function(mailassist_target_defaults target)
  target_link_libraries(${target} PRIVATE mailassist::warnings mailassist::sanitizers)
endfunction()
