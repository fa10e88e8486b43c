// dragoman-alerts: tells each saved search what the index runs since its last alert added,
// changed or withdrew, on standard output or as one mail per search through a mail command.
#include <CLI/CLI.hpp>

#include <sys/wait.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include "config_file.hpp"
#include "index/atomic_file.hpp"
#include "index/change_journal.hpp"
#include "render/alert_message.hpp"
#include "search/alerts.hpp"
#include "search/searcher.hpp"
#include "util/exception_text.hpp"
#include "util/utc_time.hpp"

namespace {

constexpr int exit_ok = 0;
constexpr int exit_failed = 1;  // a search could not be told: it is told next time
constexpr int exit_error = 2;

/// The time one search's passages may take to read: no other request waits for this one.
constexpr std::chrono::seconds search_budget{60};

int print_error(const std::string& message) {
    std::fprintf(stderr, "dragoman-alerts: %s\n", message.c_str());
    return exit_error;
}

struct Options {
    std::string db, searches, state, mail_command, mail_to, base_url;
    bool dry_run = false;
};

/// The saved searches of FILE: `name = query` lines.
tl::expected<std::vector<dragoman::SavedSearch>, std::string> read_searches(const std::string& path) {
    auto lines = dragoman::read_name_values(path, "searches file");
    if (!lines) return tl::unexpected(lines.error());
    std::vector<dragoman::SavedSearch> out;
    std::set<std::string> names;
    for (const auto& [name, query, line] : *lines) {
        if (!names.insert(name).second)
            return tl::unexpected(path + ":" + std::to_string(line) + ": error: the search '" + name + "' is named twice");
        out.push_back({name, query});
    }
    return out;
}

/// The state file's content; an absent file is the state of no search.
tl::expected<dragoman::AlertState, std::string> read_state(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec) && !ec) return dragoman::AlertState{};
    std::ifstream in(path, std::ios::binary);
    if (!in) return tl::unexpected(path + ": error: cannot read the state file: " + std::strerror(errno));
    std::stringstream text;
    text << in.rdbuf();
    const auto j = nlohmann::json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) return tl::unexpected(path + ": error: the state file is not JSON");
    auto state = dragoman::alert_state_from(j);
    if (!state) return tl::unexpected(path + ": error: " + state.error());
    return state;
}

/// Writes the state all or nothing (a kill or a full disk leaves the old state).
void write_state(const std::string& path, const dragoman::AlertState& state) {
    dragoman::AtomicFile out(path);
    out.write(dragoman::alert_state_json(state).dump(1, '\t'));
    out.write("\n");
    out.commit();
}

/// Hands `text` to `command` (through /bin/sh); true when it took it and exited 0.
bool pipe_to(const std::string& command, const std::string& text) {
    FILE* p = ::popen(command.c_str(), "w");
    if (p == nullptr) return false;
    const bool written = std::fwrite(text.data(), 1, text.size(), p) == text.size();
    const int status = ::pclose(p);
    return written && status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/// Delivers `batch` as the options say; true when it was delivered.
bool deliver(const Options& o, const dragoman::AlertBatch& batch) {
    const dragoman::render::CiteContext cite{o.base_url, dragoman::utc_today()};
    if (o.dry_run || o.mail_command.empty()) {
        std::cout << dragoman::render::alert_text(batch, cite) << '\n' << std::flush;
        return static_cast<bool>(std::cout);
    }
    return pipe_to(o.mail_command, dragoman::render::alert_mail(batch, cite, o.mail_to));
}

int run(const Options& o) {
    auto searches = read_searches(o.searches);
    if (!searches) return print_error(searches.error());
    auto state = read_state(o.state);
    if (!state) return print_error(state.error());
    dragoman::Searcher searcher(dragoman::IndexLocation{{o.db}});
    const dragoman::ChangeJournal journal(o.db);
    int status = exit_ok;
    for (const auto& search : *searches) {
        const auto known = state->find(search.name);
        const dragoman::SearchAlertState* before = known == state->end() ? nullptr : &known->second;
        auto batch = dragoman::collect_alert(searcher, journal, search, before, search_budget);
        if (!batch) {
            std::fprintf(stderr, "dragoman-alerts: %s: %s\n", search.name.c_str(), batch.error().message.c_str());
            status = exit_failed;
            continue;
        }
        if (!batch->empty() && !deliver(o, *batch)) {
            std::fprintf(stderr, "dragoman-alerts: %s: the alert was not delivered; it is sent again next time\n",
                         search.name.c_str());
            status = exit_failed;
            continue;
        }
        if (o.dry_run) continue;
        (*state)[search.name] = dragoman::after_delivery(before, *batch);
        write_state(o.state, *state);  // after each search: a later failure does not send this one again
    }
    return status;
}

}  // namespace

int main(int argc, char** argv) {
    std::signal(SIGPIPE, SIG_IGN);  // a mail command that exits early is a failed delivery, not our end
    Options o;
    CLI::App app{"dragoman-alerts: tell saved searches what the last index runs added, changed or withdrew"};
    app.add_option("--db", o.db, "index root (DBROOT)");
    app.add_option("--searches", o.searches, "saved searches, one 'name = query' per line");
    app.add_option("--state", o.state, "what has been sent (JSON; created on the first run)");
    app.add_option("--mail-command", o.mail_command,
                   "pipe one mail per search to this command (e.g. 'sendmail -t'); without it, print the alerts");
    app.add_option("--mail-to", o.mail_to, "with --mail-command: the To: address");
    app.add_option("--base-url", o.base_url, "URL of the dragoman-searchd serving this index, for permalinks");
    app.add_flag("--dry-run", o.dry_run, "print what would be sent, send nothing and leave the state file as it is");
    app.footer("Exit status: 0 every search told, 1 a search could not be told (it is told next time), 2 usage or "
               "fatal error.");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? 0 : exit_error;
    }
    if (o.db.empty() || o.searches.empty() || o.state.empty())
        return print_error("give --db DBROOT, --searches FILE and --state FILE (see --help)");
    try {
        return run(o);
    } catch (...) {
        return print_error(dragoman::exception_text(std::current_exception()));
    }
}
