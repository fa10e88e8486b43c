// Fuzz target: the ParlaMint text export reader on arbitrary file content.
#include <cstdio>

#include "fuzz_support.hpp"
#include "ingest/parlamint_txt_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    using namespace dragoman;
    // The input is the speeches file, then a line "====meta====", then its -meta.tsv
    // (absent when the separator is: the reader must cope without metadata).
    const auto parts = fuzz::split_once(fuzz::as_text(data, size), "\n====meta====\n");
    const std::string path = fuzz::write_scratch("parlamint/ParlaMint-FI_2022-01-25-ps-165.txt", parts.before);
    const std::string meta_path = fuzz::scratch_dir() + "/parlamint/ParlaMint-FI_2022-01-25-ps-165-meta.tsv";
    if (parts.found) fuzz::write_scratch("parlamint/ParlaMint-FI_2022-01-25-ps-165-meta.tsv", parts.after);
    else std::remove(meta_path.c_str());
    fuzz::read_and_check(ParlamintTxtReader{}, path);
    return 0;
}
