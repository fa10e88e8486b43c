// Which language version of a transcript a result shows: the query's language.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dragoman {

/// The language, among `available` (a group's versions), that a result for `query`
/// should be shown in: `lang_filter` when given and available; else the language CLD2
/// reads in the query's free words, when available; else the one version whose language
/// is written in the query's script (a Cyrillic query picks "ru" among ar/en/es/fr/ru/zh).
/// "" when none applies: the best-scoring version is then shown.
std::string preferred_version_language(std::string_view query, std::string_view lang_filter,
                                       const std::vector<std::string>& available);

}  // namespace dragoman
