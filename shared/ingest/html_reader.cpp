// HTML transcript pages: article body, speaker turns from bold labels, page metadata.
#include "ingest/html_reader.hpp"

#include <gumbo.h>
#include <unicode/ucnv.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "ingest/line_source.hpp"
#include "ingest/paragraph_builder.hpp"
#include "ingest/path_parts.hpp"
#include "ingest/record_checks.hpp"
#include "ingest/html_depth.hpp"
#include "ingest/text_position.hpp"
#include "text/utf8.hpp"
#include "schema/date.hpp"

namespace dragoman {

namespace {

/// Deeper element nesting than this is not walked (gumbo builds any depth; our
/// recursion must not follow a hostile page into a stack overflow).
constexpr int max_depth = 400;

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

const char* attribute(const GumboNode* node, const char* name) {
    if (node->type != GUMBO_NODE_ELEMENT) return nullptr;
    const GumboAttribute* a = gumbo_get_attribute(&node->v.element.attributes, name);
    return a ? a->value : nullptr;
}

bool attribute_is(const GumboNode* node, const char* name, std::string_view value) {
    const char* v = attribute(node, name);
    return v != nullptr && lower(v) == value;
}

bool has_class(const GumboNode* node, std::string_view cls) {
    const char* v = attribute(node, "class");
    if (v == nullptr) return false;
    std::string_view s(v);
    std::size_t pos = 0;
    while (pos < s.size()) {
        const auto b = s.find_first_not_of(" \t\n\r\f", pos);
        if (b == std::string_view::npos) break;
        auto e = s.find_first_of(" \t\n\r\f", b);
        if (e == std::string_view::npos) e = s.size();
        if (s.substr(b, e - b) == cls) return true;
        pos = e;
    }
    return false;
}

GumboTag tag_of(const GumboNode* node) {
    return node->type == GUMBO_NODE_ELEMENT ? node->v.element.tag : GUMBO_TAG_UNKNOWN;
}

const GumboVector* children_of(const GumboNode* node) {
    if (node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE) return &node->v.element.children;
    if (node->type == GUMBO_NODE_DOCUMENT) return &node->v.document.children;
    return nullptr;
}

/// Elements whose content is never article text.
bool skipped_tag(GumboTag tag) {
    switch (tag) {
        case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_TEMPLATE:
        case GUMBO_TAG_NAV: case GUMBO_TAG_ASIDE: case GUMBO_TAG_FOOTER: case GUMBO_TAG_IFRAME:
        case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED: case GUMBO_TAG_SVG: case GUMBO_TAG_MATH:
        case GUMBO_TAG_CANVAS: case GUMBO_TAG_FORM: case GUMBO_TAG_BUTTON: case GUMBO_TAG_SELECT:
        case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_INPUT: case GUMBO_TAG_IMG: case GUMBO_TAG_VIDEO:
        case GUMBO_TAG_AUDIO: case GUMBO_TAG_SOURCE: case GUMBO_TAG_TRACK: case GUMBO_TAG_FIGURE:
        case GUMBO_TAG_HEAD: case GUMBO_TAG_META: case GUMBO_TAG_LINK: case GUMBO_TAG_MAP:
        case GUMBO_TAG_TITLE:
            return true;
        default:
            return false;
    }
}

/// Elements hidden from readers: the `hidden` attribute, `aria-hidden`, inline
/// `display:none`, and the Kremlin site's non-text widgets (tooltips, galleries,
/// "read also" boxes, tag lists), which it marks `masha-ignore` or `hidden`.
bool hidden(const GumboNode* node) {
    if (attribute(node, "hidden") != nullptr || attribute_is(node, "aria-hidden", "true")) return true;
    if (const char* style = attribute(node, "style")) {
        std::string s = lower(style);
        s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
        if (s.find("display:none") != std::string::npos) return true;
    }
    return has_class(node, "masha-ignore") || has_class(node, "hidden") || has_class(node, "read__bottommeta") ||
           has_class(node, "hidden-copy");
}

/// Elements that start and end a paragraph.
bool block_tag(GumboTag tag) {
    switch (tag) {
        case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
        case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_LI:
        case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_DD:
        case GUMBO_TAG_TABLE: case GUMBO_TAG_TR: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE:
        case GUMBO_TAG_HEADER: case GUMBO_TAG_MAIN: case GUMBO_TAG_PRE: case GUMBO_TAG_ADDRESS:
        case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_HR: case GUMBO_TAG_BR: case GUMBO_TAG_BODY:
        case GUMBO_TAG_CENTER: case GUMBO_TAG_DETAILS: case GUMBO_TAG_SUMMARY: case GUMBO_TAG_CAPTION:
            return true;
        default:
            return false;
    }
}

/// All text below `node`, white space folded (no block structure).
void collect_text(const GumboNode* node, std::string& out, int depth = 0) {
    if (depth > max_depth) return;
    const GumboVector* kids = children_of(node);
    if (kids == nullptr) return;
    for (unsigned i = 0; i < kids->length; ++i) {
        const auto* child = static_cast<const GumboNode*>(kids->data[i]);
        if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_WHITESPACE || child->type == GUMBO_NODE_CDATA) {
            append_collapsed(out, child->v.text.text);
            continue;
        }
        if (skipped_tag(tag_of(child))) continue;
        if (block_tag(tag_of(child))) append_collapsed(out, " ");
        collect_text(child, out, depth + 1);
    }
}

std::string text_of(const GumboNode* node) {
    std::string s;
    collect_text(node, s);
    trim_trailing_space(s);
    return s;
}

/// The first element below `node` (itself included) for which `match` holds.
template <typename Match>
const GumboNode* find_element(const GumboNode* node, const Match& match, int depth = 0) {
    if (depth > max_depth) return nullptr;
    if (node->type == GUMBO_NODE_ELEMENT && match(node)) return node;
    const GumboVector* kids = children_of(node);
    if (kids == nullptr) return nullptr;
    for (unsigned i = 0; i < kids->length; ++i)
        if (const auto* found = find_element(static_cast<const GumboNode*>(kids->data[i]), match, depth + 1))
            return found;
    return nullptr;
}

/// Every element below `node` for which `match` holds, in document order.
template <typename Match>
void find_elements(const GumboNode* node, const Match& match, std::vector<const GumboNode*>& out, int depth = 0) {
    if (depth > max_depth) return;
    if (node->type == GUMBO_NODE_ELEMENT && match(node)) out.push_back(node);
    const GumboVector* kids = children_of(node);
    if (kids == nullptr) return;
    for (unsigned i = 0; i < kids->length; ++i)
        find_elements(static_cast<const GumboNode*>(kids->data[i]), match, out, depth + 1);
}

bool contains(const GumboNode* ancestor, const GumboNode* node) {
    for (const GumboNode* n = node; n != nullptr; n = n->parent)
        if (n == ancestor) return true;
    return false;
}

/// A bold run is a speaker label when it names someone: letters, not a sentence,
/// not too long ("* * *" and bold emphasis inside prose are not labels). Titles
/// make labels long: "Chairman of the Board of the Foundation for ... Andrei Bystritsky".
bool plausible_label(std::string_view label) {
    if (label.empty() || label.size() > 250) return false;
    bool letter = false;
    int words = 1;
    for (char c : label) {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80) letter = true;
        if (c == ' ') ++words;
        if (c == '?' || c == '!' || c == ';' || c == '"' || c == ':') return false;
    }
    return letter && words <= 30;
}

/// Turn labels that name no one: questions from the floor, remarks, replies. They
/// stay in the text as turns but are not speakers.
bool anonymous_label(std::string_view label) {
    static constexpr std::string_view words[] = {"Question", "Questions", "Remark", "Remarks", "Reply",
                                                 "Answer", "Response", "Comment", "Voice", "Voices",
                                                 "Voice from the audience", "Audience", "Reporter",
                                                 "Journalist", "Journalists", "Participant", "Participants"};
    return std::find(std::begin(words), std::end(words), label) != std::end(words);
}

/// Walks the article body, building paragraphs and recognising bold turn labels.
class BodyWalker {
public:
    void walk(const GumboNode* node, int depth = 0) {
        if (depth > max_depth) {
            m_too_deep = true;
            return;
        }
        if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE || node->type == GUMBO_NODE_CDATA) {
            m_text.append(node->v.text.text);
            return;
        }
        if (node->type != GUMBO_NODE_ELEMENT) return;
        const GumboTag tag = tag_of(node);
        if (skipped_tag(tag) || hidden(node)) return;
        const bool block = block_tag(tag);
        if (block) end_paragraph();
        const bool bold = tag == GUMBO_TAG_B || tag == GUMBO_TAG_STRONG;
        const bool label_candidate = bold && m_text.paragraph_empty() && !m_label_checked;
        if (tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH) m_text.append(" ");
        const GumboVector* kids = children_of(node);
        for (unsigned i = 0; kids != nullptr && i < kids->length; ++i)
            walk(static_cast<const GumboNode*>(kids->data[i]), depth + 1);
        if (label_candidate) {
            m_bold_prefix = m_text.current();
            m_label_checked = true;
        } else if (!m_text.paragraph_empty()) {
            m_label_checked = true;  // the paragraph began with something else
        }
        if (tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH) m_text.append(" ");
        if (block) end_paragraph();
    }

    /// Closes the paragraph, rewriting a leading bold label as `Label: text`.
    void end_paragraph() {
        std::string para = m_text.current();
        trim_trailing_space(para);
        std::string bold = m_bold_prefix;
        trim_trailing_space(bold);
        m_bold_prefix.clear();
        m_label_checked = false;
        if (para.empty()) {
            m_text.set_current({});
            return;
        }
        std::string label;
        std::string_view rest;
        if (!bold.empty() && para.compare(0, bold.size(), bold) == 0) {
            std::string_view after = std::string_view(para).substr(bold.size());
            while (!after.empty() && after.front() == ' ') after.remove_prefix(1);
            if (bold.back() == ':') {
                label = bold.substr(0, bold.size() - 1);
                rest = after;
            } else if (!after.empty() && after.front() == ':') {
                label = bold;
                rest = after.substr(1);
            }
            trim_trailing_space(label);
            if (!plausible_label(label)) label.clear();
        }
        if (label.empty()) {
            if (!m_pending_label.empty()) {
                para = m_pending_label + ": " + para;
                m_pending_label.clear();
            }
            m_text.set_current(std::move(para));
            m_text.end_paragraph();
            return;
        }
        while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
        if (!anonymous_label(label) && std::find(m_speakers.begin(), m_speakers.end(), label) == m_speakers.end())
            m_speakers.push_back(label);
        flush_pending_label();
        if (rest.empty()) {
            // "<p><b>Name:</b></p><p>text</p>": the label belongs to the next paragraph.
            m_pending_label = label;
            m_text.set_current({});
            return;
        }
        m_text.set_current(label + ": " + std::string(rest));
        m_text.end_paragraph();
    }

    std::string take_text() {
        end_paragraph();
        flush_pending_label();
        return m_text.take();
    }
    [[nodiscard]] const std::vector<std::string>& speakers() const { return m_speakers; }
    [[nodiscard]] bool too_deep() const { return m_too_deep; }

private:
    /// A label that no text followed stays as it is ("Oleg Zakharov:").
    void flush_pending_label() {
        if (m_pending_label.empty()) return;
        m_text.add(m_pending_label + ":");
        m_pending_label.clear();
    }

    ParagraphBuilder m_text;
    std::string m_bold_prefix;
    std::string m_pending_label;
    bool m_label_checked = false;
    bool m_too_deep = false;
    std::vector<std::string> m_speakers;
};

/// The day of an ISO date or timestamp ("2012-12-19", "2012-12-19T15:30:00+03:00").
std::string day_of(std::string_view value) {
    const auto b = value.find_first_not_of(" \t\r\n");
    if (b == std::string_view::npos) return {};
    value.remove_prefix(b);
    if (value.size() < 10) return {};
    const auto day = value.substr(0, 10);
    if (value.size() > 10 && value[10] != 'T' && value[10] != ' ' && value[10] != 't') return {};
    for (std::size_t i = 0; i < 10; ++i) {
        const bool dash = i == 4 || i == 7;
        if (dash ? day[i] != '-' : (day[i] < '0' || day[i] > '9')) return {};
    }
    return std::string(day);
}

/// The publication date of the page as written (maybe not a real day), or empty.
std::string page_date(const GumboNode* root) {
    // 1. <time datetime> marked as the publication date.
    const GumboNode* t = find_element(root, [](const GumboNode* n) {
        return tag_of(n) == GUMBO_TAG_TIME && attribute(n, "datetime") != nullptr &&
               (attribute_is(n, "itemprop", "datepublished") || has_class(n, "read__published") ||
                has_class(n, "published") || attribute(n, "pubdate") != nullptr);
    });
    if (t != nullptr) {
        if (auto d = day_of(attribute(t, "datetime")); !d.empty()) return d;
    }
    // 2. Meta tags.
    static constexpr const char* names[] = {"article:published_time", "datepublished", "date", "dc.date",
                                            "dcterms.date", "dc.date.issued", "pubdate", "publishdate",
                                            "ya:ovs:upload_date", "og:published_time"};
    for (const char* wanted : names) {
        const GumboNode* m = find_element(root, [wanted](const GumboNode* n) {
            if (tag_of(n) != GUMBO_TAG_META || attribute(n, "content") == nullptr) return false;
            for (const char* key : {"property", "name", "itemprop"})
                if (attribute_is(n, key, wanted)) return true;
            return false;
        });
        if (m != nullptr) {
            if (auto d = day_of(attribute(m, "content")); !d.empty()) return d;
        }
    }
    // 3. Any <time datetime>.
    t = find_element(root, [](const GumboNode* n) {
        return tag_of(n) == GUMBO_TAG_TIME && !day_of(attribute(n, "datetime") ? attribute(n, "datetime") : "").empty();
    });
    return t != nullptr ? day_of(attribute(t, "datetime")) : std::string();
}

std::string meta_content(const GumboNode* root, const char* key, const char* value) {
    const GumboNode* m = find_element(root, [key, value](const GumboNode* n) {
        return tag_of(n) == GUMBO_TAG_META && attribute_is(n, key, value) && attribute(n, "content") != nullptr;
    });
    return m != nullptr ? collapse_whitespace(attribute(m, "content")) : std::string();
}

/// The charset a page declares in its first bytes (`<meta charset=...>` or the
/// http-equiv form), lower-cased; empty when none.
std::string declared_charset(std::string_view content) {
    const std::string head = lower(content.substr(0, 4096));
    const auto at = head.find("charset=");
    if (at == std::string::npos) return {};
    std::size_t b = at + 8;
    while (b < head.size() && (head[b] == '"' || head[b] == '\'' || head[b] == ' ')) ++b;
    std::size_t e = b;
    while (e < head.size() && (std::isalnum(static_cast<unsigned char>(head[e])) || head[e] == '-' || head[e] == '_'))
        ++e;
    return head.substr(b, e - b);
}

/// `content` converted from `charset` to UTF-8 with ICU; false when ICU does not
/// know the charset or the conversion fails.
bool convert_to_utf8(std::string& content, const std::string& charset) {
    UErrorCode status = U_ZERO_ERROR;
    const auto length = static_cast<int32_t>(content.size());
    const int32_t needed = ucnv_convert("UTF-8", charset.c_str(), nullptr, 0, content.data(), length, &status);
    if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status)) return false;
    std::string out(static_cast<std::size_t>(needed) + 1, '\0');
    status = U_ZERO_ERROR;
    const int32_t written = ucnv_convert("UTF-8", charset.c_str(), out.data(), static_cast<int32_t>(out.size()),
                                         content.data(), length, &status);
    if (U_FAILURE(status)) return false;
    out.resize(static_cast<std::size_t>(written));
    content = std::move(out);
    return true;
}

bool all_digits(const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

struct GumboDeleter {
    void operator()(GumboOutput* output) const { gumbo_destroy_output(&kGumboDefaultOptions, output); }
};

}  // namespace

void HtmlReader::read(const std::string& path, const RecordSink& records,
                      const DiagnosticSink& diagnostics) const {
    std::string content = read_file(path);
    const std::string stem = file_stem(path);
    const auto parents = parent_names(path);
    std::string id = "html:" + stem;
    // Print views and index pages share their file name; their directory tells them apart.
    if ((stem == "index" || stem == "print" || stem == "default") && !parents.empty())
        id = "html:" + parents[0] + "-" + stem;
    if (content.size() > max_record_bytes) {
        diagnostics(Diagnostic{path, 0, 0, id,
                               "file of " + std::to_string(content.size()) + " bytes exceeds the record limit of " +
                                   std::to_string(max_record_bytes)});
        return;
    }
    std::string unknown_charset;
    const auto invalid = text::invalid_utf8_offset(content);
    if (invalid) {
        const std::string charset = declared_charset(content);
        if (!charset.empty() && charset != "utf-8" && charset != "utf8" && !convert_to_utf8(content, charset))
            unknown_charset = " (declared charset '" + charset + "' unknown)";
    }
    // A NUL byte is checked here because gumbo would turn it into U+FFFD unseen.
    if (const auto bad = text_fault(content)) {
        const auto at = LineIndex(content).position(bad->offset);
        diagnostics(Diagnostic{path, at.line, at.column, id,
                               bad->message + (invalid && bad->offset == *invalid ? unknown_charset : std::string())});
        return;
    }

    if (const auto deep = html_too_deep_at(content)) {
        const auto at = LineIndex(content).position(*deep);
        diagnostics(Diagnostic{path, at.line, at.column, id,
                               "HTML nested deeper than " + std::to_string(max_html_depth) + " elements"});
        return;
    }

    const std::unique_ptr<GumboOutput, GumboDeleter> output(
        gumbo_parse_with_options(&kGumboDefaultOptions, content.data(), content.size()));
    if (!output) throw std::runtime_error(path + ": HTML parser failed");
    const GumboNode* root = output->root;

    Transcript t;
    // Language: <html lang="en-GB"> → "en".
    if (const char* lang = attribute(root, "lang")) {
        std::string l = lower(lang);
        t.language = l.substr(0, l.find_first_of("-_"));
    }
    if (t.language.empty()) {
        std::string l = lower(meta_content(root, "http-equiv", "content-language"));
        t.language = l.substr(0, l.find_first_of("-_,"));
    }

    // The article body, and a lead paragraph outside it.
    const GumboNode* body = find_element(root, [](const GumboNode* n) { return attribute_is(n, "itemprop", "articlebody"); });
    const GumboNode* lead = nullptr;
    if (body != nullptr) {
        lead = find_element(root, [body](const GumboNode* n) {
            return attribute_is(n, "itemprop", "description") && tag_of(n) != GUMBO_TAG_META && !contains(body, n) &&
                   !hidden(n);
        });
    } else {
        body = find_element(root, [](const GumboNode* n) { return tag_of(n) == GUMBO_TAG_ARTICLE; });
        if (body == nullptr)
            body = find_element(root, [](const GumboNode* n) {
                return tag_of(n) == GUMBO_TAG_MAIN || attribute_is(n, "role", "main");
            });
        if (body == nullptr) body = find_element(root, [](const GumboNode* n) { return tag_of(n) == GUMBO_TAG_BODY; });
        if (body == nullptr) body = root;
    }

    BodyWalker walker;
    if (lead != nullptr) walker.walk(lead);
    walker.walk(body);
    walker.end_paragraph();
    t.text = walker.take_text();
    t.speakers = walker.speakers();
    if (walker.too_deep())
        diagnostics(Diagnostic{path, 0, 0, id,
                               "elements nested deeper than " + std::to_string(max_depth) + " levels were skipped",
                               Diagnostic::Severity::Warning});

    // Title.
    if (const GumboNode* h1 = find_element(root, [](const GumboNode* n) { return tag_of(n) == GUMBO_TAG_H1 && !hidden(n); }))
        t.title = text_of(h1);
    if (t.title.empty()) t.title = meta_content(root, "property", "og:title");
    if (t.title.empty()) {
        if (const GumboNode* title = find_element(root, [](const GumboNode* n) { return tag_of(n) == GUMBO_TAG_TITLE; }))
            t.title = text_of(title);
    }

    // Date: a malformed one is dropped with a warning; the page is still indexed.
    t.date = page_date(root);
    if (!t.date.empty() && !is_valid_date(t.date)) {
        diagnostics(Diagnostic{path, 0, 0, id, "'date': " + *date_problem(t.date) + ": '" + t.date + "'; left empty",
                               Diagnostic::Severity::Warning});
        t.date.clear();
    }

    std::string canonical = meta_content(root, "property", "og:url");
    const bool kremlin_layout = parents.size() >= 4 && all_digits(parents[0]) && parents[1] == "news" &&
                                parents[2] == "president" && parents[3] == "events";
    const bool kremlin_site =
        canonical.find("kremlin.ru/") != std::string::npos ||
        std::any_of(parents.begin(), parents.end(), [](const std::string& p) { return p.find("kremlin") != std::string::npos; });
    if (kremlin_layout && kremlin_site) {
        const bool russian = t.language == "ru";
        t.source = russian ? "kremlin_ru" : "kremlin_en";
        id = t.source + ":" + parents[0];
        t.url = std::string(russian ? "http://kremlin.ru" : "http://en.kremlin.ru") + "/events/president/news/" + parents[0];
        t.country = "RUS";
        if (t.speakers.empty()) {
            // No turns: the people the page is tagged with, as the site writes them
            // ("Merkel Angela", "Xi Jinping": the order depends on the culture).
            std::vector<const GumboNode*> tags;
            find_elements(root, [](const GumboNode* n) {
                const char* href = attribute(n, "href");
                return tag_of(n) == GUMBO_TAG_A && attribute_is(n, "rel", "tag") && href != nullptr &&
                       std::strstr(href, "/catalog/persons/") != nullptr;
            }, tags);
            for (const auto* a : tags) {
                const std::string name = text_of(a);
                if (!name.empty() && std::find(t.speakers.begin(), t.speakers.end(), name) == t.speakers.end())
                    t.speakers.push_back(name);
            }
        }
    } else {
        t.source = "html";
        if (canonical.rfind("http://", 0) == 0 || canonical.rfind("https://", 0) == 0) t.url = canonical;
    }
    t.id = id;

    if (auto bad = check_record(t)) {
        diagnostics(Diagnostic{path, 0, 0, t.id, *bad});
        return;
    }
    records(std::move(t), RecordOrigin{path, 1});
}

}  // namespace dragoman
