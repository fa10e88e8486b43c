// Country codes: ISO 3166-1 alpha-2 (as parliaments and locales write them) to alpha-3.
#pragma once

#include <string>
#include <string_view>

namespace dragoman {

/// The alpha-3 code of an alpha-2 country code (`TR` → `TUR`, `gb` → `GBR`), from
/// ICU's region data. A regional code keeps its country (`ES-CT` → `ESP`). Empty
/// when the code is unknown.
std::string iso3_country(std::string_view alpha2);

}  // namespace dragoman
