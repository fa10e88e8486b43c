// Stable names of error codes.
#include "search/error.hpp"

namespace dragoman {

const char* error_code_name(ErrorCode code) {
    switch (code) {
        case ErrorCode::BadQuery: return "bad_query";
        case ErrorCode::BadParameter: return "bad_parameter";
        case ErrorCode::NotFound: return "not_found";
        case ErrorCode::Unavailable: return "unavailable";
        case ErrorCode::Timeout: return "timeout";
        case ErrorCode::Internal: return "internal";
    }
    return "internal";
}

}  // namespace dragoman
