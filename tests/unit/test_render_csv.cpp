// CSV cells: RFC 4180 quoting, the spreadsheet formula guard, control characters.
#include <doctest/doctest.h>

#include "render/csv.hpp"

using dragoman::render::csv_cell;
using dragoman::render::csv_line;

TEST_CASE("plain cells pass unchanged, separators and quotes are quoted") {
    CHECK(csv_cell("Sergey Lavrov") == "Sergey Lavrov");
    CHECK(csv_cell("") == "");
    CHECK(csv_cell("Lavrov, Sergey") == "\"Lavrov, Sergey\"");
    CHECK(csv_cell("the \"reset\"") == "\"the \"\"reset\"\"\"");
    CHECK(csv_cell("two\nlines") == "\"two\nlines\"");
    CHECK(csv_cell("Захарова") == "Захарова");
}

TEST_CASE("cells a spreadsheet would evaluate get a leading apostrophe") {
    CHECK(csv_cell("=1+1") == "'=1+1");
    CHECK(csv_cell("+7 495") == "'+7 495");
    CHECK(csv_cell("-2") == "'-2");
    CHECK(csv_cell("@SUM(A1)") == "'@SUM(A1)");
    CHECK(csv_cell("\tx") == "'\tx");
    CHECK(csv_cell("=cmd|' /C calc'!A0,") == "\"'=cmd|' /C calc'!A0,\"");
    CHECK(csv_cell("a=b") == "a=b");
}

TEST_CASE("control characters and invalid UTF-8 never reach the file") {
    CHECK(csv_cell("bell\x07") == "bell");
    CHECK(csv_cell("\x1b[31mred") == "[31mred");
    CHECK(csv_cell("bad \xff byte").find('\xff') == std::string::npos);
}

TEST_CASE("a line joins escaped cells with commas and ends with CRLF") {
    CHECK(csv_line({"2020", "=x", "a,b"}) == "2020,'=x,\"a,b\"\r\n");
}
