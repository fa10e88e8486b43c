// Fuzz target: the JSON Lines reader, line by line and as a file (gzip when the input
// starts with gzip's magic bytes, so the seeds' .jsonl.gz cases exercise LineSource's zlib path).
#include "fuzz_support.hpp"
#include "ingest/jsonl_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    using namespace dragoman;
    const auto text = fuzz::as_text(data, size);
    const bool gzip = fuzz::starts_as_gzip(text);
    if (!gzip) {
        // parse_line directly, as the reader calls it.
        std::size_t start = 0, number = 1;
        while (start <= text.size()) {
            const auto end = std::min(text.find('\n', start), text.size());
            Transcript t;
            const bool ok = JsonlReader::parse_line(text.substr(start, end - start), RecordOrigin{"fuzz.jsonl", number}, t,
                                                    [](const Diagnostic& d) { fuzz::require(!d.message.empty(), "no reason"); });
            if (ok) fuzz::require(!t.id.empty(), "an accepted line without an id");
            start = end + 1;
            ++number;
        }
    }
    fuzz::read_and_check(JsonlReader{}, fuzz::write_scratch(gzip ? "input.jsonl.gz" : "input.jsonl", text));
    return 0;
}
