// A small file replaced all or nothing (the manifest of a generation, the rejects log), with
// failures that say which path and why: a full disk must never leave a torn file.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace dragoman {

/// Writes a new version of `target` beside it (`<target>.tmp`) and, on `commit`, flushes
/// it to disk and renames it over `target` (then syncs the directory): readers see the
/// old file or the whole new one. Not committed (an exception, a return), the temporary
/// file is removed and `target` is as it was. Every failure throws IndexError
/// naming the path and the system's reason ("...: cannot write: No space left on device").
///
/// A `target` that exists and is not a regular file (`/dev/stdout`, a FIFO) is written in
/// place instead: it cannot be replaced. A symlink is followed: its target is replaced.
class AtomicFile {
public:
    explicit AtomicFile(const std::filesystem::path& target);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    /// Appends `bytes` (buffered).
    void write(std::string_view bytes);

    /// Makes the new content `target`'s, durably.
    void commit();

private:
    void flush_buffer();

    std::filesystem::path m_target;
    std::filesystem::path m_written;  ///< the temporary file, or `m_target` when written in place
    int m_fd = -1;
    std::string m_buffer;
    bool m_committed = false;
};

/// Makes the renames and removals of entries in `dir` durable (fsync of the directory).
/// Throws IndexError naming the directory and the system's reason.
void sync_directory(const std::filesystem::path& dir);

}  // namespace dragoman
