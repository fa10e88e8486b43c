// Precision and recall of speaker merging on hand-checked pairs (bench/speakers/README.md):
// Dragoman's SpeakerDirectory beside what a search engine's facet does without it (every
// label its own speaker, as Sphinx's and FTS5's group-by give) and beside merging every
// label of one surname key.
// Usage: speaker_pairs NAMES.tsv PAIRS.tsv [--merges FILE] [--show-errors]
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "search/speaker_directory.hpp"

using namespace dragoman;

namespace {

std::vector<std::vector<std::string>> read_tsv(const char* path) {
    std::ifstream in(path);
    if (!in) {
        std::fprintf(stderr, "speaker_pairs: cannot read %s\n", path);
        std::exit(2);
    }
    std::vector<std::vector<std::string>> rows;
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] == '#') continue;
        std::vector<std::string> cells;
        std::istringstream fields(line);
        for (std::string cell; std::getline(fields, cell, '\t');) cells.push_back(cell);
        rows.push_back(std::move(cells));
    }
    return rows;
}

struct Score {
    std::size_t tp = 0, fp = 0, fn = 0, tn = 0;
    void add(bool same, bool merged) {
        if (same) (merged ? tp : fn) += 1;
        else (merged ? fp : tn) += 1;
    }
    double precision() const { return tp + fp == 0 ? 0.0 : static_cast<double>(tp) / static_cast<double>(tp + fp); }
    double recall() const { return tp + fn == 0 ? 0.0 : static_cast<double>(tp) / static_cast<double>(tp + fn); }
};

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: speaker_pairs NAMES.tsv PAIRS.tsv [--merges FILE] [--show-errors]\n");
        return 2;
    }
    bool show_errors = false;
    SpeakerMerges merges = SpeakerMerges::shipped();
    for (int i = 3; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--show-errors") {
            show_errors = true;
        } else if (a == "--merges" && i + 1 < argc) {
            auto loaded = SpeakerMerges::load(argv[++i]);
            if (!loaded) {
                std::fprintf(stderr, "speaker_pairs: %s\n", loaded.error().message.c_str());
                return 2;
            }
            merges = std::move(*loaded);
        } else {
            std::fprintf(stderr, "speaker_pairs: unknown argument %s\n", a.c_str());
            return 2;
        }
    }
    std::vector<SpeakerLabel> labels;
    for (const auto& row : read_tsv(argv[1])) {
        if (row.size() < 2) continue;
        // name, passages, SOURCE:YEAR it speaks in (comma-separated): the evidence a surname
        // alone is placed by, as the index's facet slot gives it.
        std::size_t passages = std::stoul(row[1]);
        std::istringstream sources(row.size() > 2 ? row[2] : std::string());
        bool any = false;
        for (std::string source; std::getline(sources, source, ',');) {
            const auto colon = source.find(':');
            const std::string year = colon == std::string::npos ? std::string() : source.substr(colon + 1);
            labels.push_back({row[0], source.substr(0, colon), year, passages});
            passages = 0;
            any = true;
        }
        if (!any) labels.push_back({row[0], {}, {}, passages});
    }
    const SpeakerDirectory directory(labels, merges);

    Score dragoman, surname, exact;
    std::size_t pairs = 0;
    for (const auto& row : read_tsv(argv[2])) {
        if (row.size() < 3) continue;
        const bool same = row[2] == "same";
        const Person* a = directory.person_of(row[0]);
        const Person* b = directory.person_of(row[1]);
        if (!a || !b) {
            std::fprintf(stderr, "speaker_pairs: a name of the pair %s | %s is not in %s\n", row[0].c_str(),
                         row[1].c_str(), argv[1]);
            return 2;
        }
        ++pairs;
        const bool merged = a == b;
        dragoman.add(same, merged);
        const auto na = parse_speaker_name(row[0]);
        const auto nb = parse_speaker_name(row[1]);
        surname.add(same, na && nb && na->surname == nb->surname);
        exact.add(same, false);
        if (show_errors && merged != same)
            std::printf("%s\t%s\t%s\t%s\n", same ? "left apart" : "merged", row[0].c_str(), row[1].c_str(),
                        row.size() > 3 ? row[3].c_str() : "");
    }
    std::size_t multi = 0;
    for (const auto& p : directory.persons()) multi += p.variants.size() > 1;
    std::printf("%zu labels, %zu persons (%zu written several ways); %zu pairs\n", labels.size(),
                directory.persons().size(), multi, pairs);
    std::printf("| rule | merged right | merged wrong | left apart wrongly | precision | recall |\n");
    std::printf("| --- | --- | --- | --- | --- | --- |\n");
    auto row = [](const char* name, const Score& s) {
        std::printf("| %s | %zu | %zu | %zu | %.3f | %.3f |\n", name, s.tp, s.fp, s.fn, s.precision(), s.recall());
    };
    row("Dragoman (SpeakerDirectory)", dragoman);
    row("one label, one speaker (Sphinx, FTS5 group by)", exact);
    row("one surname, one speaker", surname);
    return 0;
}
