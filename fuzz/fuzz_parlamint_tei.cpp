// Fuzz target: the ParlaMint TEI reader on arbitrary file content.
#include "fuzz_support.hpp"
#include "ingest/parlamint_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    using namespace dragoman;
    // A session file without its corpus root beside it (the root is cached per directory,
    // so it could not change between inputs): speakers are then derived from the ids.
    fuzz::read_and_check(ParlamintReader{},
                         fuzz::write_scratch("ParlaMint-TR/ParlaMint-TR_T27-tbmm-2020-06-17.xml", fuzz::as_text(data, size)));
    return 0;
}
