// Stable names of error codes; unexpected exceptions as Internal errors.
#include "search/error.hpp"

#include <xapian.h>

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

Error unexpected_error(std::exception_ptr e) {
    // Xapian::Error is not a std::exception: it needs its own clause.
    try {
        if (e) std::rethrow_exception(e);
    } catch (const Xapian::Error& x) {
        return Error{ErrorCode::Internal, x.get_description()};
    } catch (const std::exception& x) {
        return Error{ErrorCode::Internal, x.what()};
    } catch (...) {
    }
    return Error{ErrorCode::Internal, "unknown exception"};
}

}  // namespace dragoman
