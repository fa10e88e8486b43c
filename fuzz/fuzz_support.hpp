// What the fuzz targets share: a private scratch directory for readers that take paths,
// and the checks every reader's output must pass whatever the input.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "ingest/reader.hpp"

namespace dragoman::fuzz {

/// A directory private to this process, removed when it exits.
const std::string& scratch_dir();

/// Writes `bytes` to `relative` under scratch_dir() (creating directories) and returns the path.
std::string write_scratch(const std::string& relative, std::string_view bytes);

/// Whether `bytes` begin with gzip's magic bytes (1f 8b), by which zlib's gz* reading
/// (ingest/line_source) takes a file for a gzip stream, whatever its name.
bool starts_as_gzip(std::string_view bytes);

/// Runs `reader` on `path` and checks what it promises for any content: it does not throw
/// (except a read error naming the file for a damaged gzip stream), every record it delivers passes
/// check_record unchanged in what matters (id, valid UTF-8, date), and every diagnostic
/// names the file and says why. Aborts otherwise, so that libFuzzer (or the replay driver)
/// reports the input.
void read_and_check(const Reader& reader, const std::string& path);

/// Aborts with `what` when `ok` is false (assert() vanishes under NDEBUG).
void require(bool ok, const char* what);

/// The input as a string_view.
inline std::string_view as_text(const uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

/// `input` split at the first occurrence of a separator.
struct Split {
    std::string_view before, after;
    bool found = false;
};
/// Splits `input` at the first `separator`; without one, all of it is `before`.
Split split_once(std::string_view input, std::string_view separator);

}  // namespace dragoman::fuzz
