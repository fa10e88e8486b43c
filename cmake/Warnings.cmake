# Warnings and sanitizers come from one INTERFACE target that every target links.
add_library(dragoman_warnings INTERFACE)
target_compile_options(dragoman_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align
  -Woverloaded-virtual -Wimplicit-fallthrough
  # GCC 12 reports impossible std::string copies under optimisation and ASan (GCC bug
  # 105329: "-Wrestrict false positive"); the warning finds nothing real here.
  -Wno-restrict)
if(DRAGOMAN_WERROR)
  target_compile_options(dragoman_warnings INTERFACE -Werror)
endif()
if(DRAGOMAN_SANITIZE)
  target_compile_options(dragoman_warnings INTERFACE
    -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(dragoman_warnings INTERFACE -fsanitize=address,undefined)
endif()
