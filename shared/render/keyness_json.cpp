// Rendering of keyness: JSON with rounded figures, CSV with every cell escaped.
#include "render/keyness_json.hpp"

#include <cstdint>
#include <cstdio>

#include "render/csv.hpp"
#include "render/escape.hpp"
#include "render/number.hpp"

namespace dragoman::render {

namespace {

using nlohmann::json;

json slice_json(const KeynessSlice& s) {
    return {{"query", sanitize(s.query)}, {"passages", s.passages}, {"counted", s.counted}, {"words", s.words}};
}

json words_json(const std::vector<KeyWord>& words) {
    json out = json::array();
    for (const auto& w : words)
        out.push_back({{"word", sanitize(w.word)},
                       {"count", w.count},
                       {"other_count", w.other_count},
                       {"per_million", rounded(w.per_million, 100)},
                       {"other_per_million", rounded(w.other_per_million, 100)},
                       {"log_likelihood", rounded(w.log_likelihood, 100)},
                       {"log_ratio", rounded(w.log_ratio, 1000)}});
    return out;
}

}  // namespace

json keyness_json(const KeynessResponse& k) {
    return {{"slice", slice_json(k.slice)},
            {"versus", slice_json(k.versus)},
            {"measure", "log_likelihood"},
            {"sampled", k.sampled},
            {"timed_out", k.timed_out},
            {"took_ms", rounded(k.took_ms, 100)},
            {"slice_words", words_json(k.slice_words)},
            {"versus_words", words_json(k.versus_words)}};
}

std::string keyness_csv(const KeynessResponse& k) {
    std::string out = csv_line(
        {"side", "word", "count", "other_count", "per_million", "other_per_million", "log_likelihood", "log_ratio"});
    const auto rows = [&out](const char* side, const std::vector<KeyWord>& words) {
        for (const auto& w : words)
            out += csv_line({side, sanitize(w.word), std::to_string(w.count), std::to_string(w.other_count),
                             fixed(w.per_million, 3), fixed(w.other_per_million, 3), fixed(w.log_likelihood, 3),
                             fixed(w.log_ratio, 3)});
    };
    rows("slice", k.slice_words);
    rows("versus", k.versus_words);
    return out;
}

std::string keyness_table(const nlohmann::json& k) {
    std::string out;
    const auto side = [&out](const nlohmann::json& slice, const nlohmann::json& words, const char* fallback) {
        const std::string query = slice.value("query", "");
        char head[160];
        std::snprintf(head, sizeof head, "%zu passages, %zu counted, %llu words", slice.value("passages", std::size_t{0}),
                      slice.value("counted", std::size_t{0}),
                      static_cast<unsigned long long>(slice.value("words", std::uint64_t{0})));
        out += "Said more in " + (query.empty() ? std::string(fallback) : sanitize(query)) + " (" + head + "):\n";
        if (!words.is_array() || words.empty()) out += "  (no word stands out)\n";
        for (const auto& w : words.is_array() ? words : nlohmann::json::array()) {
            char figures[96];
            std::snprintf(figures, sizeof figures, "%10llu %10llu %12.2f",
                          static_cast<unsigned long long>(w.value("count", std::uint64_t{0})),
                          static_cast<unsigned long long>(w.value("other_count", std::uint64_t{0})),
                          w.value("log_likelihood", 0.0));
            out += "  " + sanitize(w.value("word", "")) + "\t" + figures + "\n";
        }
    };
    side(k.value("slice", nlohmann::json::object()), k.value("slice_words", nlohmann::json::array()), "the slice");
    out += "\n";
    side(k.value("versus", nlohmann::json::object()), k.value("versus_words", nlohmann::json::array()), "the rest");
    return out;
}

}  // namespace dragoman::render
