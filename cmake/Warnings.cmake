# Warnings and sanitizers come from one INTERFACE target that every target links.
# DRAGOMAN_SANITIZE: ASan + UBSan (the test build). DRAGOMAN_FUZZ: the same plus libFuzzer's
# coverage instrumentation (clang only; fuzz/ links the fuzzer's main). DRAGOMAN_TSAN:
# ThreadSanitizer (the daemon's concurrency tests). They exclude each other.
add_library(dragoman_warnings INTERFACE)
target_compile_options(dragoman_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align
  -Woverloaded-virtual -Wimplicit-fallthrough
  # GCC 12 reports impossible std::string copies under optimisation and ASan (GCC bug
  # 105329: "-Wrestrict false positive"); the warning finds nothing real here. (clang,
  # used for the fuzz build, has no such warning.)
  $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>)
if(DRAGOMAN_WERROR)
  target_compile_options(dragoman_warnings INTERFACE -Werror)
endif()
if(DRAGOMAN_SANITIZE)
  target_compile_options(dragoman_warnings INTERFACE
    -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(dragoman_warnings INTERFACE -fsanitize=address,undefined)
endif()
if(DRAGOMAN_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "DRAGOMAN_FUZZ needs clang (CXX=clang++): libFuzzer is part of clang")
  endif()
  if(DRAGOMAN_SANITIZE OR DRAGOMAN_TSAN)
    message(FATAL_ERROR "DRAGOMAN_FUZZ already includes ASan and UBSan; it excludes DRAGOMAN_SANITIZE and DRAGOMAN_TSAN")
  endif()
  target_compile_options(dragoman_warnings INTERFACE
    -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(dragoman_warnings INTERFACE -fsanitize=address,undefined)
endif()
if(DRAGOMAN_TSAN)
  if(DRAGOMAN_SANITIZE)
    message(FATAL_ERROR "ThreadSanitizer cannot be combined with AddressSanitizer")
  endif()
  target_compile_options(dragoman_warnings INTERFACE -fsanitize=thread -fno-omit-frame-pointer)
  target_link_options(dragoman_warnings INTERFACE -fsanitize=thread)
endif()
