// Validation of ISO calendar dates (year, month or day) without any time-zone machinery,
// and their sortable keys.
#include "schema/date.hpp"

namespace dragoman {

namespace {

bool digits(std::string_view s) {
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return !s.empty();
}

int to_int(std::string_view s) {
    int v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return v;
}

int days_in_month(int year, int month) {
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

std::string digits_of(std::string_view date) {
    std::string key;
    key.reserve(8);
    for (char c : date)
        if (c != '-') key += c;
    return key;
}

}  // namespace

std::optional<std::string> date_problem(std::string_view date) {
    const bool shaped = digits(date.substr(0, 4)) &&
                        (date.size() == 4 || (date.size() == 7 && date[4] == '-' && digits(date.substr(5, 2))) ||
                         (date.size() == 10 && date[4] == '-' && date[7] == '-' && digits(date.substr(5, 2)) &&
                          digits(date.substr(8, 2))));
    if (!shaped) return "not a date in the form YYYY, YYYY-MM or YYYY-MM-DD";
    const int y = to_int(date.substr(0, 4));
    if (y < 1) return "year 0000 does not exist";
    if (date.size() == 4) return std::nullopt;
    const int m = to_int(date.substr(5, 2));
    if (m < 1 || m > 12) return "month out of range";
    if (date.size() == 7) return std::nullopt;
    const int d = to_int(date.substr(8, 2));
    if (d < 1 || d > days_in_month(y, m)) return "day out of range for the month";
    return std::nullopt;
}

bool is_valid_date(std::string_view date) { return !date_problem(date).has_value(); }

std::optional<DatePrecision> date_precision(std::string_view date) {
    if (!is_valid_date(date)) return std::nullopt;
    return date.size() == 4 ? DatePrecision::Year : date.size() == 7 ? DatePrecision::Month : DatePrecision::Day;
}

std::string date_sort_key(std::string_view date) {
    if (date.size() != 4 && date.size() != 7 && date.size() != 10) return {};
    return digits_of(date);
}

std::string date_range_low_key(std::string_view bound) {
    std::string key = digits_of(bound);
    // The first day of a month or year is written the shortest way: "20210901" → "202109",
    // "20210101" → "2021" (then "202101" → "2021"), the lowest key starting on that day.
    if (key.size() == 8 && key.compare(6, 2, "01") == 0) key.resize(6);
    if (key.size() == 6 && key.compare(4, 2, "01") == 0) key.resize(4);
    return key;
}

std::string date_range_high_key(std::string_view bound) {
    std::string key = digits_of(bound);
    if (key.size() == 4) key += "1231";
    else if (key.size() == 6) key += "31";
    return key;
}

}  // namespace dragoman
