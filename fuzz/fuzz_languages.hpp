// The languages the text targets pick from: every stemmed language, the ones with special
// casing or segmentation, and "" (unknown).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "text/stemmer.hpp"

namespace dragoman::fuzz {

/// Every language the analyzer treats specially, plus "" for unknown.
inline const std::vector<std::string>& languages() {
    static const std::vector<std::string> all = [] {
        std::vector<std::string> v{"", "tr", "az", "zh", "ja", "ko", "th", "ar", "he", "fa", "hi", "el", "ru", "uk"};
        for (const auto& l : text::stemmed_languages()) v.push_back(l);
        return v;
    }();
    return all;
}

/// The language a selector byte picks.
inline const std::string& language_of(uint8_t selector) { return languages()[selector % languages().size()]; }

}  // namespace dragoman::fuzz
