// Pieces of a source file's path that readers turn into record ids and metadata.
#pragma once

#include <string>
#include <vector>

namespace dragoman {

/// The file name without its extension, and without `.gz` first when compressed:
/// `a/b/USA_75_2020.txt.gz` → `USA_75_2020`.
std::string file_stem(const std::string& path);

/// The names of the directories holding `path`, nearest first:
/// `x/kremlin_en/news/17164/print.html` → {"17164", "news", "kremlin_en", "x"}.
/// Relative paths are made absolute first, so `print.html` still has parents.
std::vector<std::string> parent_names(const std::string& path);

}  // namespace dragoman
