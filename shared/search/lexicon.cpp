// Reading a generation's lexicon, and the one copy per process each generation's gets.
#include "search/lexicon.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

#include "util/assert.hpp"

namespace dragoman {

namespace fs = std::filesystem;

namespace {

std::string key(std::string_view language, std::string_view form) {
    std::string k(language);
    k += '\t';
    k += form;
    return k;
}

/// Generations kept loaded: the live one and the one before while readers move over.
constexpr std::size_t kept_generations = 4;

}  // namespace

Lexicon::Lexicon(std::vector<schema::LexiconEntry> entries) : m_size(entries.size()) {
    for (auto& e : entries) {
        if (std::find(m_languages.begin(), m_languages.end(), e.source_language) == m_languages.end())
            m_languages.push_back(e.source_language);
        m_by_form[key(e.source_language, e.source)].push_back(
            {std::move(e.target_language), std::move(e.target), std::move(e.shown), e.score});
    }
    std::sort(m_languages.begin(), m_languages.end());
    for (auto& [k, list] : m_by_form)
        std::stable_sort(list.begin(), list.end(), [](const Translation& a, const Translation& b) { return a.score > b.score; });
}

const std::vector<Lexicon::Translation>& Lexicon::translations(std::string_view language, std::string_view form) const {
    static const std::vector<Translation> none;
    const auto it = m_by_form.find(key(language, form));
    return it == m_by_form.end() ? none : it->second;
}

std::vector<Lexicon::Translation> Lexicon::agreed(std::string_view language, std::string_view form) const {
    const auto& direct = translations(language, form);
    std::vector<std::string> targets;
    for (const auto& t : direct)
        if (std::find(targets.begin(), targets.end(), t.language) == targets.end()) targets.push_back(t.language);
    std::sort(targets.begin(), targets.end());
    std::vector<Translation> out;
    for (const auto& target : targets) {
        std::map<std::string, Translation> scored;  // by form: what each path gives it, summed
        const auto add = [&](const Translation& t, double score) {
            auto [it, fresh] = scored.try_emplace(t.form, Translation{target, t.form, t.shown, 0});
            it->second.score += score;
        };
        for (const auto& t : direct)
            if (t.language == target) add(t, t.score);
        for (const auto& via : direct) {
            if (via.language == target) continue;
            for (const auto& t : translations(via.language, via.form))
                if (t.language == target) add(t, via.score * t.score);
        }
        const auto paths = static_cast<double>(targets.size());  // the direct one and one through each other language
        for (auto& [f, t] : scored) {
            t.score = std::min(1.0, t.score / paths);  // a path through three translations may sum above 1
            DRAGOMAN_ASSERT(t.score > 0);
            out.push_back(std::move(t));
        }
    }
    std::stable_sort(out.begin(), out.end(), [](const Translation& a, const Translation& b) {
        return a.language != b.language ? a.language < b.language : a.score > b.score;
    });
    return out;
}

Result<std::shared_ptr<const Lexicon>> Lexicon::of_generation(const fs::path& generation) {
    static std::mutex mutex;
    static std::map<std::string, std::pair<fs::file_time_type, std::shared_ptr<const Lexicon>>> loaded;
    const auto path = generation / schema::lexicon_file_name;
    std::error_code ec;
    const auto stamp = fs::last_write_time(path, ec);
    if (ec) return std::make_shared<const Lexicon>();  // none: an index from before lexicons
    std::lock_guard lock(mutex);
    if (auto it = loaded.find(path.string()); it != loaded.end() && it->second.first == stamp) return it->second.second;
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) return fail(ErrorCode::Unavailable, path.string() + ": cannot read the lexicon");
    auto entries = schema::decode_lexicon(text.str());
    if (!entries) return fail(ErrorCode::Unavailable, path.string() + ": " + entries.error());
    auto lexicon = std::make_shared<const Lexicon>(std::move(*entries));
    if (loaded.size() >= kept_generations) loaded.erase(loaded.begin());
    loaded[path.string()] = {stamp, lexicon};
    return lexicon;
}

}  // namespace dragoman
