// Calendar dates as Dragoman stores them: `YYYY-MM-DD` strings.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace dragoman {

/// True for a real calendar day `YYYY-MM-DD` with year 1..9999 (2020-02-30 and
/// 0000-00-00 are not).
bool is_valid_date(std::string_view date);

/// The date in the sortable value form `YYYYMMDD`, or empty if `date` is empty.
std::string date_sort_key(std::string_view date);

/// Why `date` is not a valid date, or nullopt if it is.
std::optional<std::string> date_problem(std::string_view date);

}  // namespace dragoman
