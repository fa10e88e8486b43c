// Calendar date validation.
#include <doctest/doctest.h>

#include "schema/date.hpp"

using namespace dragoman;

TEST_CASE("real calendar days are valid dates") {
    CHECK(is_valid_date("2020-02-29"));
    CHECK(is_valid_date("2000-02-29"));
    CHECK(is_valid_date("1946-01-01"));
    CHECK(is_valid_date("2024-12-31"));
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

TEST_CASE("date sort keys drop the dashes") {
    CHECK(date_sort_key("2020-05-30") == "20200530");
    CHECK(date_sort_key("").empty());
}
