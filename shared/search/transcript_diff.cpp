#include "search/transcript_diff.hpp"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/utext.h>

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <string_view>

#include "util/assert.hpp"

namespace dragoman {

namespace {

/// Above this many differences a diff stops looking for the shortest script: Myers' trace
/// holds O(D²) integers, 2,000 differences about 16 MB.
constexpr int max_differences = 2000;

enum class Edit { Keep, Delete, Insert };

/// One step of an edit script: keep a[i] (== b[j]), delete a[i] or insert b[j].
struct Step {
    Edit edit;
    std::size_t i;
    std::size_t j;
};

/// A shortest edit script from `a` to `b` (Myers 1986, the greedy forward pass with its
/// trace kept for the way back), after their common head and tail.
template <typename T>
std::vector<Step> edit_script(const std::vector<T>& a, const std::vector<T>& b) {
    std::size_t head = 0;
    while (head < a.size() && head < b.size() && a[head] == b[head]) ++head;
    std::size_t tail = 0;
    while (tail < a.size() - head && tail < b.size() - head && a[a.size() - 1 - tail] == b[b.size() - 1 - tail]) ++tail;
    const int n = static_cast<int>(a.size() - head - tail);
    const int m = static_cast<int>(b.size() - head - tail);
    auto eq = [&](int x, int y) { return a[head + static_cast<std::size_t>(x)] == b[head + static_cast<std::size_t>(y)]; };

    std::vector<Step> middle;
    std::vector<std::vector<int>> trace;  // trace[d][k + d]: the furthest x on diagonal k after d differences
    bool found = n == 0 && m == 0;
    std::vector<int> v(static_cast<std::size_t>(2 * (n + m) + 3), 0);
    const int off = n + m + 1;
    for (int d = 0; !found && d <= std::min(n + m, max_differences); ++d) {
        for (int k = -d; k <= d; k += 2) {
            int x = (k == -d || (k != d && v[off + k - 1] < v[off + k + 1])) ? v[off + k + 1] : v[off + k - 1] + 1;
            int y = x - k;
            while (x < n && y < m && eq(x, y)) ++x, ++y;
            v[off + k] = x;
            if (x >= n && y >= m) found = true;
        }
        trace.emplace_back(v.begin() + off - d, v.begin() + off + d + 1);
    }
    if (found) {
        int x = n, y = m;
        for (int d = static_cast<int>(trace.size()) - 1; d > 0; --d) {
            const auto& prev = trace[static_cast<std::size_t>(d - 1)];
            auto at = [&](int k) { return prev[static_cast<std::size_t>(k + d - 1)]; };
            const int k = x - y;
            const bool down = k == -d || (k != d && at(k - 1) < at(k + 1));
            const int pk = down ? k + 1 : k - 1;
            const int px = at(pk), py = px - pk;
            while (x > px && y > py) {
                --x, --y;
                middle.push_back({Edit::Keep, static_cast<std::size_t>(x), static_cast<std::size_t>(y)});
            }
            if (down)
                middle.push_back({Edit::Insert, 0, static_cast<std::size_t>(--y)});
            else
                middle.push_back({Edit::Delete, static_cast<std::size_t>(--x), 0});
            DRAGOMAN_ASSERT(x == px && y == py);
        }
        while (x > 0 && y > 0) {
            --x, --y;
            middle.push_back({Edit::Keep, static_cast<std::size_t>(x), static_cast<std::size_t>(y)});
        }
        DRAGOMAN_ASSERT(x == 0 && y == 0);
        std::reverse(middle.begin(), middle.end());
    } else {
        for (int x = 0; x < n; ++x) middle.push_back({Edit::Delete, static_cast<std::size_t>(x), 0});
        for (int y = 0; y < m; ++y) middle.push_back({Edit::Insert, 0, static_cast<std::size_t>(y)});
    }
    std::vector<Step> out;
    out.reserve(head + tail + middle.size());
    for (std::size_t i = 0; i < head; ++i) out.push_back({Edit::Keep, i, i});
    for (auto s : middle) out.push_back({s.edit, s.i + head, s.j + head});
    for (std::size_t t = tail; t > 0; --t) out.push_back({Edit::Keep, a.size() - t, b.size() - t});
    return out;
}

/// Byte ranges of `text` between ICU's boundaries of `kind` (sentences or words).
std::vector<std::string_view> pieces(icu::BreakIterator& it, std::string_view text) {
    std::vector<std::string_view> out;
    if (text.empty()) return out;
    UErrorCode status = U_ZERO_ERROR;
    UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
    if (U_FAILURE(status)) return {text};
    it.setText(ut, status);
    int32_t start = it.first();
    for (int32_t end = it.next(); end != icu::BreakIterator::DONE; start = end, end = it.next())
        out.push_back(text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(end - start)));
    it.setText(icu::UnicodeString());
    utext_close(ut);
    return out;
}

std::unique_ptr<icu::BreakIterator> break_iterator(bool sentences) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> it(sentences ? icu::BreakIterator::createSentenceInstance(icu::Locale::getRoot(), status)
                                                     : icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status) || !it) throw std::runtime_error("ICU break iterator unavailable");
    return it;
}

std::string_view trimmed(std::string_view s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

/// `old_text` → `text` by words (each word, space and punctuation mark a piece), runs of one
/// operation joined.
std::vector<DiffWords> word_diff(icu::BreakIterator& words, const std::string& old_text, const std::string& text) {
    const auto a = pieces(words, old_text);
    const auto b = pieces(words, text);
    std::vector<DiffWords> out;
    for (const auto& s : edit_script(a, b)) {
        const DiffOp op = s.edit == Edit::Keep ? DiffOp::Same : s.edit == Edit::Delete ? DiffOp::Deleted : DiffOp::Inserted;
        const std::string_view piece = s.edit == Edit::Insert ? b[s.j] : a[s.i];
        if (out.empty() || out.back().op != op)
            out.push_back({op, std::string(piece)});
        else
            out.back().text += piece;
    }
    return out;
}

std::string joined(const std::vector<std::string>& list) {
    std::string out;
    for (const auto& s : list) out += (out.empty() ? "" : "; ") + s;
    return out;
}

std::vector<FieldChange> field_changes(const Transcript& a, const Transcript& b) {
    std::vector<FieldChange> out;
    const std::pair<const char*, std::string Transcript::*> fields[] = {
        {"title", &Transcript::title},     {"date", &Transcript::date},       {"language", &Transcript::language},
        {"country", &Transcript::country}, {"source", &Transcript::source},   {"url", &Transcript::url},
        {"group", &Transcript::group}};
    for (const auto& [name, field] : fields)
        if (a.*field != b.*field) out.push_back({name, a.*field, b.*field});
    if (a.speakers != b.speakers) out.push_back({"speakers", joined(a.speakers), joined(b.speakers)});
    return out;
}

/// Pairs each run of deleted sentences followed by as many inserted ones as rewritten sentences.
void pair_rewrites(std::vector<DiffUnit>& units, TranscriptDiff& diff) {
    auto words = break_iterator(false);
    std::vector<DiffUnit> out;
    for (std::size_t i = 0; i < units.size();) {
        std::size_t del = i;
        while (del < units.size() && units[del].op == DiffOp::Deleted) ++del;
        std::size_t ins = del;
        while (ins < units.size() && units[ins].op == DiffOp::Inserted) ++ins;
        if (del > i && ins - del == del - i) {
            for (std::size_t k = 0; k < del - i; ++k) {
                DiffUnit u = std::move(units[del + k]);
                u.op = DiffOp::Changed;
                u.old_text = std::move(units[i + k].text);
                u.words = word_diff(*words, u.old_text, u.text);
                out.push_back(std::move(u));
                ++diff.changed;
            }
            i = ins;
        } else {
            const std::size_t end = std::max(ins, i + 1);
            for (; i < end; ++i) {
                diff.deleted += units[i].op == DiffOp::Deleted;
                diff.inserted += units[i].op == DiffOp::Inserted;
                out.push_back(std::move(units[i]));
            }
        }
    }
    units = std::move(out);
}

}  // namespace

std::vector<DiffUnit> diff_units(const Transcript& t) {
    auto sentences = break_iterator(true);
    std::vector<DiffUnit> out;
    int paragraph = 0;
    auto add = [&](std::string_view text, const std::string& speaker) {
        bool any = false;
        for (const auto s : pieces(*sentences, text)) {
            const auto unit = trimmed(s);
            if (unit.empty()) continue;
            out.push_back({DiffOp::Same, paragraph, speaker, std::string(unit), {}, {}});
            any = true;
        }
        paragraph += any;
    };
    if (!t.turns.empty()) {
        for (const auto& turn : t.turns) add(turn.text, turn.speaker);
        return out;
    }
    std::string_view rest = t.text;
    while (!rest.empty()) {
        const auto nl = rest.find('\n');
        add(rest.substr(0, nl), {});
        rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    }
    return out;
}

TranscriptDiff diff_transcripts(const Transcript& from, const Transcript& to) {
    TranscriptDiff diff;
    diff.fields = field_changes(from, to);
    auto a = diff_units(from);
    auto b = diff_units(to);
    std::vector<std::string> at, bt;
    for (const auto& u : a) at.push_back(u.text);
    for (const auto& u : b) bt.push_back(u.text);
    for (const auto& s : edit_script(at, bt)) {
        if (s.edit == Edit::Delete) {
            DiffUnit u = a[s.i];
            u.op = DiffOp::Deleted;
            diff.units.push_back(std::move(u));
        } else {
            DiffUnit u = b[s.j];
            u.op = s.edit == Edit::Keep ? DiffOp::Same : DiffOp::Inserted;
            diff.units.push_back(std::move(u));
        }
    }
    pair_rewrites(diff.units, diff);
    return diff;
}

const char* diff_op_name(DiffOp op) {
    switch (op) {
        case DiffOp::Same: return "same";
        case DiffOp::Inserted: return "inserted";
        case DiffOp::Deleted: return "deleted";
        case DiffOp::Changed: return "changed";
    }
    return "same";
}

}  // namespace dragoman
