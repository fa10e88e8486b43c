// Maps ISO 639-1 codes to Xapian::Stem, wrapping libstemmer for languages Xapian 1.4 lacks.
#include "text/stemmer.hpp"

#include <libstemmer.h>
#include <xapian.h>

#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <unordered_map>

namespace dragoman::text {

namespace {

struct Row {
    const char* iso;
    const char* snowball;
    bool xapian;  ///< built into Xapian 1.4; otherwise from libstemmer
};

// Languages Xapian 1.4.22 stems itself, then libstemmer's extra ones.
constexpr Row rows[] = {
    {"ar", "arabic", true},     {"hy", "armenian", true},  {"eu", "basque", true},
    {"ca", "catalan", true},    {"da", "danish", true},    {"nl", "dutch", true},
    {"en", "english", true},    {"fi", "finnish", true},   {"fr", "french", true},
    {"de", "german", true},     {"hu", "hungarian", true}, {"id", "indonesian", true},
    {"ga", "irish", true},      {"it", "italian", true},   {"lt", "lithuanian", true},
    {"ne", "nepali", true},     {"nb", "norwegian", true}, {"no", "norwegian", true},
    {"nn", "norwegian", true},  {"pt", "portuguese", true},{"ro", "romanian", true},
    {"ru", "russian", true},    {"es", "spanish", true},   {"sv", "swedish", true},
    {"ta", "tamil", true},      {"tr", "turkish", true},   {"el", "greek", false},
    {"hi", "hindi", false},     {"sr", "serbian", false},  {"yi", "yiddish", false},
};

const Row* find_row(std::string_view language) {
    for (const auto& r : rows)
        if (language == r.iso) return &r;
    return nullptr;
}

/// libstemmer as a Xapian stemmer, so every language is used the same way.
class LibStemmer final : public Xapian::StemImplementation {
public:
    explicit LibStemmer(const char* algorithm)
        : m_name(algorithm), m_stemmer(sb_stemmer_new(algorithm, "UTF_8")) {}
    ~LibStemmer() override {
        if (m_stemmer) sb_stemmer_delete(m_stemmer);
    }
    LibStemmer(const LibStemmer&) = delete;
    LibStemmer& operator=(const LibStemmer&) = delete;
    std::string operator()(const std::string& word) override {
        if (!m_stemmer) return word;
        const sb_symbol* out = sb_stemmer_stem(m_stemmer, reinterpret_cast<const sb_symbol*>(word.data()),
                                               static_cast<int>(word.size()));
        if (!out) return word;
        return std::string(reinterpret_cast<const char*>(out),
                           static_cast<std::size_t>(sb_stemmer_length(m_stemmer)));
    }
    std::string get_description() const override { return "libstemmer:" + m_name; }

private:
    std::string m_name;
    sb_stemmer* m_stemmer;
};

struct ThreadStemmers {
    std::map<std::string, Xapian::Stem, std::less<>> stems;
    std::unordered_map<std::string, std::string> memo;

    Xapian::Stem& get(const Row& row) {
        auto it = stems.find(row.iso);
        if (it != stems.end()) return it->second;
        Xapian::Stem s = row.xapian ? Xapian::Stem(row.snowball) : Xapian::Stem(new LibStemmer(row.snowball));
        return stems.emplace(row.iso, std::move(s)).first->second;
    }
};

/// Characters (UTF-8 lead bytes) of `s`.
std::size_t characters(std::string_view s) {
    std::size_t n = 0;
    for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}

/// `word` without the conjunction or the article Arabic glues to its front: Larkey's light10
/// prefixes in Lucene's ArabicStemmer's order and length rules (one prefix; و only where three
/// letters stay, the others where two do). Snowball's Arabic stemmer leaves وال ("and the")
/// and فال whole and stems التعاون to تعا but تعاون to itself; after this step والتعاون,
/// بالتعاون, التعاون and تعاون all stem to تعاون. About 2.8% of the corpus' Arabic words
/// begin with وال.
std::string_view without_arabic_prefix(std::string_view word) {
    static constexpr std::array<std::string_view, 7> prefixes = {
        "ال", "وال", "بال", "كال",
        "فال", "لل", "و"};
    const std::size_t length = characters(word);
    for (const auto p : prefixes) {
        if (!word.starts_with(p)) continue;
        const std::size_t p_length = characters(p);
        if (p_length == 1 && length < 4) return word;
        if (length < p_length + 2) return word;
        return word.substr(p.size());
    }
    return word;
}

}  // namespace

bool has_stemmer(std::string_view language) { return find_row(language) != nullptr; }

const std::vector<std::string>& stemmed_languages() {
    static const std::vector<std::string> list = [] {
        std::vector<std::string> v;
        for (const auto& r : rows) v.emplace_back(r.iso);
        std::sort(v.begin(), v.end());
        return v;
    }();
    return list;
}

std::string stem(std::string_view word, std::string_view language) {
    const Row* row = find_row(language);
    if (!row) return std::string(word);
    thread_local ThreadStemmers stemmers;
    std::string key;
    key.reserve(language.size() + 1 + word.size());
    key.append(language).append(1, '\x01').append(word);
    auto it = stemmers.memo.find(key);
    if (it != stemmers.memo.end()) return it->second;
    if (stemmers.memo.size() > 500000) stemmers.memo.clear();
    std::string result = stemmers.get(*row)(std::string(language == "ar" ? without_arabic_prefix(word) : word));
    stemmers.memo.emplace(std::move(key), result);
    return result;
}

}  // namespace dragoman::text
