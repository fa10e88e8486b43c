// The parts of a request that are not plain data.
#include "search/search_types.hpp"

#include "schema/schema.hpp"

namespace dragoman {

std::vector<std::pair<std::string_view, std::string>> request_filters(const SearchRequest& r) {
    namespace q = schema::query_field;
    const std::pair<std::string_view, const std::string*> all[] = {
        {q::lang, &r.lang}, {q::speaker, &r.speaker}, {q::country, &r.country},
        {q::source, &r.source}, {"from", &r.date_from}, {"to", &r.date_to}};
    std::vector<std::pair<std::string_view, std::string>> out;
    for (const auto& [name, value] : all)
        if (!value->empty()) out.emplace_back(name, *value);
    return out;
}

}  // namespace dragoman
