// The months' names read from ICU's calendar data (text/calendar).
#include <doctest/doctest.h>

#include <unicode/locid.h>

#include "text/calendar.hpp"
#include "text/normalizer.hpp"

using namespace dragoman::text;

namespace {

int month(const std::string& word, const std::string& language) {
    return month_named(folded_form(exact_form(word, language)), language);
}

}  // namespace

TEST_CASE("a month's wide name is read in its language, as dates write it and as it stands alone") {
    CHECK(month("January", "en") == 1);
    CHECK(month("enero", "es") == 1);
    CHECK(month("janvier", "fr") == 1);
    CHECK(month("février", "fr") == 2);
    CHECK(month("fevrier", "fr") == 2);  // typed without its accent
    CHECK(month("января", "ru") == 1);   // in a date
    CHECK(month("январь", "ru") == 1);   // alone
    CHECK(month("Декабрь", "ru") == 12);
    CHECK(month("يناير", "ar") == 1);
    // Not months: another language's name, an abbreviation, a word.
    CHECK(month("enero", "en") == 0);
    CHECK(month("mar", "es") == 0);  // the sea, not `mar.`
    CHECK(month("sea", "en") == 0);
    CHECK(month("January", "") == 0);
    // A language that capitalises its months: a lowercase word is no month.
    CHECK(month_named("may", "en", true) == 0);
    CHECK(month_named("may", "en", false) == 5);
    CHECK(month_named("enero", "es", true) == 1);
}

TEST_CASE("a language that writes months as numbers is told by its abbreviated names") {
    CHECK(month_as_number(1, "zh") == "1月");
    CHECK(month_as_number(12, "zh") == "12月");
    CHECK(month_as_number(3, "ja") == "3月");
    CHECK(month_as_number(1, "en").empty());
    CHECK(month_as_number(1, "ru").empty());
    CHECK(month_as_number(0, "zh").empty());
    CHECK(month_as_number(13, "zh").empty());
}

TEST_CASE("a language ICU has no calendar data for has no months, whatever the system's locale") {
    // ICU answers it with the default locale's names: under a Chinese default, Samoan's
    // January would be `1月`. The default is set before the language is first read.
    const icu::Locale before = icu::Locale::getDefault();
    UErrorCode status = U_ZERO_ERROR;
    icu::Locale::setDefault(icu::Locale("zh"), status);
    REQUIRE(U_SUCCESS(status));
    CHECK(month_as_number(1, "sm").empty());
    CHECK(month_named("1月", "sm") == 0);
    CHECK(month_as_number(1, "zh") == "1月");
    icu::Locale::setDefault(before, status);
}
