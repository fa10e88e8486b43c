// The web page's files and the API's description (openapi.json), embedded in the daemon at
// build time.
#pragma once

#include <optional>
#include <string_view>

namespace dragoman::web {

/// The embedded file called `name` (index.html, app.js, style.css, openapi.json), or nullopt.
/// Only these names exist: nothing from the file system is ever served.
std::optional<std::string_view> asset(std::string_view name);

/// The Content-Type for an asset name.
std::string_view content_type(std::string_view name);

}  // namespace dragoman::web
