// Synonym groups, analysed with the indexing analyzer so they match what is indexed.
#include "search/synonyms.hpp"

#include "search/shipped_data.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>


namespace dragoman {

namespace {

std::string join(const std::vector<std::string>& words) {
    std::string out;
    for (const auto& w : words) {
        if (!out.empty()) out += ' ';
        out += w;
    }
    return out;
}

}  // namespace

bool Synonyms::typed_in_capitals(std::string_view s) {
    bool letter = false;
    for (unsigned char c : s) {
        if ((c >= 'a' && c <= 'z') || c >= 0x80) return false;
        letter = letter || (c >= 'A' && c <= 'Z');
    }
    return letter;
}

Synonyms Synonyms::parse(std::string_view content, text::Analyzer& analyzer) {
    Synonyms out;
    std::istringstream in{std::string(content)};
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line.front() == '#') continue;
        std::vector<Alternative> group;
        std::size_t start = 0;
        while (start <= line.size()) {
            auto end = line.find(" = ", start);
            if (end == std::string::npos) end = line.size();
            const std::string raw = line.substr(start, end - start);
            Alternative alt;
            alt.capitals_only = typed_in_capitals(raw) && raw.size() <= 5;  // WHO, US: abbreviations
            for (const auto& tok : analyzer.tokenize(raw, {})) alt.words.push_back(tok.folded);
            if (!alt.words.empty()) group.push_back(std::move(alt));
            start = end + 3;
        }
        if (group.size() < 2) continue;
        const std::size_t index = out.m_groups.size();
        for (const auto& alt : group) {
            out.m_by_key[join(alt.words)].push_back(index);
            out.m_longest = std::max(out.m_longest, alt.words.size());
        }
        out.m_groups.push_back(std::move(group));
    }
    return out;
}

Result<Synonyms> Synonyms::load(const std::string& path, text::Analyzer& analyzer) {
    std::ifstream in(path);
    if (!in) return fail(ErrorCode::BadParameter, path + ": cannot read the synonym file");
    std::stringstream buffer;
    buffer << in.rdbuf();
    return parse(buffer.str(), analyzer);
}

namespace {

}  // namespace

const Synonyms& Synonyms::shipped() {
    static const Synonyms synonyms = [] {
        text::Analyzer analyzer;
        auto loaded = load(shipped_data_file("synonyms.txt", "DRAGOMAN_SYNONYMS"), analyzer);
        return loaded ? std::move(*loaded) : Synonyms{};
    }();
    return synonyms;
}

std::vector<std::vector<std::string>> Synonyms::alternatives(const std::vector<std::string>& words,
                                                             bool capitals) const {
    std::vector<std::vector<std::string>> out;
    const auto it = m_by_key.find(join(words));
    if (it == m_by_key.end()) return out;
    for (const std::size_t g : it->second) {
        // The user's words must match an alternative they may use (capitals rule).
        bool usable = false;
        for (const auto& alt : m_groups[g])
            if (alt.words == words && (!alt.capitals_only || capitals)) usable = true;
        if (!usable) continue;
        for (const auto& alt : m_groups[g])
            if (alt.words != words) out.push_back(alt.words);
    }
    return out;
}

}  // namespace dragoman
