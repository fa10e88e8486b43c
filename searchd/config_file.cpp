// `--config FILE`: reading `name = value` lines into command-line options.
#include "config_file.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <set>

namespace dragoman {

namespace {

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r");
    if (b == std::string::npos) return {};
    const auto e = s.find_last_not_of(" \t\r");
    return s.substr(b, e - b + 1);
}

/// The long option names given on the command line (`--listen X`, `--listen=X`).
std::set<std::string> given_names(int argc, char** argv) {
    std::set<std::string> names;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--") break;
        if (a.rfind("--", 0) == 0) names.insert(a.substr(2, a.find('=') == std::string::npos ? std::string::npos : a.find('=') - 2));
    }
    return names;
}

}  // namespace

tl::expected<std::vector<NameValue>, std::string> read_name_values(const std::string& path, const std::string& what) {
    std::ifstream in(path);
    if (!in) return tl::unexpected(path + ": error: cannot read the " + what + ": " + std::strerror(errno));
    std::vector<NameValue> out;
    std::string line;
    for (std::size_t number = 1; std::getline(in, line); ++number) {
        const auto where = path + ":" + std::to_string(number) + ": error: ";
        const std::string text = trim(line);
        if (text.empty() || text.front() == '#') continue;
        const auto eq = text.find('=');
        if (eq == std::string::npos) return tl::unexpected(where + "expected 'name = value', got '" + text + "'");
        std::string name = trim(text.substr(0, eq));
        std::string value = trim(text.substr(eq + 1));
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
        if (name.empty()) return tl::unexpected(where + "a line without a name before '='");
        if (value.empty()) return tl::unexpected(where + "'" + name + "' has no value");
        out.push_back(NameValue{std::move(name), std::move(value), number});
    }
    if (in.bad()) return tl::unexpected(path + ": error: cannot read the " + what + ": " + std::strerror(errno));
    return out;
}

tl::expected<std::vector<std::string>, std::string> expand_config(const CLI::App& app, int argc, char** argv) {
    std::string path;
    std::vector<std::string> rest;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--") {
            for (; i < argc; ++i) rest.emplace_back(argv[i]);
            break;
        }
        if (a == "--config" && i + 1 < argc) {
            path = argv[++i];
        } else if (a.rfind("--config=", 0) == 0) {
            path = a.substr(9);
        } else {
            rest.push_back(a);
        }
    }
    std::vector<std::string> out{argc > 0 ? argv[0] : ""};
    if (path.empty()) {
        out.insert(out.end(), rest.begin(), rest.end());
        return out;
    }
    auto lines = read_name_values(path, "config file");
    if (!lines) return tl::unexpected(lines.error());
    const auto on_command_line = given_names(argc, argv);
    for (const auto& [name, value, number] : *lines) {
        const auto where = path + ":" + std::to_string(number) + ": error: ";
        const CLI::Option* option = name == "config" || name == "help" ? nullptr : app.get_option_no_throw("--" + name);
        if (option == nullptr) return tl::unexpected(where + "unknown option '" + name + "' (names are the long options of --help, without '--')");
        const bool multiple = option->get_items_expected_max() > 1;
        if (!multiple && on_command_line.count(name)) continue;  // the command line wins
        if (option->get_items_expected_max() == 0) {             // a flag
            if (value == "true") {
                out.push_back("--" + name);
            } else if (value != "false") {
                return tl::unexpected(where + "'" + name + "' is a flag: its value is true or false, not '" + value + "'");
            }
            continue;
        }
        out.push_back("--" + name);
        out.push_back(value);
    }
    out.push_back("--config");
    out.push_back(path);
    out.insert(out.end(), rest.begin(), rest.end());
    return out;
}

void parse_expanded(CLI::App& app, const std::vector<std::string>& args) {
    std::vector<const char*> pointers;
    for (const auto& a : args) pointers.push_back(a.c_str());
    app.parse(static_cast<int>(pointers.size()), pointers.data());
}

}  // namespace dragoman
