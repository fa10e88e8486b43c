// Fuzz target: the dated text reader on arbitrary file content.
#include "fuzz_support.hpp"
#include "ingest/dated_text_reader.hpp"
#include "text/utf8.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    using namespace dragoman;
    // The header and title helpers first, then the reader on the same bytes as a file.
    const auto text = fuzz::as_text(data, size);
    if (const auto header = DatedTextReader::parse_header(text))
        fuzz::require(header->body_offset <= text.size(), "the body starts after the end");
    const std::string title = DatedTextReader::title_of(text);
    if (text::is_valid_utf8(text)) fuzz::require(text::is_valid_utf8(title), "a title cut inside a character");
    fuzz::read_and_check(DatedTextReader{}, fuzz::write_scratch("dated/article.txt", text));
    return 0;
}
