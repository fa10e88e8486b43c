// The one split of a tab-separated line into its fields (ParlaMint's TSV metadata, a
// generation's lexicon.tsv).
#pragma once

#include <string_view>
#include <vector>

namespace dragoman {

/// The fields of `line` between tabs, empty ones kept: "a\t\tb" → {"a", "", "b"}; views
/// into `line`.
inline std::vector<std::string_view> split_tabs(std::string_view line) {
    std::vector<std::string_view> out;
    std::size_t pos = 0;
    for (;;) {
        const auto tab = line.find('\t', pos);
        out.push_back(line.substr(pos, tab == std::string_view::npos ? std::string_view::npos : tab - pos));
        if (tab == std::string_view::npos) return out;
        pos = tab + 1;
    }
}

}  // namespace dragoman
