// CSV cells and lines (RFC 4180) that are safe to open in a spreadsheet.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dragoman::render {

/// One CSV cell: sanitized text; a leading apostrophe when it starts with = + - @, tab or
/// carriage return (a spreadsheet would read it as a formula); quoted, with quotes
/// doubled, when it holds a comma, quote or line break.
std::string csv_cell(std::string_view text);

/// Cells joined by commas and ended with CRLF, each escaped by csv_cell.
std::string csv_line(const std::vector<std::string>& cells);

}  // namespace dragoman::render
