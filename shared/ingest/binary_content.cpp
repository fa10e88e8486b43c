// Binary files told from text by their magic numbers and by how many control bytes they hold.
#include "ingest/binary_content.hpp"

namespace dragoman {

namespace {

struct Magic {
    std::string_view bytes;
    const char* kind;
};

using namespace std::string_view_literals;

// Formats a directory of transcripts plausibly holds by mistake, and the compressors
// (gzip only after its own decompression, so nested or renamed twice).
constexpr Magic magics[] = {
    {"\x89PNG\r\n\x1a\n"sv, "PNG image"},
    {"\xFF\xD8\xFF"sv, "JPEG image"},
    {"GIF87a"sv, "GIF image"},
    {"GIF89a"sv, "GIF image"},
    {"%PDF-"sv, "PDF document"},
    {"PK\x03\x04"sv, "ZIP archive"},
    {"PK\x05\x06"sv, "ZIP archive"},
    {"PK\x07\x08"sv, "ZIP archive"},
    {"\x7F" "ELF"sv, "ELF executable"},
    {"\x1F\x8B"sv, "gzip data"},
    {"\xFD" "7zXZ\0"sv, "xz data"},
    {"\x28\xB5\x2F\xFD"sv, "zstd data"},
    {"7z\xBC\xAF\x27\x1C"sv, "7-Zip archive"},
    {"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"sv, "OLE2 document (.doc, .xls)"},
    {"SQLite format 3\0"sv, "SQLite database"},
    {"\xFF\xFE"sv, "UTF-16 text; convert it to UTF-8"},
    {"\xFE\xFF"sv, "UTF-16 text; convert it to UTF-8"},
};

/// C0 controls other than tab, line feed, vertical tab, form feed and carriage return, and DEL.
bool is_control(unsigned char c) { return (c < 0x20 && (c < 0x09 || c > 0x0D)) || c == 0x7F; }

}  // namespace

std::optional<std::string> binary_content(std::string_view head) {
    for (const auto& m : magics)
        if (head.substr(0, m.bytes.size()) == m.bytes) return std::string(m.kind);
    // bzip2: "BZh", the block size digit, then the block magic (π's digits in BCD).
    if (head.size() >= 10 && head.substr(0, 3) == "BZh" && head[3] >= '1' && head[3] <= '9' &&
        head.substr(4, 6) == "1AY&SY")
        return std::string("bzip2 data");
    // Random or compressed bytes are 27 in 256 (10.5 %) control bytes; text is a few per
    // thousand at most (the hostile-input tests' terminal escapes: 5 in 170 bytes, 3 %).
    // One in 16, and at least 16 of them, tells the two apart without condemning a short
    // file for its one corrupt record.
    std::size_t controls = 0;
    for (const char c : head) controls += is_control(static_cast<unsigned char>(c)) ? 1 : 0;
    if (controls >= 16 && controls * 16 >= head.size())
        return std::to_string(controls) + " control bytes in the first " + std::to_string(head.size());
    return std::nullopt;
}

}  // namespace dragoman
