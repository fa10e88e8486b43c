// Terminal output of search results: colours and highlighting on a tty, plain when piped.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace dragoman::render {

/// Human-readable results from the JSON result object (render/result_json.hpp), so a
/// local index and a remote daemon print the same: title, date, language, speakers,
/// snippets with matches, id. With `colour`, ANSI colours and bold matches. Text is
/// sanitized either way: no escape sequence from a transcript reaches the terminal.
std::string terminal_results(const nlohmann::json& response, bool colour);

/// Converts a snippet's `html` (escaped text and <mark>) back to text, with matches
/// wrapped in `open`/`close`.
std::string unmark(const std::string& html, const std::string& open, const std::string& close);

}  // namespace dragoman::render
