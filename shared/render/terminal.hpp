// Terminal output of search results: colours and highlighting on a tty, plain when piped.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace dragoman::render {

/// Human-readable results from the JSON result object (render/result_json.hpp), so a
/// local index and a remote daemon print the same: title, date, language, speakers,
/// snippets with matches, id. With `colour`, ANSI colours and bold matches. Text is
/// sanitized either way: no escape sequence or direction control from a transcript
/// reaches the terminal. With `isolate` (for a terminal, not a pipe), each field from a
/// transcript (title, speaker, country, question, snippet, id) is wrapped in FSI … PDI
/// (U+2068, U+2069), so that a terminal that lays out bidirectional text keeps a
/// right-to-left name from reordering the separators and names beside it.
///
/// Why both: stripping the controls a transcript carries (U+202E and the like) is what
/// keeps it from reversing the rest of the line, and is done for every output. Isolates
/// are our own, balanced, and added only for a terminal: in a pipe they would be
/// invisible bytes in every grep, diff and script that reads the output.
std::string terminal_results(const nlohmann::json& response, bool colour, bool isolate = false);

/// A concordance from its JSON (render/concordance_json.hpp), local or from a daemon, as
/// aligned columns: the left context right-aligned and cut on the left, the keyword
/// (bold with `colour`), the right context cut on the right, columns measured in terminal
/// cells (wide CJK characters two, combining marks none); a heading per group, and a last
/// line counting lines and passages. Sanitized and isolated as terminal_results() does:
/// with `isolate`, each context and keyword is an FSI … PDI isolate, so that a
/// right-to-left line keeps its three columns in place.
std::string terminal_concordance(const nlohmann::json& concordance, bool colour, bool isolate = false);

/// Converts a snippet's `html` (escaped text and <mark>) back to text, with matches
/// wrapped in `open`/`close`.
std::string unmark(const std::string& html, const std::string& open, const std::string& close);

}  // namespace dragoman::render
