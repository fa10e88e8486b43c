// Escaping for each medium: no transcript or query text ever becomes markup or control codes.
#pragma once

#include <string>
#include <string_view>

namespace dragoman::render {

/// Removes C0/C1 control characters (except newline and tab), bidirectional overrides
/// and isolates, and the noncharacters U+FFFE and U+FFFF, and replaces invalid UTF-8:
/// text safe to show anywhere, and every character of it allowed in XML 1.0.
std::string sanitize(std::string_view text);

/// Sanitized text on one line: every run of white space one space, no space at either end.
std::string one_line(std::string_view text);

/// HTML-escapes sanitized text (& < > " '). The result is also XML 1.0 character data and
/// attribute content (the Atom feed's escaper).
std::string html_escape(std::string_view text);

/// `s` percent-encoded for a URL path segment or a query value: every byte but RFC 3986's
/// unreserved characters (A-Z a-z 0-9 - . _ ~) and ':' becomes %XX (upper-case hex). One
/// set serves both places: ':' is a pchar, so it may stand in a segment and in a query,
/// and keeps permalinks of "un:RUS_74_2019" ids readable; '/', '?', '#' would end a
/// segment, and '&', '=', '+' carry meaning in a form-encoded query, so all of them (and
/// the other sub-delims, '@', spaces and every non-ASCII byte) are encoded.
std::string percent_encode(std::string_view s);

}  // namespace dragoman::render
