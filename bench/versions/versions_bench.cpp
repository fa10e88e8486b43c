// Precision and recall of language-version detection on a JSONL corpus, beside a naive
// peer (same source, date and paragraph count in another language), with timings.
// Truth: ids `unpc:devset:<doc>:<lang>` share <doc> across versions; in every other
// source no versions exist, so each linked pair there is a false link.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "index/version_linker.hpp"
#include "ingest/jsonl_reader.hpp"

namespace {

using dragoman::VersionSignature;

double seconds_since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

/// The truth key of a transcript: the UN document stem, or "" (no versions exist).
std::string truth_of(const std::string& id) {
    if (id.rfind("unpc:devset:", 0) != 0) return {};
    const auto last = id.rfind(':');
    return id.substr(12, last - 12);
}

struct Counts {
    std::size_t true_pairs = 0, predicted = 0, correct = 0;
    std::map<std::string, std::size_t> false_by_source;
};

Counts evaluate(const std::vector<VersionSignature>& sigs, const std::vector<std::string>& groups) {
    Counts c;
    std::map<std::string, std::vector<std::size_t>> by_group, by_truth;
    for (std::size_t i = 0; i < sigs.size(); ++i) {
        if (!groups[i].empty()) by_group[groups[i]].push_back(i);
        const auto t = truth_of(sigs[i].id);
        if (!t.empty()) by_truth[t].push_back(i);
    }
    for (const auto& [t, m] : by_truth) c.true_pairs += m.size() * (m.size() - 1) / 2;
    for (const auto& [g, m] : by_group)
        for (std::size_t x = 0; x < m.size(); ++x)
            for (std::size_t y = x + 1; y < m.size(); ++y) {
                ++c.predicted;
                const auto ta = truth_of(sigs[m[x]].id), tb = truth_of(sigs[m[y]].id);
                if (!ta.empty() && ta == tb) ++c.correct;
                else ++c.false_by_source[sigs[m[x]].source + (sigs[m[x]].source == sigs[m[y]].source ? "" : "+" + sigs[m[y]].source)];
            }
    return c;
}

void report(const char* name, const Counts& c, double seconds) {
    const double p = c.predicted ? static_cast<double>(c.correct) / static_cast<double>(c.predicted) : 1.0;
    const double r = c.true_pairs ? static_cast<double>(c.correct) / static_cast<double>(c.true_pairs) : 0.0;
    std::printf("%-22s pairs linked %6zu  correct %6zu  of %6zu true  precision %.4f  recall %.4f  link time %.3f s\n",
                name, c.predicted, c.correct, c.true_pairs, p, r, seconds);
    for (const auto& [source, n] : c.false_by_source) std::printf("%-22s   false links in %s: %zu\n", "", source.c_str(), n);
}

/// The naive peer: every pair of one source and date in different languages with the
/// same paragraph count, grouped transitively.
std::vector<std::string> naive_groups(const std::vector<VersionSignature>& sigs) {
    std::map<std::tuple<std::string, std::string, std::uint32_t>, std::vector<std::size_t>> buckets;
    for (std::size_t i = 0; i < sigs.size(); ++i)
        if (!sigs[i].language.empty()) buckets[{sigs[i].source, sigs[i].date, sigs[i].paragraph_count}].push_back(i);
    std::vector<std::string> out(sigs.size());
    std::size_t n = 0;
    for (const auto& [k, m] : buckets) {
        std::set<std::string> langs;
        for (auto i : m) langs.insert(sigs[i].language);
        if (langs.size() < 2) continue;
        const std::string label = "naive" + std::to_string(n++);
        for (auto i : m) out[i] = label;
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: versions_bench CORPUS.jsonl [--no-title] [--threshold X]\n");
        return 2;
    }
    bool no_title = false, misses = false;
    dragoman::LinkOptions options;
    for (int i = 2; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--no-title")) no_title = true;
        else if (!std::strcmp(argv[i], "--misses")) misses = true;
        else if (!std::strcmp(argv[i], "--threshold") && i + 1 < argc) options.threshold = std::stod(argv[++i]);
    }
    std::vector<VersionSignature> sigs;
    std::size_t bad = 0;
    auto start = std::chrono::steady_clock::now();
    dragoman::JsonlReader().read(
        argv[1],
        [&](dragoman::Transcript&& t, const dragoman::RecordOrigin&) {
            if (no_title) t.title.clear();
            sigs.push_back(dragoman::make_version_signature(t));
        },
        [&](const dragoman::Diagnostic&) { ++bad; });
    const double sign_seconds = seconds_since(start);
    std::size_t bytes = 0;
    for (const auto& s : sigs) bytes += dragoman::encode_signature(s).size();
    std::printf("transcripts %zu (rejected %zu)  signatures %.3f s  %.1f bytes each  titles %s  threshold %.2f\n",
                sigs.size(), bad, sign_seconds, sigs.empty() ? 0.0 : static_cast<double>(bytes) / sigs.size(),
                no_title ? "ignored" : "used", options.threshold);
    start = std::chrono::steady_clock::now();
    const auto groups = dragoman::link_versions(sigs, options);
    const double link_seconds = seconds_since(start);
    report("dragoman", evaluate(sigs, groups), link_seconds);
    if (misses) {
        // True pairs left apart, with their pair score alone (weights of a block of two).
        std::map<std::string, std::vector<std::size_t>> by_truth;
        for (std::size_t i = 0; i < sigs.size(); ++i)
            if (!truth_of(sigs[i].id).empty()) by_truth[truth_of(sigs[i].id)].push_back(i);
        for (const auto& [t, m] : by_truth)
            for (std::size_t x = 0; x < m.size(); ++x)
                for (std::size_t y = x + 1; y < m.size(); ++y)
                    if (groups[m[x]].empty() || groups[m[x]] != groups[m[y]])
                        std::printf("  missed %s %s  score %.3f  paragraphs %u/%u  numbers %zu/%zu  names %zu/%zu\n",
                                    sigs[m[x]].id.c_str(), sigs[m[y]].id.c_str(),
                                    dragoman::version_score(sigs[m[x]], sigs[m[y]]), sigs[m[x]].paragraph_count,
                                    sigs[m[y]].paragraph_count, sigs[m[x]].numbers.size(), sigs[m[y]].numbers.size(),
                                    sigs[m[x]].names.size(), sigs[m[y]].names.size());
    }
    start = std::chrono::steady_clock::now();
    const auto naive = naive_groups(sigs);
    const double naive_seconds = seconds_since(start);
    report("naive (paragraphs)", evaluate(sigs, naive), naive_seconds);
    return 0;
}
