#pragma once

#include <cstdio>
#include <string>

namespace vae {

/// Writes a file so that readers see either the old file or the complete new one, never a
/// half-written one: data goes to a temporary file beside the target, is flushed to disk,
/// and is renamed over the target by commit(). Destroying an uncommitted AtomicFile removes
/// the temporary file. Not thread-safe.
class AtomicFile {
public:
    /// Throws std::runtime_error naming the path when the temporary file cannot be created.
    explicit AtomicFile(std::string target_path);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    /// Buffered stream to write into; valid until commit() or destruction.
    [[nodiscard]] std::FILE* stream() { return file_; }
    /// Appends bytes; throws std::runtime_error on a write error (disk full...).
    void write(const void* data, std::size_t size);
    void write(const std::string& text) { write(text.data(), text.size()); }

    /// Flushes, syncs and renames over the target. Throws std::runtime_error on failure,
    /// in which case the target is untouched.
    void commit();

    [[nodiscard]] const std::string& target() const { return target_; }

private:
    std::string target_;
    std::string temp_;
    std::FILE* file_ = nullptr;
};

} // namespace vae
