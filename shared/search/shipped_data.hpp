// The data files shipped with Dragoman (data/: synonyms.txt, speakers.txt): where a program
// finds them, in a build tree, an installed package or wherever an operator points.
#pragma once

#include <string>
#include <string_view>

namespace dragoman {

/// The path of shipped data file `name`: $`env_variable` when set; else beside an installed
/// program, PREFIX/share/dragoman/NAME for PREFIX/bin/PROGRAM, so that a package works
/// whatever prefix it is unpacked under; else the directory compiled in (the source tree's
/// data/ for a program run from its build tree).
std::string shipped_data_file(std::string_view name, const char* env_variable);

}  // namespace dragoman
