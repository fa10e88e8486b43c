// Locating the shipped data files: see shipped_data.hpp.
#include "search/shipped_data.hpp"

#include <cstdlib>
#include <filesystem>

#ifndef DRAGOMAN_DATA_DIR
#define DRAGOMAN_DATA_DIR "/usr/share/dragoman"
#endif

namespace dragoman {

std::string shipped_data_file(std::string_view name, const char* env_variable) {
    if (const char* env = std::getenv(env_variable)) return env;
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const fs::path beside = exe.parent_path().parent_path() / "share" / "dragoman" / name;
        if (fs::is_regular_file(beside, ec)) return beside.string();
    }
    return (fs::path(DRAGOMAN_DATA_DIR) / name).string();
}

}  // namespace dragoman
