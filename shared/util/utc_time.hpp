// The time now, as the project writes it in answers, journals and citations.
#pragma once

#include <string>

namespace dragoman {

/// Now in UTC, "YYYY-MM-DDTHH:MM:SSZ" (ISO 8601).
std::string utc_now();

/// Today in UTC, "YYYY-MM-DD".
std::string utc_today();

}  // namespace dragoman
