// Escaping for each medium: no transcript or query text ever becomes markup or control codes.
#pragma once

#include <string>
#include <string_view>

namespace dragoman::render {

/// Removes C0/C1 control characters (except newline and tab), bidirectional overrides
/// and isolates, and replaces invalid UTF-8: text safe to show anywhere.
std::string sanitize(std::string_view text);

/// HTML-escapes sanitized text (& < > " ').
std::string html_escape(std::string_view text);

}  // namespace dragoman::render
