// A small index built in a test: a DBROOT with one generation holding the given records,
// written by the real IndexBuilder, for tests that search it through Searcher.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "index/index_builder.hpp"
#include "search/search_types.hpp"
#include "test_support.hpp"

namespace dragoman::test {

/// A transcript of one speaker's turns, dated 2020-01-02, from the source `test`.
inline Transcript speech(const std::string& id, const std::string& language, const std::vector<std::string>& turns,
                         const std::string& title = "Briefing", const std::string& speaker = "Spokesperson") {
    Transcript t;
    t.id = id;
    t.language = language;
    t.date = "2020-01-02";
    t.title = title;
    t.source = "test";
    for (const auto& text : turns) {
        Turn turn;
        turn.speaker = speaker;
        turn.language = language;
        turn.text = text;
        t.turns.push_back(std::move(turn));
    }
    t.speakers = {speaker};
    return t;
}

class SmallIndex {
public:
    /// Indexes `records` (as lines 1, 2, ... of `in.jsonl`) into a new temporary DBROOT;
    /// any diagnostic fails the test. `o` on one thread unless it says otherwise.
    SmallIndex(const std::string& tag, const std::vector<Transcript>& records, IndexOptions o = {}) : m_dir(tag) {
        if (o.threads == 0) o.threads = 1;
        IndexBuilder b(m_dir.path(), o, [](const Diagnostic& d) { FAIL("unexpected diagnostic: " << d.message); });
        std::size_t line = 0;
        for (auto t : records) b.add(std::move(t), RecordOrigin{"in.jsonl", ++line});
        b.finish();
    }
    std::string path() const { return m_dir.path().string(); }

private:
    TempDir m_dir;
};

/// The ids of a response's results, in order.
inline std::vector<std::string> ids(const SearchResponse& r) {
    std::vector<std::string> out;
    for (const auto& h : r.results) out.push_back(h.id);
    return out;
}

}  // namespace dragoman::test
