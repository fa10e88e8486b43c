// SHA-256 through OpenSSL's libcrypto (already linked for the daemon's TLS-capable httplib):
// a well-kept, constant implementation rather than one of our own.
#include "schema/sha256.hpp"

#include <openssl/sha.h>

namespace dragoman {

std::string sha256_hex(std::string_view bytes) {
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest);
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(2 * SHA256_DIGEST_LENGTH);
    for (unsigned char c : digest) {
        out += hex[c >> 4];
        out += hex[c & 0x0f];
    }
    return out;
}

}  // namespace dragoman
