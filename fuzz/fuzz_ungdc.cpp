// Fuzz target: the UN General Debate reader on arbitrary file content.
#include "fuzz_support.hpp"
#include "ingest/ungdc_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    using namespace dragoman;
    // Where the corpus keeps it: the metadata comes from the path.
    fuzz::read_and_check(UngdcReader{}, fuzz::write_scratch("TXT/Session 75 - 2020/USA_75_2020.txt", fuzz::as_text(data, size)));
    return 0;
}
