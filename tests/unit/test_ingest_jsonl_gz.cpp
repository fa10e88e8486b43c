// Gzip-compressed JSON Lines: written with zlib, read back through the registry.
#include <doctest/doctest.h>

#include <unistd.h>
#include <zlib.h>

#include <filesystem>
#include <string>
#include <vector>

#include "ingest/reader.hpp"
#include "test_support.hpp"

using namespace dragoman;
namespace fs = std::filesystem;

TEST_CASE("jsonl reader reads a gzip-compressed file line by line") {
    const fs::path dir = fs::temp_directory_path() / ("dragoman_jsonl_gz_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const fs::path path = dir / "speeches.jsonl.gz";
    const std::string content =
        "{\"id\": \"mfa:1\", \"language\": \"ru\", \"date\": \"2020-05-30\", \"title\": \"Брифинг\", "
        "\"speakers\": [\"Мария Захарова\"], \"text\": \"Мария Захарова: Добрый день.\"}\n"
        "{\"id\": \"mfa:2\", \"date\": \"2020-13-01\", \"text\": \"bad date\"}\n"
        "\n"
        "{\"id\": \"mfa:3\", \"language\": \"en\", \"text\": \"Good afternoon.\"}\n";
    gzFile out = gzopen(path.c_str(), "wb");
    REQUIRE(out != nullptr);
    REQUIRE(gzwrite(out, content.data(), static_cast<unsigned>(content.size())) == static_cast<int>(content.size()));
    REQUIRE(gzclose(out) == Z_OK);

    REQUIRE(detect_format(path.string()) == "jsonl");
    const auto reader = make_reader("jsonl");
    REQUIRE(reader);
    std::vector<Transcript> records;
    std::vector<RecordOrigin> origins;
    std::vector<Diagnostic> diagnostics;
    reader->read(
        path.string(),
        [&](Transcript&& t, const RecordOrigin& o) {
            records.push_back(std::move(t));
            origins.push_back(o);
        },
        [&](const Diagnostic& d) { diagnostics.push_back(d); });
    fs::remove_all(dir);

    REQUIRE(records.size() == 2);
    CHECK(records[0].id == "mfa:1");
    CHECK(records[0].speakers == std::vector<std::string>{"Мария Захарова"});
    CHECK(records[0].text == "Мария Захарова: Добрый день.");
    CHECK(records[1].id == "mfa:3");
    CHECK(origins[1].line == 4);  // line numbers count the decompressed lines
    REQUIRE(diagnostics.size() == 1);
    CHECK(diagnostics[0].line == 2);
    CHECK(diagnostics[0].record_id == "mfa:2");
}
