#pragma once

#include <cstdio>
#include <stdexcept>
#include <string>

namespace vae {

/// Why an AtomicFile could not write its target. what() reads "<target>: <reason>"; reason()
/// alone is for messages that name the file in their own words.
class AtomicFileError : public std::runtime_error {
public:
    AtomicFileError(const std::string& target, std::string reason);
    [[nodiscard]] const std::string& reason() const noexcept { return reason_; }

private:
    std::string reason_;
};

/// Writes a file so that readers see either the old file or the complete new one, never a
/// half-written one: data goes to a temporary file beside the target, is flushed to disk,
/// and is renamed over the target by commit(). The new file keeps the permissions of the one
/// it replaces, or gets those of a new user document (0666 less the umask). Destroying an
/// uncommitted AtomicFile removes the temporary file, so that a failed write leaves the old
/// file as it was and nothing beside it. Not thread-safe.
class AtomicFile {
public:
    /// Throws AtomicFileError when the temporary file cannot be created.
    explicit AtomicFile(std::string target_path);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    /// Buffered stream to write into; valid until commit() or destruction.
    [[nodiscard]] std::FILE* stream() { return file_; }
    /// Appends bytes; throws AtomicFileError on a write error (disk full...).
    void write(const void* data, std::size_t size);
    void write(const std::string& text) { write(text.data(), text.size()); }

    /// Flushes, syncs and renames over the target. Throws AtomicFileError on failure, in which
    /// case the target is untouched and the temporary file is gone.
    void commit();

    [[nodiscard]] const std::string& target() const { return target_; }
    /// The temporary file, for a library that writes only to a file name (an image encoder):
    /// it may open this path and write it in place (not delete and recreate it) before commit().
    /// Use either this or write()/stream(), not both.
    [[nodiscard]] const std::string& temp_path() const { return temp_; }

private:
    std::string target_;
    std::string temp_;
    std::FILE* file_ = nullptr;
};

} // namespace vae
