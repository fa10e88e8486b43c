// Encoding and decoding passage document data with nlohmann::json, keys from the schema.
#include "schema/passage_data.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <type_traits>

#include "schema/schema.hpp"

namespace dragoman {

namespace {

using json = nlohmann::json;
namespace key = schema::data_key;

bool of_type(const json& v, const std::string&) { return v.is_string(); }
bool of_type(const json& v, const std::size_t&) { return v.is_number_unsigned(); }
bool of_type(const json& v, const bool&) { return v.is_boolean(); }
bool of_type(const json& v, const std::vector<std::string>&) {
    return v.is_array() && std::all_of(v.begin(), v.end(), [](const json& s) { return s.is_string(); });
}

/// Reads `k` of `object` into `out` when present; false when it holds another type.
template <typename T>
bool take(const json& object, std::string_view k, T& out) {
    const auto it = object.find(k);
    if (it == object.end()) return true;
    if (!of_type(*it, out)) return false;
    out = it->get<T>();
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
    const json j = json::parse(stored.begin(), stored.end(), nullptr, /*allow_exceptions=*/false);
    if (!j.is_object()) return tl::unexpected(std::string("the document data is not a JSON object"));
    PassageData d;
    std::string_view wrong;
    each_key(d, [&](std::string_view k, auto& member) {
        if (wrong.empty() && !take(j, k, member)) wrong = k;
    });
    if (!wrong.empty()) return tl::unexpected("the document data's '" + std::string(wrong) + "' has the wrong type");
    return d;
}

}  // namespace dragoman
