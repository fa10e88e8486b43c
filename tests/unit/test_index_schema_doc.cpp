// docs/schema.md against shared/schema/schema.hpp: every field, prefix and slot documented.
#include <doctest/doctest.h>

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
        {schema::slot_source, "slot_source"},     {schema::slot_passage_no, "slot_passage_no"},
        {schema::slot_content_hash, "slot_content_hash"}, {schema::slot_group, "slot_group"},
        {schema::slot_collapse, "slot_collapse"},         {schema::slot_version_signature, "slot_version_signature"},
        {schema::slot_facets, "slot_facets"},
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
