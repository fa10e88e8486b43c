// The months' names as ICU's calendar data gives them for each language: what a query's
// month is, and how a language that writes months as numbers writes it.
#pragma once

#include <string>
#include <string_view>

namespace dragoman::text {

/// The month (1–12) that `folded` (a word's folded form) names in `language`, by ICU's wide
/// names of the Gregorian months in that language, as dates write them and as they stand
/// alone (Russian `января` and `январь`, Spanish `enero`, Arabic `يناير`); 0 when it names
/// none. A word written `lowercase` names none in a language that capitalises its months
/// (English `may` and `march` are words; `May` and `March` months). Abbreviations are not
/// read (Spanish `mar.` is March, `mar` the sea). Thread-safe: each language's names are
/// read once per process.
int month_named(std::string_view folded, std::string_view language, bool lowercase = false);

/// How `language` writes month `month` (1–12) where it writes months as their number: ICU's
/// abbreviated name when it holds a digit (Chinese and Japanese `1月`, Korean `1월`); "" for a
/// language that writes a month as a word, one ICU has no calendar data for, or a month out
/// of range. Thread-safe.
std::string month_as_number(int month, std::string_view language);

}  // namespace dragoman::text
