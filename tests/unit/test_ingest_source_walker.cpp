// The source walker's judgement of binary files: what identifies one, and that a stray
// NUL byte in text is left to the reader, which rejects only the record holding it.
#include <doctest/doctest.h>

#include <zlib.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "ingest/binary_content.hpp"
#include "ingest/reader.hpp"
#include "ingest/source_walker.hpp"
#include "test_support.hpp"

using namespace dragoman;
namespace fs = std::filesystem;

namespace {

const std::string good_line = R"({"id": "t:1", "text": "Cooperation first."})";
const std::string nul_line = std::string(R"({"id": "t:2", "text": "raw )") + '\0' + R"( nul"})";
const std::string last_line = R"({"id": "t:3", "text": "Cooperation last."})";

/// `content` gzip-compressed, as `gzip` would write it.
std::string gzipped(const fs::path& path, const std::string& content) {
    gzFile out = gzopen(path.c_str(), "wb");
    REQUIRE(out != nullptr);
    REQUIRE(gzwrite(out, content.data(), static_cast<unsigned>(content.size())) == static_cast<int>(content.size()));
    REQUIRE(gzclose(out) == Z_OK);
    return path.string();
}

struct Walked {
    std::vector<SourceFile> files;
    std::vector<Diagnostic> diagnostics;
    std::vector<std::string> unreadable;
};

Walked walk(const fs::path& dir) {
    Walked w;
    w.files = walk_sources({dir.string()}, {}, [&](const Diagnostic& d) { w.diagnostics.push_back(d); }, &w.unreadable);
    return w;
}

}  // namespace

TEST_CASE("binary content is told by magic numbers and a density of control bytes, not by one NUL") {
    SUBCASE("known formats by their first bytes") {
        CHECK(binary_content(std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)) == "PNG image");
        CHECK(binary_content("\xFF\xD8\xFF\xE0 JFIF") == "JPEG image");
        CHECK(binary_content("%PDF-1.7\n%text-like header") == "PDF document");
        CHECK(binary_content(std::string("PK\x03\x04\x14\0\0\0", 8)) == "ZIP archive");
        CHECK(binary_content(std::string("\x7F" "ELF\x02\x01\x01\0", 8)) == "ELF executable");
        CHECK(binary_content(std::string("\x1F\x8B\x08\0", 4)) == "gzip data");
        CHECK(binary_content("BZh91AY&SY rest") == "bzip2 data");
        CHECK(binary_content(std::string("\xFF\xFE{\0\"\0", 6))->find("UTF-16") != std::string::npos);
    }
    SUBCASE("random bytes are binary by their control bytes") {
        std::mt19937 random(42);
        std::string noise(4096, '\0');
        std::generate(noise.begin(), noise.end(), [&] { return static_cast<char>(random() & 0xFF); });
        noise[0] = 'x';  // no magic number
        const auto kind = binary_content(noise);
        REQUIRE(kind);
        CHECK(kind->find("control bytes in the first 4096") != std::string::npos);
    }
    SUBCASE("text with a stray NUL, terminal escapes or a BZh word is text") {
        CHECK_FALSE(binary_content(good_line + "\n" + nul_line + "\n" + last_line + "\n"));
        CHECK_FALSE(binary_content(std::string(15, '\0')));  // fewer than 16 control bytes
        CHECK_FALSE(binary_content("\x1b[2J\x1b[H clear \x1b]0;pwned\x07 title \x1b[6n report \x07 bell, and more words"
                                   " of ordinary text around them to read"));
        CHECK_FALSE(binary_content("BZh? said the minister."));
        CHECK_FALSE(binary_content(""));
    }
}

TEST_CASE("a JSON Lines file with a NUL byte in its second line is walked, not skipped as binary") {
    // Regression: a NUL byte in the first KiB made the walker skip the whole file
    // ("binary file (NUL bytes)"), so one corrupt record cost all of its neighbours.
    test::TempDir tmp("walker");
    const auto path = tmp.write("export.jsonl", good_line + "\n" + nul_line + "\n" + last_line + "\n");
    const Walked w = walk(tmp.path());
    CHECK(w.diagnostics.empty());
    REQUIRE(w.files.size() == 1);
    CHECK(w.files[0].path == path.string());

    const auto c = test::read_all(*make_reader("jsonl"), path);
    REQUIRE(c.records.size() == 2);
    CHECK(c.records[0].id == "t:1");
    CHECK(c.records[1].id == "t:3");
    REQUIRE(c.diagnostics.size() == 1);
    CHECK(c.diagnostics[0].line == 2);
    CHECK(c.diagnostics[0].column == nul_line.find('\0') + 1);
}

TEST_CASE("a ParlaMint text export with a NUL byte in its first speech loses that speech only") {
    test::TempDir tmp("walker");
    const auto path = tmp.write("ParlaMint-HR_2022-07-15-0.txt",
                                std::string("ParlaMint-HR_2022-07-15-0.u1\tnul ") + '\0' + " byte\n" +
                                    "ParlaMint-HR_2022-07-15-0.u2\tA good speech.\n");
    tmp.write("ParlaMint-HR_2022-07-15-0-meta.tsv",
              "Text_ID\tID\tTitle\tDate\nx\tParlaMint-HR_2022-07-15-0.u2\tT\t2022-07-15\n");
    const Walked w = walk(tmp.path());
    CHECK(w.diagnostics.empty());
    REQUIRE(w.files.size() == 1);
    CHECK(w.files[0].format == "parlamint-txt");

    const auto c = test::read_all(*make_reader("parlamint-txt"), path);
    REQUIRE(c.records.size() == 1);
    CHECK(c.records[0].id == "parlamint:ParlaMint-HR_2022-07-15-0.u2");
    REQUIRE(c.diagnostics.size() == 1);
    CHECK(c.diagnostics[0].line == 1);
    CHECK(c.diagnostics[0].column == 34);
    CHECK(c.diagnostics[0].message == "NUL byte");
}

TEST_CASE("binary files given as JSON Lines are skipped whole with one diagnostic") {
    test::TempDir tmp("walker");
    tmp.write("a-image.jsonl", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16) + std::string(2000, 'x'));
    tmp.write("b-noise.jsonl", std::string("\0\x01\x02\x03PK\0\0", 8) + std::string(200, '\x02'));
    // A gzip file decompresses whatever its name, so its content is what is judged.
    gzipped(tmp.path() / "c-image.jsonl.gz", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
    const auto plain_gzip = gzipped(tmp.path() / "d-compressed.jsonl", good_line + "\n" + last_line + "\n");
    tmp.write("e-truncated.jsonl.gz", std::string("\x1F\x8B\x08\0\0\0\0\0\0\x03", 10) + std::string(40, '\xFF'));
    const Walked w = walk(tmp.path());
    REQUIRE(w.files.size() == 1);
    CHECK(w.files[0].path == plain_gzip);
    REQUIRE(w.diagnostics.size() == 4);
    CHECK(w.diagnostics[0].file == (tmp.path() / "a-image.jsonl").string());
    CHECK(w.diagnostics[0].message == "binary file (PNG image), not jsonl; skipped");
    CHECK(w.diagnostics[1].message.rfind("binary file (", 0) == 0);
    CHECK(w.diagnostics[1].message.find("control bytes") != std::string::npos);
    CHECK(w.diagnostics[2].file == (tmp.path() / "c-image.jsonl.gz").string());
    CHECK(w.diagnostics[2].message == "binary file (PNG image), not jsonl; skipped");
    CHECK(w.diagnostics[3].file == (tmp.path() / "e-truncated.jsonl.gz").string());
    CHECK(w.diagnostics[3].message.rfind("cannot read: ", 0) == 0);
    CHECK(w.unreadable.size() == 4);  // an incremental run keeps what they held

    const auto c = test::read_all(*make_reader("jsonl"), plain_gzip);
    CHECK(c.records.size() == 2);
    CHECK(c.diagnostics.empty());
}
