// Expected failures of searching, as values: a code, a message and where in the input.
#pragma once

#include <exception>
#include <string>

#include <tl/expected.hpp>

namespace dragoman {

/// Failure codes. render/result_json maps each to an HTTP status (http_status), a CLI exit
/// code (exit_code) and the error JSON (error_json).
enum class ErrorCode {
    BadQuery,      ///< the query cannot be understood (syntax)
    BadParameter,  ///< a parameter is out of range or malformed
    NotFound,      ///< the requested transcript does not exist
    Unavailable,   ///< no index is published yet, or a shard is down
    Internal,      ///< a broken invariant or an unexpected Xapian error
};

struct Error {
    ErrorCode code = ErrorCode::Internal;
    std::string message;
};

template <typename T>
using Result = tl::expected<T, Error>;

inline tl::unexpected<Error> fail(ErrorCode code, std::string message) {
    return tl::unexpected<Error>(Error{code, std::move(message)});
}

/// The stable name of a code, as written in JSON errors ("bad_query").
const char* error_code_name(ErrorCode code);

/// An exception nothing else caught, as an Internal error: Xapian's description,
/// `what()` of a std::exception, or "unknown exception". The last resort of every
/// boundary (Searcher's public calls, the daemon's routes, the programs' `main`), so no
/// path from a request or a record ends in std::terminate.
Error unexpected_error(std::exception_ptr e);

}  // namespace dragoman
