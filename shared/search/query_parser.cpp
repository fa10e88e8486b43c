// A small recursive-descent parser; analysis happens later, in the query builder.
#include "search/query_parser.hpp"

#include <algorithm>
#include <cctype>

#include "schema/schema.hpp"

namespace dragoman {

namespace {

enum class Tok { Word, Phrase, LParen, RParen, Field, Minus, Plus, And, Or, Not, Near, End };

struct Token {
    Tok type = Tok::End;
    std::string text;
    std::size_t pos = 0;
    unsigned distance = 10;
};

bool space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::vector<Token> lex(std::string_view q) {
    std::vector<Token> out;
    std::size_t i = 0;
    while (i < q.size()) {
        const char c = q[i];
        if (space(c)) { ++i; continue; }
        if (c == '(') { out.push_back({Tok::LParen, "(", i}); ++i; continue; }
        if (c == ')') { out.push_back({Tok::RParen, ")", i}); ++i; continue; }
        if (c == '"' || q.substr(i, 3) == "\xE2\x80\x9C") {  // " or “
            const std::size_t open_len = c == '"' ? 1 : 3;
            const std::size_t start = i + open_len;
            std::size_t end = q.size();
            for (std::size_t j = start; j < q.size(); ++j) {
                if (q[j] == '"' || q.substr(j, 3) == "\xE2\x80\x9D") { end = j; break; }
            }
            out.push_back({Tok::Phrase, std::string(q.substr(start, end - start)), i});
            i = end == q.size() ? end : end + (q[end] == '"' ? 1 : 3);
            continue;
        }
        if ((c == '-' || c == '+') && i + 1 < q.size() && !space(q[i + 1]) && q[i + 1] != ')' &&
            (out.empty() || i == 0 || space(q[i - 1]) || q[i - 1] == '(')) {
            out.push_back({c == '-' ? Tok::Minus : Tok::Plus, std::string(1, c), i});
            ++i;
            continue;
        }
        // A word runs to a space, a bracket or a quote.
        std::size_t j = i;
        while (j < q.size() && !space(q[j]) && q[j] != '(' && q[j] != ')' && q[j] != '"') {
            // field:value — stop after the colon of a known field
            if (q[j] == ':') {
                std::string name(q.substr(i, j - i));
                std::transform(name.begin(), name.end(), name.begin(),
                               [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
                if (is_query_field(name)) {
                    out.push_back({Tok::Field, name, i});
                    i = j + 1;
                    goto next;
                }
            }
            ++j;
        }
        {
            std::string w(q.substr(i, j - i));
            Token t{Tok::Word, w, i};
            if (w == "AND") t.type = Tok::And;
            else if (w == "OR") t.type = Tok::Or;
            else if (w == "NOT") t.type = Tok::Not;
            else if (w == "NEAR") t.type = Tok::Near;
            else if (w.rfind("NEAR/", 0) == 0 && w.size() > 5 &&
                     std::all_of(w.begin() + 5, w.end(), [](unsigned char ch) { return std::isdigit(ch); }) &&
                     w.size() < 9) {
                t.type = Tok::Near;
                t.distance = static_cast<unsigned>(std::stoul(w.substr(5)));
            }
            out.push_back(std::move(t));
            i = j;
        }
    next:;
    }
    out.push_back({Tok::End, "", q.size()});
    return out;
}

/// YYYY, YYYY-MM or YYYY-MM-DD.
bool date_bound(std::string_view s) {
    if (s.empty()) return true;
    auto digits = [&](std::size_t from, std::size_t n) {
        if (s.size() < from + n) return false;
        for (std::size_t k = from; k < from + n; ++k)
            if (!std::isdigit(static_cast<unsigned char>(s[k]))) return false;
        return true;
    };
    if (s.size() == 4) return digits(0, 4);
    if (s.size() == 7) return digits(0, 4) && s[4] == '-' && digits(5, 2);
    if (s.size() == 10) return digits(0, 4) && s[4] == '-' && digits(5, 2) && s[7] == '-' && digits(8, 2);
    return false;
}

std::unique_ptr<QueryNode> node(QueryNode::Kind kind, std::string text = {}) {
    auto n = std::make_unique<QueryNode>();
    n->kind = kind;
    n->text = std::move(text);
    return n;
}

class Parser {
public:
    explicit Parser(std::vector<Token> tokens) : m_tokens(std::move(tokens)) {}

    Result<QueryTree> parse() {
        auto tree = parse_or();
        if (!tree) return tl::unexpected(tree.error());
        if (peek().type == Tok::RParen)
            return fail(ErrorCode::BadQuery, "unbalanced ')' at character " + std::to_string(peek().pos + 1));
        if (peek().type != Tok::End)
            return fail(ErrorCode::BadQuery, "unexpected '" + peek().text + "' at character " + std::to_string(peek().pos + 1));
        if (!*tree) return fail(ErrorCode::BadQuery, "the query is empty");
        hoist_filters(*tree);
        return std::move(*tree);
    }

private:
    static bool is_filter(const QueryNode& n) {
        if (n.kind == QueryNode::Kind::DateRange) return true;
        if (n.kind != QueryNode::Kind::Field) return false;
        const auto* field = schema::find_query_field(n.text);
        return field && field->filter;
    }

    /// Moves the filters out of the unbracketed AND branches of an OR chain into `out`
    /// (a branch keeps them when they are all it has: `Crimea OR speaker:putin`).
    static void take_filters(QueryTree& n, std::vector<QueryTree>& out) {
        if (n->bracketed) return;
        if (n->kind == QueryNode::Kind::Or) {
            for (auto& c : n->children) take_filters(c, out);
            return;
        }
        if (n->kind != QueryNode::Kind::And) return;
        auto& kids = n->children;
        const auto words = std::count_if(kids.begin(), kids.end(), [](const auto& c) { return !is_filter(*c); });
        if (words == 0 || words == static_cast<std::ptrdiff_t>(kids.size())) return;
        std::vector<QueryTree> keep;
        for (auto& c : kids) (is_filter(*c) ? out : keep).push_back(std::move(c));
        if (keep.size() == 1) {
            n = std::move(keep.front());
        } else {
            kids = std::move(keep);
        }
    }

    /// Filters written at the top level apply to the whole query, as Xapian's boolean
    /// prefixes do: `Crimea OR Sevastopol speaker:putin` is what Putin said of either.
    static void hoist_filters(QueryTree& tree) {
        if (tree->kind != QueryNode::Kind::Or || tree->bracketed) return;
        std::vector<QueryTree> filters;
        take_filters(tree, filters);
        if (filters.empty()) return;
        auto n = node(QueryNode::Kind::And);
        n->children.push_back(std::move(tree));
        for (auto& f : filters) n->children.push_back(std::move(f));
        tree = std::move(n);
    }

    const Token& peek() const { return m_tokens[m_pos]; }
    const Token& take() { return m_tokens[m_pos++]; }

    bool starts_primary() const {
        switch (peek().type) {
            case Tok::Word: case Tok::Phrase: case Tok::LParen: case Tok::Field:
            case Tok::Minus: case Tok::Plus: case Tok::Not:
                return true;
            default:
                return false;
        }
    }

    Result<QueryTree> parse_or() {
        auto left = parse_and();
        if (!left) return left;
        while (peek().type == Tok::Or) {
            const auto pos = take().pos;
            auto right = parse_and();
            if (!right) return right;
            if (!*right) return fail(ErrorCode::BadQuery, "'OR' at character " + std::to_string(pos + 1) + " has nothing after it");
            if (!*left) return fail(ErrorCode::BadQuery, "'OR' at character " + std::to_string(pos + 1) + " has nothing before it");
            auto n = node(QueryNode::Kind::Or);
            n->children.push_back(std::move(*left));
            n->children.push_back(std::move(*right));
            left = std::move(n);
        }
        return left;
    }

    // Implicit AND; NOT and -x collect into one Not node whose first child is the positive part.
    Result<QueryTree> parse_and() {
        std::vector<QueryTree> positive, negative;
        while (starts_primary() || peek().type == Tok::And) {
            if (peek().type == Tok::And) {
                const auto pos = take().pos;
                if (!starts_primary())
                    return fail(ErrorCode::BadQuery, "'AND' at character " + std::to_string(pos + 1) + " has nothing after it");
                continue;
            }
            bool negate = false;
            if (peek().type == Tok::Not || peek().type == Tok::Minus) {
                const auto t = take();
                negate = true;
                if (!starts_primary() || peek().type == Tok::Not || peek().type == Tok::Minus)
                    return fail(ErrorCode::BadQuery, "'" + t.text + "' at character " + std::to_string(t.pos + 1) + " has nothing after it");
            } else if (peek().type == Tok::Plus) {
                take();
            }
            auto p = parse_near();
            if (!p) return p;
            (negate ? negative : positive).push_back(std::move(*p));
        }
        QueryTree pos_tree;
        if (positive.size() == 1) {
            pos_tree = std::move(positive.front());
        } else if (positive.size() > 1) {
            pos_tree = node(QueryNode::Kind::And);
            pos_tree->children = std::move(positive);
        }
        if (negative.empty()) return pos_tree;
        auto n = node(QueryNode::Kind::Not);
        n->children.push_back(std::move(pos_tree));  // may be null: pure exclusion
        for (auto& neg : negative) n->children.push_back(std::move(neg));
        return QueryTree(std::move(n));
    }

    Result<QueryTree> parse_near() {
        auto left = parse_primary();
        if (!left) return left;
        if (peek().type != Tok::Near) return left;
        auto n = node(QueryNode::Kind::Near);
        n->distance = std::clamp(peek().distance, 1U, 1000U);
        n->children.push_back(std::move(*left));
        while (peek().type == Tok::Near) {
            const auto t = take();
            n->distance = std::clamp(t.distance, 1U, 1000U);
            if (peek().type != Tok::Word && peek().type != Tok::Phrase)
                return fail(ErrorCode::BadQuery, "'NEAR' at character " + std::to_string(t.pos + 1) + " needs a word after it");
            auto right = parse_primary();
            if (!right) return right;
            n->children.push_back(std::move(*right));
        }
        for (const auto& c : n->children)
            if (c->kind != QueryNode::Kind::Word && c->kind != QueryNode::Kind::Phrase)
                return fail(ErrorCode::BadQuery, "'NEAR' joins words and phrases only");
        return QueryTree(std::move(n));
    }

    Result<QueryTree> parse_primary() {
        const Token t = take();
        switch (t.type) {
            case Tok::LParen: {
                auto inner = parse_or();
                if (!inner) return inner;
                if (peek().type != Tok::RParen)
                    return fail(ErrorCode::BadQuery, "unbalanced '(' at character " + std::to_string(t.pos + 1));
                take();
                if (!*inner) return fail(ErrorCode::BadQuery, "empty brackets at character " + std::to_string(t.pos + 1));
                (*inner)->bracketed = true;
                return inner;
            }
            case Tok::Phrase:
                return QueryTree(node(QueryNode::Kind::Phrase, t.text));
            case Tok::Field: {
                if (peek().type == Tok::End || peek().type == Tok::RParen || peek().type == Tok::Or ||
                    peek().type == Tok::And)
                    return fail(ErrorCode::BadQuery, "field '" + t.text + ":' at character " + std::to_string(t.pos + 1) + " has no value");
                if ((t.text == schema::query_field::date || t.text == schema::query_field::year) && peek().type == Tok::Word) {
                    const auto w = take().text;
                    auto range = date_range(w);
                    if (!range) return fail(ErrorCode::BadQuery, "'" + t.text + ":" + w + "' is not a date or range (YYYY, YYYY-MM-DD, FROM..TO)");
                    return range;
                }
                auto value = parse_primary();
                if (!value) return value;
                auto n = node(QueryNode::Kind::Field, t.text);
                n->children.push_back(std::move(*value));
                return QueryTree(std::move(n));
            }
            case Tok::Word: {
                if (auto range = date_range(t.text, /*require_dots=*/true)) return range;
                if (t.text.size() > 1 && t.text.back() == '*')
                    return QueryTree(node(QueryNode::Kind::Wildcard, t.text.substr(0, t.text.size() - 1)));
                return QueryTree(node(QueryNode::Kind::Word, t.text));
            }
            case Tok::Near:
                return QueryTree(node(QueryNode::Kind::Word, t.text));  // "NEAR" typed as a word
            default:
                return fail(ErrorCode::BadQuery, "unexpected '" + t.text + "' at character " + std::to_string(t.pos + 1));
        }
    }

    static QueryTree date_range(const std::string& w, bool require_dots = false) {
        const auto dots = w.find("..");
        std::string from, to;
        if (dots == std::string::npos) {
            if (require_dots) return nullptr;
            from = to = w;
        } else {
            from = w.substr(0, dots);
            to = w.substr(dots + 2);
            if (from.empty() && to.empty()) return nullptr;
        }
        if (!date_bound(from) || !date_bound(to)) return nullptr;
        auto n = node(QueryNode::Kind::DateRange);
        n->from = from;
        n->to = to;
        return n;
    }

    std::vector<Token> m_tokens;
    std::size_t m_pos = 0;
};

void describe_into(const QueryNode& n, std::string& out) {
    using K = QueryNode::Kind;
    auto list = [&](const char* name) {
        out += name;
        out += '(';
        bool first = true;
        for (const auto& c : n.children) {
            if (!first) out += ' ';
            first = false;
            if (c) describe_into(*c, out);
            else out += "*";
        }
        out += ')';
    };
    switch (n.kind) {
        case K::Word: out += "word(" + n.text + ")"; break;
        case K::Wildcard: out += "prefix(" + n.text + ")"; break;
        case K::Phrase: out += "phrase(" + n.text + ")"; break;
        case K::And: list("AND"); break;
        case K::Or: list("OR"); break;
        case K::Not: list("NOT"); break;
        case K::Near: list(("NEAR/" + std::to_string(n.distance)).c_str()); break;
        case K::Field: out += n.text + ":"; list(""); break;
        case K::DateRange: out += "date(" + n.from + ".." + n.to + ")"; break;
    }
}

}  // namespace

bool is_query_field(std::string_view name) {
    return schema::find_query_field(name) != nullptr;
}

std::string QueryNode::describe() const {
    std::string out;
    describe_into(*this, out);
    return out;
}

Result<QueryTree> parse_query(std::string_view query) {
    if (query.find_first_not_of(" \t\r\n") == std::string_view::npos)
        return fail(ErrorCode::BadQuery, "the query is empty");
    return Parser(lex(query)).parse();
}

}  // namespace dragoman
