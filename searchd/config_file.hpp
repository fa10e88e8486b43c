// Config files for dragoman-search and dragoman-searchd: `name = value` lines standing for
// `--name value` options, so a long list of shards need not live on a command line.
#pragma once

#include <CLI/CLI.hpp>
#include <tl/expected.hpp>

#include <string>
#include <vector>

namespace dragoman {

/// One `name = value` line of a settings file.
struct NameValue {
    std::string name, value;
    std::size_t line = 0;
};

/// The `name = value` lines of the file at `path`: blank lines and lines starting with `#`
/// skipped, white space around name and value trimmed, a value in double quotes unquoted.
/// Errors: `FILE: error: cannot read the WHAT: reason`, `FILE:LINE: error: reason` (no
/// `=`, no name, no value).
tl::expected<std::vector<NameValue>, std::string> read_name_values(const std::string& path, const std::string& what);

/// Expands `--config FILE` (or `--config=FILE`) in `argv`. FILE holds one `name = value`
/// per line, `name` being a long option of `app` without its dashes (`db`, `listen`,
/// `threads`, ...); blank lines and lines starting with `#` are skipped; a value may be
/// in double quotes; flags take `true` or `false`. A name may repeat: each `db = ...` adds
/// a database. The file's options go before the command line's, so `--db` entries add
/// up, and a single-valued option given on the command line replaces the file's.
/// Returns the arguments to parse (argv[0] first), or `FILE:LINE: error: reason`.
tl::expected<std::vector<std::string>, std::string> expand_config(const CLI::App& app, int argc, char** argv);

/// Parses `args` (as returned by expand_config) with `app`.
void parse_expanded(CLI::App& app, const std::vector<std::string>& args);

}  // namespace dragoman
