// A cheap bound on how deeply an HTML page nests its elements, checked before parsing.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace dragoman {

/// Pages nesting elements deeper than this are rejected before the HTML5 parser sees them.
inline constexpr std::size_t max_html_depth = 2000;

/// Byte offset of the start tag that opens element number `limit + 1` on the stack of
/// open elements, or nullopt when the page stays within `limit`.
///
/// Why: the HTML5 tree builder looks through the stack of open elements for each new
/// tag, so a page of N nested elements costs N² steps (40,000 nested `<div>`s, 400 KB,
/// took 14 s; 200,000 did not finish in minutes). Browsers cap the depth for the same
/// reason. The count is an upper bound of the parser's: void elements, `/>`, elements
/// whose end tag may be left out (`p`, `li`, `td`, ...), comments and the text of
/// `script`/`style`/`textarea`/`title` do not nest; every end tag closes one level.
std::optional<std::size_t> html_too_deep_at(std::string_view html, std::size_t limit = max_html_depth);

}  // namespace dragoman
