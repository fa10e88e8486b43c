// Reader for the UN General Debate corpus (UNGDC): one speech per `ISO3_SESSION_YEAR.txt`.
#pragma once

#include <optional>
#include <string>

#include "ingest/reader.hpp"

namespace dragoman {

/// Reads `.../Session NN - YYYY/ISO3_NN_YYYY.txt` (UTF-8, one paragraph per line)
/// into one English record: id `ungdc:ISO3_NN_YYYY`, country the ISO code (empty
/// for the non-state `EU`), date `YYYY` (the corpus gives only the year),
/// title `UN General Debate, 75th session (2020): USA`. Speakers stay empty: the
/// corpus names them only in a spreadsheet, which is not read.
class UngdcReader final : public Reader {
public:
    [[nodiscard]] std::string name() const override { return "ungdc"; }
    void read(const std::string& path, const RecordSink& records,
              const DiagnosticSink& diagnostics) const override;

    /// What a UNGDC file name says: `USA_75_2020` → {"USA", 75, 2020}.
    struct Name {
        std::string code;
        int session = 0;
        int year = 0;
    };
    /// Parses a file stem; nullopt unless it is `CODE_SESSION_YEAR` with a 2–3
    /// letter upper-case code.
    static std::optional<Name> parse_name(const std::string& stem);
    /// True when `dir` is a session directory name, `Session 75 - 2020`.
    static bool is_session_directory(const std::string& dir);
};

}  // namespace dragoman
