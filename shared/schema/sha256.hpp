// SHA-256 (FIPS 180-4): the digest that stands for an id too long for a Xapian term.
#pragma once

#include <string>
#include <string_view>

namespace dragoman {

/// SHA-256 of `bytes` as 64 lower-case hex digits. Fixed by the standard, so terms built
/// from it never move between builds, platforms or versions.
std::string sha256_hex(std::string_view bytes);

}  // namespace dragoman
