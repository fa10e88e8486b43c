// Analyzer throughput: Dragoman's whole per-passage analysis beside Xapian's TermGenerator
// (English stemming, STEM_SOME) on the same text, one core, no database writes.
#include <xapian.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "index/passage_document.hpp"
#include "schema/passage.hpp"
#include "schema/passage_id.hpp"
#include "schema/transcript.hpp"
#include "text/analyzer.hpp"

namespace {

double seconds_since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: analyzer_bench CORPUS.jsonl [MAX_RECORDS]\n");
        return 2;
    }
    const std::size_t max_records = argc > 2 ? std::stoul(argv[2]) : static_cast<std::size_t>(-1);
    std::vector<dragoman::Transcript> records;
    std::ifstream in(argv[1]);
    std::size_t text_bytes = 0;
    for (std::string line; records.size() < max_records && std::getline(in, line);) {
        const auto j = nlohmann::json::parse(line);
        dragoman::Transcript t;
        t.id = j.value("id", "");
        t.language = j.value("language", "");
        t.title = j.value("title", "");
        t.text = j.value("text", "");
        text_bytes += t.text.size();
        records.push_back(std::move(t));
    }
    std::vector<std::vector<dragoman::Passage>> passages;
    for (const auto& t : records) passages.push_back(dragoman::split_passages(t));

    // Xapian's TermGenerator, English, positions and STEM_SOME, over the same passages.
    auto start = std::chrono::steady_clock::now();
    std::size_t xapian_terms = 0;
    {
        Xapian::TermGenerator tg;
        tg.set_stemmer(Xapian::Stem("english"));
        tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
        for (std::size_t i = 0; i < records.size(); ++i) {
            for (const auto& p : passages[i]) {
                Xapian::Document doc;
                tg.set_document(doc);
                tg.index_text(records[i].title, 1, "S");
                tg.index_text(p.text);
                doc.set_data(p.text);
                xapian_terms += doc.termlist_count();
            }
        }
    }
    const double xapian_secs = seconds_since(start);

    // Dragoman: language identification, ICU segmentation, folding, per-language stems,
    // transliteration keys, speaker/title fields and document data, per passage.
    start = std::chrono::steady_clock::now();
    std::size_t dragoman_terms = 0;
    {
        dragoman::text::Analyzer analyzer;
        for (std::size_t i = 0; i < records.size(); ++i)
            for (const auto& p : passages[i])
                dragoman_terms += dragoman::build_passage_document(analyzer, records[i], p, "bench", "0", "0").termlist_count();
    }
    const double dragoman_secs = seconds_since(start);

    // Permalink ids (split_passages derives them): NFKC, white space collapsed, FNV-1a.
    start = std::chrono::steady_clock::now();
    std::size_t id_chars = 0;
    for (std::size_t i = 0; i < records.size(); ++i) {
        dragoman::assign_passage_ids(records[i].id, passages[i]);
        for (const auto& p : passages[i]) id_chars += p.id.size();
    }
    const double id_secs = seconds_since(start);

    const double mb = static_cast<double>(text_bytes) / 1e6;
    std::printf("records %zu, text %.1f MB\n", records.size(), mb);
    std::printf("xapian TermGenerator (english, STEM_SOME): %.2f s, %.2f MB/s, %zu terms\n", xapian_secs,
                mb / xapian_secs, xapian_terms);
    std::printf("dragoman analysis (all languages):        %.2f s, %.2f MB/s, %zu terms\n", dragoman_secs,
                mb / dragoman_secs, dragoman_terms);
    std::printf("ratio dragoman/xapian time: %.2fx\n", dragoman_secs / xapian_secs);
    std::printf("passage ids (permalinks): %.3f s, %.1f%% of the dragoman analysis (%zu id bytes)\n", id_secs,
                100.0 * id_secs / dragoman_secs, id_chars);
    return 0;
}
