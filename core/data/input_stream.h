#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace vae {

/// Sequential reader over a plain or gzip-compressed file (detected from the magic bytes,
/// not the name). Not thread-safe; one reader per thread.
class InputStream {
public:
    /// Throws DataError naming the file when it cannot be opened.
    explicit InputStream(const std::string& path);
    ~InputStream();
    InputStream(const InputStream&) = delete;
    InputStream& operator=(const InputStream&) = delete;

    /// Reads up to `size` bytes into `buffer`; returns the count, 0 at the end.
    /// Throws DataError on a read error or a truncated/corrupt gzip stream.
    std::size_t read(char* buffer, std::size_t size);

    /// Reads exactly `size` bytes or throws DataError ("file ends after N bytes").
    void read_exact(char* buffer, std::size_t size);

    [[nodiscard]] bool compressed() const { return compressed_; }
    /// Size of the file on disk (compressed size for gzip).
    [[nodiscard]] std::uint64_t file_size() const { return file_size_; }
    /// Bytes of the file consumed so far (compressed bytes for gzip): for progress.
    [[nodiscard]] std::uint64_t file_position() const;
    /// Uncompressed bytes delivered so far.
    [[nodiscard]] std::uint64_t position() const { return position_; }
    [[nodiscard]] const std::string& path() const { return path_; }

private:
    struct Gzip;
    std::string path_;
    int fd_ = -1;
    bool compressed_ = false;
    std::uint64_t file_size_ = 0;
    std::uint64_t position_ = 0;
    std::unique_ptr<Gzip> gzip_;
};

} // namespace vae
