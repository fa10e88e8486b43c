// Concordance lines cut from a walked passage's marked words, then grouped and sorted.
#include "search/concordance.hpp"

#include <algorithm>
#include <map>
#include <tuple>
#include <unordered_map>

#include "search/query_parser.hpp"
#include "text/normalizer.hpp"

namespace dragoman {

namespace {

/// Whether `node` holds a phrase that a search would look for (not one it excludes).
bool holds_phrase(const QueryNode& node) {
    if (node.kind == QueryNode::Kind::Phrase) return true;
    if (node.kind == QueryNode::Kind::Not) return !node.children.empty() && node.children.front() && holds_phrase(*node.children.front());
    return std::any_of(node.children.begin(), node.children.end(), [](const auto& c) { return c && holds_phrase(*c); });
}

bool query_holds_phrase(const std::string& query) {
    const auto tree = parse_query(query);
    return tree && *tree && holds_phrase(**tree);
}

/// A word as the sort keys compare it: folded as the index folds it.
std::string sort_key(std::string_view text, const MarkedWord& w, std::string_view language) {
    return text::folded_form(text::exact_form(text.substr(w.begin, w.end - w.begin), language));
}

/// The line of the marked words [first, last) of `words`, with `context` words each side.
ConcordanceLine line_of(const CitedPassage& p, const MarkedWords& words, std::size_t first, std::size_t last,
                        std::size_t context) {
    const std::string_view text = p.text;
    const std::string_view language = p.passage_language;
    ConcordanceLine line;
    line.passage_id = p.passage_id;
    line.transcript_id = p.transcript_id;
    line.date = p.date;
    line.speaker = p.speaker;
    line.language = language;
    const std::size_t from = first > context ? first - context : 0;
    const std::size_t to = std::min(words.size(), last + context);  // one past the context's last word
    line.more_left = from > 0;
    line.more_right = to < words.size();
    const std::size_t left_begin = line.more_left ? words[from].begin : 0;
    const std::size_t right_end = line.more_right ? words[to - 1].end : text.size();
    line.left = text.substr(left_begin, words[first].begin - left_begin);
    line.keyword = text.substr(words[first].begin, words[last - 1].end - words[first].begin);
    line.right = text.substr(words[last - 1].end, right_end - words[last - 1].end);
    for (std::size_t k = first; k-- > from;) line.left_keys.push_back(sort_key(text, words[k], language));
    for (std::size_t k = last; k < to; ++k) line.right_keys.push_back(sort_key(text, words[k], language));
    for (std::size_t k = first; k < last; ++k)
        line.keyword_key += (k > first ? " " : "") + sort_key(text, words[k], language);
    return line;
}

/// The year a line is grouped under: the date's first four characters when they are digits.
std::string year_of(const std::string& date) {
    if (date.size() < 4 || !std::all_of(date.begin(), date.begin() + 4, [](char c) { return c >= '0' && c <= '9'; }))
        return {};
    return date.substr(0, 4);
}

void sort_lines(std::vector<ConcordanceLine>& lines, ConcordanceSort sort) {
    const auto by = [&lines](auto key) {
        std::stable_sort(lines.begin(), lines.end(), [&key](const ConcordanceLine& a, const ConcordanceLine& b) {
            return key(a) < key(b);
        });
    };
    switch (sort) {
        case ConcordanceSort::Walk: return;
        case ConcordanceSort::Left: return by([](const ConcordanceLine& l) { return std::tie(l.left_keys, l.keyword_key); });
        case ConcordanceSort::Right: return by([](const ConcordanceLine& l) { return std::tie(l.right_keys, l.keyword_key); });
        case ConcordanceSort::Keyword: return by([](const ConcordanceLine& l) { return std::tie(l.keyword_key, l.right_keys); });
    }
}

/// Lines in group order (sorted within each group already, the sort being stable), and the
/// groups' counts.
void group_lines(ConcordanceResponse& r) {
    std::unordered_map<std::string, std::size_t> count;
    for (const auto& l : r.lines) ++count[l.group];
    for (const auto& [key, n] : count) r.groups.push_back({key, n});
    const bool years = r.group == ConcordanceGroup::Year;
    // Years ascending, undated last; speakers by most lines, then by name, unknown last.
    const auto rank = [years](const ConcordanceGroupCount& g) {
        return std::make_tuple(g.key.empty(), years ? std::size_t{0} : ~g.lines, g.key);
    };
    std::sort(r.groups.begin(), r.groups.end(), [&](const auto& a, const auto& b) { return rank(a) < rank(b); });
    std::unordered_map<std::string, std::size_t> position;
    for (std::size_t i = 0; i < r.groups.size(); ++i) position[r.groups[i].key] = i;
    std::stable_sort(r.lines.begin(), r.lines.end(), [&position](const ConcordanceLine& a, const ConcordanceLine& b) {
        return position[a.group] < position[b.group];
    });
}

}  // namespace

std::string_view concordance_sort_name(ConcordanceSort sort) {
    switch (sort) {
        case ConcordanceSort::Left: return "left";
        case ConcordanceSort::Right: return "right";
        case ConcordanceSort::Keyword: return "keyword";
        case ConcordanceSort::Walk: break;
    }
    return "";
}

std::string_view concordance_group_name(ConcordanceGroup group) {
    switch (group) {
        case ConcordanceGroup::Year: return "year";
        case ConcordanceGroup::Speaker: return "speaker";
        case ConcordanceGroup::None: break;
    }
    return "none";
}

ConcordanceBuilder::ConcordanceBuilder(const ConcordanceRequest& request)
    : m_request(request), m_join_runs(query_holds_phrase(request.search.query)), m_start(std::chrono::steady_clock::now()) {
    m_request.context = std::min(m_request.context, max_concordance_context);
    m_request.limit = std::min(m_request.limit, max_concordance_lines);
    m_response.query = request.search.query;
    m_response.context = m_request.context;
    m_response.sort = m_request.sort;
    m_response.order = m_request.search.sort;
    m_response.group = m_request.group;
}

PassageWalkRequest ConcordanceBuilder::walk_request() const {
    PassageWalkRequest w;
    w.search = m_request.search;
    w.max_passages = max_walk_passages;
    w.marks = true;
    return w;
}

PassageVisitor ConcordanceBuilder::visitor() {
    return PassageVisitor{[this](const PassageWalkStart& start) {
                              m_response.matches = start.matches;
                              return true;
                          },
                          [this](const WalkedPassage& p) { return add_passage(p); }};
}

bool ConcordanceBuilder::add_passage(const WalkedPassage& p) {
    ++m_response.passages;
    const MarkedWords& words = p.words;
    for (std::size_t i = 0; i < words.size();) {
        if (!words[i].hit) {
            ++i;
            continue;
        }
        std::size_t last = i + 1;
        while (m_join_runs && last < words.size() && words[last].hit) ++last;
        if (m_response.lines.size() >= m_request.limit) {
            m_full = true;
            return false;
        }
        m_response.lines.push_back(line_of(p.passage, words, i, last, m_request.context));
        i = last;
    }
    return true;
}

ConcordanceResponse ConcordanceBuilder::finish(const PassageWalkEnd& end, const SpeakerDirectory* persons) {
    ConcordanceResponse r = std::move(m_response);
    r.cut = m_full || end.cut;
    r.timed_out = end.timed_out;
    for (auto& line : r.lines) {
        if (r.group == ConcordanceGroup::Year) line.group = year_of(line.date);
        if (r.group == ConcordanceGroup::Speaker) line.group = persons ? persons->name_of(line.speaker) : line.speaker;
    }
    sort_lines(r.lines, r.sort);
    if (r.group != ConcordanceGroup::None) group_lines(r);
    r.took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - m_start).count();
    return r;
}

}  // namespace dragoman
