// Encoding passage document data with nlohmann::json and decoding it with simdjson, keys
// from the schema.
#include "schema/passage_data.hpp"

#include <nlohmann/json.hpp>
#include <simdjson.h>

#include <algorithm>
#include <type_traits>

#include "schema/schema.hpp"

namespace dragoman {

namespace {

using json = nlohmann::json;
namespace key = schema::data_key;

namespace od = simdjson::ondemand;

/// Reads one value into a member of the data's type; false when the value has another type.
bool read(od::value& v, std::string& out) {
    std::string_view s;
    if (v.get_string().get(s)) return false;
    out = s;
    return true;
}
bool read(od::value& v, std::size_t& out) {
    uint64_t n = 0;
    if (v.get_uint64().get(n)) return false;
    out = static_cast<std::size_t>(n);
    return true;
}
bool read(od::value& v, bool& out) { return !v.get_bool().get(out); }
bool read(od::value& v, std::vector<std::string>& out) {
    od::array a;
    if (v.get_array().get(a)) return false;
    out.clear();
    for (auto item : a) {
        std::string_view s;
        if (item.get_string().get(s)) return false;
        out.emplace_back(s);
    }
    return true;
}

/// Calls `f(key, member)` for every key of the data: the one list that encoding and
/// decoding both follow.
template <typename Data, typename F>
void each_key(Data& d, F&& f) {
    f(key::transcript_id, d.transcript_id);
    f(key::number, d.number);
    f(key::title, d.title);
    f(key::date, d.date);
    f(key::language, d.language);
    f(key::speakers, d.speakers);
    f(key::country, d.country);
    f(key::source, d.source);
    f(key::url, d.url);
    f(key::speaker, d.speaker);
    f(key::passage_language, d.passage_language);
    f(key::text, d.text);
    f(key::origin, d.origin);
    f(key::passage_id, d.passage_id);
    f(key::question, d.question);
    f(key::is_question, d.is_question);
    f(key::group, d.group);
    f(key::changes, d.changes);
}

bool optional_key(std::string_view k) {
    for (const auto& row : schema::data_keys())
        if (row.key == k) return row.optional;
    return false;
}

}  // namespace

std::string encode_passage_data(const PassageData& d) {
    json j = json::object();
    each_key(d, [&](std::string_view k, const auto& member) {
        if (optional_key(k) && member == std::decay_t<decltype(member)>{}) return;
        j[std::string(k)] = member;
    });
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

tl::expected<PassageData, std::string> decode_passage_data(std::string_view stored) {
    // simdjson's on-demand parser reads the object in place, into the members: a tenth of
    // the time a JSON tree took (nlohmann::json: 169,000 instructions per passage, 18% of a
    // results page's CPU on the real corpus). One parser per thread, as it keeps buffers.
    thread_local od::parser parser;
    const simdjson::padded_string padded(stored);
    const auto not_object = [] { return tl::unexpected(std::string("the document data is not a JSON object")); };
    od::document doc;
    od::object object;
    if (parser.iterate(padded).get(doc) || doc.get_object().get(object)) return not_object();
    PassageData d;
    std::string_view wrong;
    for (auto field : object) {
        std::string_view name;
        od::value value;
        if (field.unescaped_key().get(name) || field.value().get(value)) return not_object();
        bool known = false;
        each_key(d, [&](std::string_view k, auto& member) {
            if (known || k != name) return;
            known = true;
            if (wrong.empty() && !read(value, member)) wrong = k;
        });
        if (!wrong.empty()) return tl::unexpected("the document data's '" + std::string(wrong) + "' has the wrong type");
    }
    return d;
}

}  // namespace dragoman
