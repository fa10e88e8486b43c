// What an exception says, Xapian's errors included.
#include "util/exception_text.hpp"

#include <xapian.h>

namespace dragoman {

std::string exception_text(std::exception_ptr e) {
    if (!e) return "unknown exception";
    try {
        std::rethrow_exception(e);
    } catch (const Xapian::Error& x) {  // not a std::exception: it needs its own clause
        return x.get_description();
    } catch (const std::exception& x) {
        return x.what();
    } catch (...) {
    }
    return "unknown exception";
}

}  // namespace dragoman
