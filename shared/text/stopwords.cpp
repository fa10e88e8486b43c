// Short lists of the most frequent function words, in folded form (no diacritics).
#include "text/stopwords.hpp"

#include <string>
#include <unordered_map>
#include <unordered_set>

namespace dragoman::text {

namespace {

using Set = std::unordered_set<std::string_view>;

const std::unordered_map<std::string_view, Set>& lists() {
    static const std::unordered_map<std::string_view, Set> table = {
        {"en", {"a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "is", "it",
                "its", "of", "on", "or", "that", "the", "this", "to", "was", "were", "with"}},
        {"ru", {"и", "в", "во", "не", "что", "он", "на", "я", "с", "со", "как", "а", "то", "все", "она", "так",
                "его", "но", "да", "ты", "к", "у", "же", "вы", "за", "бы", "по", "ее", "мне", "из", "ли", "о", "об",
                "от", "для", "это", "при"}},
        {"uk", {"і", "й", "в", "у", "на", "з", "із", "зі", "до", "що", "не", "та", "але", "за", "по", "від", "для",
                "це", "як", "про"}},
        {"fr", {"le", "la", "les", "de", "des", "du", "un", "une", "et", "en", "a", "au", "aux", "pour", "par",
                "sur", "dans", "que", "qui", "est", "sont", "ce", "ces", "il", "elle", "nous", "vous", "ne", "pas"}},
        {"es", {"el", "la", "los", "las", "de", "del", "y", "en", "a", "al", "un", "una", "que", "por", "para",
                "con", "se", "es", "su", "sus", "lo", "como", "no"}},
        {"de", {"der", "die", "das", "den", "dem", "des", "und", "in", "im", "zu", "zum", "zur", "mit", "von",
                "fur", "auf", "ist", "ein", "eine", "einer", "nicht", "sich", "auch", "es"}},
        {"it", {"il", "lo", "la", "i", "gli", "le", "di", "del", "della", "e", "in", "a", "da", "per", "con",
                "che", "un", "una", "non", "si"}},
        {"pt", {"o", "a", "os", "as", "de", "do", "da", "dos", "das", "e", "em", "no", "na", "um", "uma", "que",
                "para", "com", "por", "nao", "se"}},
        {"tr", {"ve", "bir", "bu", "da", "de", "ile", "icin", "mi", "mu", "ne", "o", "ki", "gibi", "daha", "cok"}},
        {"az", {"ve", "bir", "bu", "da", "de", "ile", "ucun", "o", "ki", "kimi"}},
        {"ar", {"في", "من", "على", "الى", "عن", "ان", "و", "مع", "هذا", "هذه", "التي", "الذي", "ما", "لا"}},
    };
    return table;
}

}  // namespace

bool is_stopword(std::string_view folded_word, std::string_view language) {
    const auto& table = lists();
    if (!language.empty()) {
        const auto it = table.find(language);
        return it != table.end() && it->second.count(folded_word) > 0;
    }
    for (const auto& [lang, set] : table)
        if (set.count(folded_word)) return true;
    return false;
}

}  // namespace dragoman::text
