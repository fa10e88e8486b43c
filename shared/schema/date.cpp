// Validation of ISO calendar dates without any time-zone machinery.
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

}  // namespace

std::optional<std::string> date_problem(std::string_view date) {
    if (date.size() != 10 || date[4] != '-' || date[7] != '-' || !digits(date.substr(0, 4)) ||
        !digits(date.substr(5, 2)) || !digits(date.substr(8, 2)))
        return "not a date in the form YYYY-MM-DD";
    const int y = to_int(date.substr(0, 4));
    const int m = to_int(date.substr(5, 2));
    const int d = to_int(date.substr(8, 2));
    if (y < 1) return "year 0000 does not exist";
    if (m < 1 || m > 12) return "month out of range";
    if (d < 1 || d > days_in_month(y, m)) return "day out of range for the month";
    return std::nullopt;
}

bool is_valid_date(std::string_view date) { return !date_problem(date).has_value(); }

std::string date_sort_key(std::string_view date) {
    if (date.size() != 10) return {};
    std::string key;
    key.reserve(8);
    key.append(date.substr(0, 4)).append(date.substr(5, 2)).append(date.substr(8, 2));
    return key;
}

}  // namespace dragoman
