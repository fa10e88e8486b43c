// Stable names of error codes; unexpected exceptions as Internal errors.
#include "search/error.hpp"

#include "util/exception_text.hpp"

namespace dragoman {

const char* error_code_name(ErrorCode code) {
    switch (code) {
        case ErrorCode::BadQuery: return "bad_query";
        case ErrorCode::BadParameter: return "bad_parameter";
        case ErrorCode::NotFound: return "not_found";
        case ErrorCode::Unavailable: return "unavailable";
        case ErrorCode::Internal: return "internal";
    }
    return "internal";
}

Error unexpected_error(std::exception_ptr e) { return Error{ErrorCode::Internal, exception_text(e)}; }

}  // namespace dragoman
