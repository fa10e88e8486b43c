// Atom feeds of searches.
#include "render/atom.hpp"

#include <algorithm>

#include "render/citation.hpp"
#include "render/escape.hpp"
#include "render/result_json.hpp"
#include "schema/date.hpp"

namespace dragoman::render {

namespace {

/// An element of text content: `<name>` escaped text `</name>`.
std::string element(std::string_view name, std::string_view text) {
    return "<" + std::string(name) + ">" + html_escape(one_line(text)) + "</" + std::string(name) + ">";
}

/// A link element; `href` is escaped as an attribute.
std::string link(std::string_view rel, std::string_view type, const std::string& href) {
    std::string out = "<link rel=\"" + std::string(rel) + "\"";
    if (!type.empty()) out += " type=\"" + std::string(type) + "\"";
    return out + " href=\"" + html_escape(href) + "\"/>";
}

/// `path` under the base URL (the path alone without one).
std::string absolute(const FeedContext& c, const std::string& path) {
    std::string base = c.base_url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    return base + path;
}

/// What the feed is of: the query in quotes, then the filters.
std::string feed_title(const SearchRequest& s) {
    std::string out = "Dragoman: ";
    out += s.query.empty() ? std::string("every passage") : "\xE2\x80\x9C" + one_line(s.query) + "\xE2\x80\x9D";
    std::string sep = " (";
    for (const auto& [name, value] : request_filters(s)) {
        out += sep + std::string(name) + ": " + one_line(value);
        sep = ", ";
    }
    if (sep == ", ") out += ")";
    return out;
}

/// An entry's title: who said it, when, and in which transcript.
std::string entry_title(const CitedPassage& p) {
    std::string out = one_line(p.speaker.empty() ? std::string("Unknown speaker") : p.speaker);
    if (!p.date.empty()) out += ", " + one_line(p.date);
    if (!p.title.empty()) out += ": " + one_line(p.title);
    return out;
}

std::string entry(const WalkedPassage& w, const FeedContext& c) {
    const CitedPassage& p = w.passage;
    const CiteContext cite{c.base_url, ""};
    const std::string permalink = permalink_url(p.passage_id, cite);
    const std::string time = atom_time(p.date);
    std::string out = "<entry>";
    out += element("id", permalink.empty() ? "urn:dragoman:passage:" + percent_encode(p.passage_id) : permalink);
    out += element("title", entry_title(p));
    out += element("updated", time);
    out += element("published", time);
    const auto csl = citation_csl(p, cite);
    if (csl.contains("author")) out += "<author>" + element("name", csl["author"][0].value("literal", "")) + "</author>";
    out += link("alternate", "text/html", permalink.empty() ? permalink_path(p.passage_id) : permalink);
    // The snippet's HTML (its text escaped, the matches in <mark>), escaped once more as the
    // text of a type="html" element.
    out += "<summary type=\"html\">" + html_escape(snippet_html(w.snippet)) + "</summary>";
    out += "</entry>\n";
    return out;
}

}  // namespace

std::string atom_time(std::string_view date) {
    const auto precision = date_precision(date);
    if (!precision) return "1970-01-01T00:00:00Z";
    std::string day(date);
    if (*precision == DatePrecision::Year) day += "-01-01";
    else if (*precision == DatePrecision::Month) day += "-01";
    return day + "T00:00:00Z";
}

std::string atom_feed(const SearchRequest& search, const std::vector<WalkedPassage>& passages, const FeedContext& c) {
    // The newest entry's time: the walk may be in any order.
    std::string updated;
    for (const auto& w : passages) updated = std::max(updated, atom_time(w.passage.date));
    if (updated.empty()) updated = c.now;
    const std::string self = absolute(c, "/feed?" + c.query_string);
    std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n";
    out += element("id", c.base_url.empty() ? "urn:dragoman:feed:" + percent_encode(c.query_string) : self) + "\n";
    out += element("title", feed_title(search)) + "\n";
    out += element("updated", updated) + "\n";
    out += "<author><name>Dragoman</name></author>\n";
    out += "<generator>Dragoman</generator>\n";
    out += link("self", "application/atom+xml", self) + "\n";
    out += link("alternate", "text/html", absolute(c, "/?" + c.query_string)) + "\n";
    for (const auto& w : passages) out += entry(w, c);
    out += "</feed>\n";
    return out;
}

}  // namespace dragoman::render
