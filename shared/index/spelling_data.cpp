// One pass over the vocabulary after the documents are written.
#include "index/spelling_data.hpp"

#include <string>

namespace dragoman {

std::size_t add_spelling_data(Xapian::WritableDatabase& db, Xapian::doccount min_documents) {
    std::size_t added = 0;
    // Unprefixed terms start with a lower-case letter or a non-ASCII byte: all sort after "a".
    auto t = db.allterms_begin();
    for (t.skip_to("a"); t != db.allterms_end(); ++t) {
        const std::string word = *t;
        if (word.size() < 3 || word.size() > 40) continue;
        bool digit = false;
        for (char c : word) digit = digit || (c >= '0' && c <= '9');
        if (digit) continue;
        const Xapian::doccount freq = t.get_termfreq();
        if (freq < min_documents) continue;
        db.add_spelling(word, freq);
        ++added;
    }
    return added;
}

}  // namespace dragoman
