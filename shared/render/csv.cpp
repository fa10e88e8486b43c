// CSV escaping: RFC 4180 quoting plus the formula-injection guard spreadsheets need.
#include "render/csv.hpp"

#include "render/escape.hpp"

namespace dragoman::render {

std::string csv_cell(std::string_view text) {
    std::string cell = sanitize(text);
    // sanitize() keeps tabs and newlines; a cell starting with either, or with a formula
    // sign, would be evaluated by Excel, LibreOffice and Google Sheets.
    if (!cell.empty() && std::string_view("=+-@\t\r").find(cell.front()) != std::string_view::npos) cell.insert(0, 1, '\'');
    if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
    std::string quoted = "\"";
    for (char c : cell) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    quoted += '"';
    return quoted;
}

std::string csv_line(const std::vector<std::string>& cells) {
    std::string line;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i) line += ',';
        line += csv_cell(cells[i]);
    }
    line += "\r\n";
    return line;
}

}  // namespace dragoman::render
