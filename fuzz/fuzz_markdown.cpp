// Fuzz target: the Markdown (White House briefings) reader on arbitrary file content.
#include "fuzz_support.hpp"
#include "ingest/markdown_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    using namespace dragoman;
    // Under the briefing archive's layout, so the path-derived metadata is exercised too.
    const auto text = fuzz::as_text(data, size);
    (void)MarkdownReader::strip_inline(text.substr(0, 4096));
    (void)MarkdownReader::turn_label(text.substr(0, 4096));
    fuzz::read_and_check(MarkdownReader{},
                         fuzz::write_scratch("wh_briefings/press-briefings/2021-03/2021-03-01-press-briefing.md", text));
    return 0;
}
