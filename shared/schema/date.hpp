// Calendar dates as Dragoman stores them: `YYYY`, `YYYY-MM` or `YYYY-MM-DD` strings, as
// precise as the source (the UN General Debate gives only the year).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace dragoman {

/// How much of a date is known.
enum class DatePrecision { Year, Month, Day };

/// True for a real calendar year `YYYY`, month `YYYY-MM` or day `YYYY-MM-DD` with year
/// 1..9999 (2020-02-30, 2021-13 and 0000 are not).
bool is_valid_date(std::string_view date);

/// Why `date` is not a valid date, or nullopt if it is.
std::optional<std::string> date_problem(std::string_view date);

/// The precision of a valid date, told by its length; nullopt when `date` is not one.
std::optional<DatePrecision> date_precision(std::string_view date);

/// The date's digits: `YYYY`, `YYYYMM` or `YYYYMMDD` (empty when `date` is). Compared as
/// strings, keys order by the first day of their period, and on one first day a year
/// before its month before its day ("2021" < "202101" < "20210101" < "20210102"): a date
/// known only to the year or month sorts at the start of its period, where `YYYY-01-01`
/// used to put it.
std::string date_sort_key(std::string_view date);

/// The lowest sort key of a record whose period starts on or after the first day of
/// `bound` (YYYY, YYYY-MM or YYYY-MM-DD): the shortest key starting on that day, so that
/// from 2021 (or 2021-01-01) takes in a record dated "2021" and from 2021-09 one dated
/// "2021-09". Empty when `bound` is.
std::string date_range_low_key(std::string_view bound);

/// The highest sort key of a record whose period starts on or before the last day of
/// `bound`: `YYYYMMDD` of that day (a month's last day taken as 31, which compares the same).
/// Empty when `bound` is.
std::string date_range_high_key(std::string_view bound);

}  // namespace dragoman
