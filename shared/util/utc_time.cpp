#include "util/utc_time.hpp"

#include <ctime>

namespace dragoman {

std::string utc_now() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::string utc_today() { return utc_now().substr(0, 10); }

}  // namespace dragoman
