// docs/schema.md against shared/schema/schema.hpp: every field, prefix and slot documented.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "schema/schema.hpp"

using namespace dragoman;

namespace {

std::string schema_doc() {
    std::ifstream in(std::string(DRAGOMAN_SOURCE_DIR) + "/docs/schema.md");
    REQUIRE(in);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace

TEST_CASE("every field of schema::fields() has its row in docs/schema.md with its prefix") {
    const std::string doc = schema_doc();
    REQUIRE_FALSE(schema::fields().empty());
    for (const auto& f : schema::fields()) {
        // Built by appending: GCC 12 warns (wrongly) about chained operator+ here.
        std::string row = "| `";
        row.append(f.name).append("` | ");
        if (f.prefix.empty())
            row.append("(none)");
        else
            row.append("`").append(f.prefix).append("`");
        row.append(" |");
        INFO("missing row: " << row);
        CHECK(doc.find(row) != std::string::npos);
    }
}

TEST_CASE("every value slot has its row in docs/schema.md with its number") {
    const std::string doc = schema_doc();
    const std::vector<std::pair<Xapian::valueno, const char*>> slots = {
        {schema::slot_date, "slot_date"},         {schema::slot_transcript, "slot_transcript"},
        {schema::slot_year, "slot_year"},         {schema::slot_language, "slot_language"},
        {schema::slot_speaker, "slot_speaker"},   {schema::slot_country, "slot_country"},
        {schema::slot_source, "slot_source"},
        {schema::slot_content_hash, "slot_content_hash"}, {schema::slot_group, "slot_group"},
        {schema::slot_collapse, "slot_collapse"},         {schema::slot_version_signature, "slot_version_signature"},
        {schema::slot_facets, "slot_facets"},     {schema::slot_token_layout, "slot_token_layout"}, {schema::slot_copy, "slot_copy"},
    };
    for (const auto& [number, name] : slots) {
        const std::string row = "| " + std::to_string(number) + " | `" + name + "` |";
        INFO("missing row: " << row);
        CHECK(doc.find(row) != std::string::npos);
    }
}

TEST_CASE("the schema version in docs/schema.md is the one the index stores") {
    const std::string doc = schema_doc();
    CHECK(doc.find("`" + std::string(schema::metadata_schema_version) + "` holds the schema version (`" +
                   std::string(schema::schema_version) + "`)") != std::string::npos);
}

TEST_CASE("every document-data key has its row in docs/schema.md with its type") {
    const std::string doc = schema_doc();
    REQUIRE_FALSE(schema::data_keys().empty());
    for (const auto& k : schema::data_keys()) {
        std::string row = "| `";
        row.append(k.key).append("` | ").append(k.type).append(" | ").append(k.optional ? "when set" : "always").append(" |");
        INFO("missing row: " << row);
        CHECK(doc.find(row) != std::string::npos);
    }
}

TEST_CASE("every query field has its row in docs/schema.md with what it searches") {
    const std::string doc = schema_doc();
    REQUIRE_FALSE(schema::query_fields().empty());
    for (const auto& f : schema::query_fields()) {
        // "speaker, speaker-key" → "`speaker`, `speaker-key`"; a slot stays as written.
        std::string searches;
        for (std::string_view rest = f.searches; !rest.empty();) {
            const auto comma = rest.find(", ");
            const auto part = rest.substr(0, comma);
            if (!searches.empty()) searches += ", ";
            if (part.rfind("slot ", 0) == 0)
                searches.append(part);
            else
                searches.append("`").append(part).append("`");
            rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 2);
        }
        std::string row = "| `";
        row.append(f.name).append(":` | ").append(searches).append(" | ").append(f.filter ? "yes" : "no");
        row.append(" | ").append(f.parameter ? "yes" : "no").append(" |");
        INFO("missing row: " << row);
        CHECK(doc.find(row) != std::string::npos);
    }
}

TEST_CASE("every fields() row a query field searches exists") {
    for (const auto& f : schema::query_fields()) {
        for (std::string_view rest = f.searches; !rest.empty();) {
            const auto comma = rest.find(", ");
            const auto part = rest.substr(0, comma);
            rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 2);
            if (part.rfind("slot ", 0) == 0) continue;
            INFO(f.name << ": " << part);
            CHECK(std::any_of(schema::fields().begin(), schema::fields().end(), [&](const auto& row) { return row.name == part; }));
        }
    }
}

TEST_CASE("the web page's filter boxes are the schema's parameter fields, after from and to") {
    std::ifstream in(std::string(DRAGOMAN_SOURCE_DIR) + "/searchd/web/app.js");
    REQUIRE(in);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string js = ss.str();
    const std::string marker = "const FILTERS = [";
    const auto start = js.find(marker);
    REQUIRE(start != std::string::npos);
    const auto end = js.find(']', start);
    REQUIRE(end != std::string::npos);
    std::vector<std::string> listed;
    for (auto q = js.find('\'', start); q != std::string::npos && q < end; q = js.find('\'', q + 1)) {
        const auto close = js.find('\'', q + 1);
        listed.push_back(js.substr(q + 1, close - q - 1));
        q = close;
    }
    REQUIRE(listed.size() >= 2);
    CHECK(listed[0] == "from");
    CHECK(listed[1] == "to");
    std::vector<std::string> expected;
    for (const auto& f : schema::query_fields())
        if (f.parameter) expected.emplace_back(f.name);
    // The page lists them in its own order.
    listed.erase(listed.begin(), listed.begin() + 2);
    std::sort(listed.begin(), listed.end());
    std::sort(expected.begin(), expected.end());
    CHECK(listed == expected);
}
