// Fuzz target: the HTML reader on arbitrary file content.
#include "fuzz_support.hpp"
#include "ingest/html_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    using namespace dragoman;
    // Under the Kremlin archive's layout, so the id and URL rules are exercised too.
    fuzz::read_and_check(HtmlReader{},
                         fuzz::write_scratch("kremlin_en/events/president/news/12345/print.html", fuzz::as_text(data, size)));
    return 0;
}
