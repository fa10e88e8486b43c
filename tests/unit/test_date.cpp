// Calendar dates of year, month or day precision: validation, sort keys, range bounds.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "schema/date.hpp"

using namespace dragoman;

TEST_CASE("real calendar days are valid dates") {
    CHECK(is_valid_date("2020-02-29"));
    CHECK(is_valid_date("2000-02-29"));
    CHECK(is_valid_date("1946-01-01"));
    CHECK(is_valid_date("2024-12-31"));
}

TEST_CASE("a year or a month alone is a valid date") {
    CHECK(is_valid_date("2021"));
    CHECK(is_valid_date("1946"));
    CHECK(is_valid_date("2021-09"));
    CHECK(is_valid_date("2021-12"));
    CHECK(date_precision("2021") == DatePrecision::Year);
    CHECK(date_precision("2021-09") == DatePrecision::Month);
    CHECK(date_precision("2021-09-15") == DatePrecision::Day);
    CHECK_FALSE(date_precision("").has_value());
    CHECK_FALSE(date_precision("2021-9").has_value());
}

TEST_CASE("impossible dates are rejected with a reason") {
    CHECK_FALSE(is_valid_date("2020-02-30"));
    CHECK_FALSE(is_valid_date("1900-02-29"));
    CHECK_FALSE(is_valid_date("0000-00-00"));
    CHECK_FALSE(is_valid_date("2019-13-01"));
    CHECK_FALSE(is_valid_date("2019-1-01"));
    CHECK_FALSE(is_valid_date("yesterday"));
    CHECK(*date_problem("2020-02-30") == "day out of range for the month");
    CHECK(*date_problem("0000-00-00") == "year 0000 does not exist");
}

TEST_CASE("impossible years and months are rejected, and so are other short forms") {
    CHECK(*date_problem("0000") == "year 0000 does not exist");
    CHECK(*date_problem("2021-13") == "month out of range");
    CHECK(*date_problem("2021-00") == "month out of range");
    for (const char* bad : {"202", "20211", "2021-", "2021-9", "2021-09-", "2021-09-1", "21-09-15", "2021/09",
                            "２０２１", "2021-09-15T10:00", " 2021"}) {
        INFO(bad);
        CHECK(date_problem(bad) == "not a date in the form YYYY, YYYY-MM or YYYY-MM-DD");
    }
}

TEST_CASE("date sort keys drop the dashes and keep the precision") {
    CHECK(date_sort_key("2020-05-30") == "20200530");
    CHECK(date_sort_key("2021-09") == "202109");
    CHECK(date_sort_key("2021") == "2021");
    CHECK(date_sort_key("").empty());
}

TEST_CASE("sort keys order a year and a month at the first day of their period, before that day") {
    std::vector<std::string> dates = {"2021-01-02", "2021-01-01", "2021", "2020-12-31", "2021-09",
                                      "2021-08-31", "2021-09-01", "2021-01", "2022"};
    std::sort(dates.begin(), dates.end(),
              [](const std::string& a, const std::string& b) { return date_sort_key(a) < date_sort_key(b); });
    CHECK(dates == std::vector<std::string>{"2020-12-31", "2021", "2021-01", "2021-01-01", "2021-01-02",
                                            "2021-08-31", "2021-09", "2021-09-01", "2022"});
}

TEST_CASE("a date range takes in a year or a month whose first day lies within it") {
    // What OP_VALUE_RANGE does with the keys: low <= key <= high, as strings.
    auto in = [](const char* date, const char* from, const char* to) {
        const std::string key = date_sort_key(date), lo = date_range_low_key(from), hi = date_range_high_key(to);
        return (lo.empty() || key >= lo) && (hi.empty() || key <= hi);
    };
    CHECK(in("2021", "2021", "2021"));
    CHECK(in("2021-09", "2021", "2021"));
    CHECK(in("2021-09", "2021-09", "2021-09"));
    CHECK(in("2021", "2021-01-01", "2021-01-01"));
    CHECK(in("2021", "2021-01", "2021-03"));
    CHECK(in("2021", "2020-06-01", "2021-01-01"));
    CHECK(in("2021-09", "2021-09-01", ""));
    CHECK(in("2021", "", "2021"));
    CHECK_FALSE(in("2021", "2021-06", "2021-12"));
    CHECK_FALSE(in("2021", "2021-01-02", "2021-12-31"));
    CHECK_FALSE(in("2021", "2020", "2020"));
    CHECK_FALSE(in("2021", "2022", ""));
    CHECK_FALSE(in("2021-09", "2021-09-02", "2021-12"));
    CHECK_FALSE(in("2021-09", "2021-10", ""));
    CHECK_FALSE(in("2021-09", "", "2021-08-31"));
    CHECK_FALSE(in("2021-09", "2021", "2021-08"));
    CHECK(in("2021-09-15", "2021-09", "2021-09"));
    CHECK_FALSE(in("2021-09-15", "2021-09-16", ""));
    CHECK(date_range_low_key("2021-09-15") == "20210915");
    CHECK(date_range_low_key("2021-09-01") == "202109");
    CHECK(date_range_low_key("2021-01-01") == "2021");
    CHECK(date_range_low_key("2021-01") == "2021");
    CHECK(date_range_high_key("2021") == "20211231");
    CHECK(date_range_high_key("2021-02") == "20210231");
    CHECK(date_range_low_key("").empty());
    CHECK(date_range_high_key("").empty());
}
