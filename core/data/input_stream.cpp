#include "data/input_stream.h"

#include "data/load_error.h"

#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace vae {

// zlib's inflate is driven directly (not gzread) so that a truncated stream is reported
// as an error rather than silently ending early, and concatenated members are handled.
struct InputStream::Gzip {
    z_stream z{};
    std::vector<unsigned char> in = std::vector<unsigned char>(1 << 18);
    bool stream_end = false;
    bool input_end = false;
    std::uint64_t consumed = 0;
};

namespace {

std::uint64_t raw_read(int fd, const std::string& path, char* buffer, std::size_t size) {
    for (;;) {
        const ssize_t n = ::read(fd, buffer, size);
        if (n >= 0)
            return static_cast<std::uint64_t>(n);
        if (errno != EINTR)
            throw DataError({path}, std::string("cannot read the file: ") + std::strerror(errno));
    }
}

} // namespace

InputStream::InputStream(const std::string& path) : path_(path) {
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) {
        const int err = errno;
        throw DataError({path}, std::string("cannot open the file: ") + std::strerror(err),
                        err == ENOENT ? "check the path" : "check the file's permissions");
    }
    struct stat st {};
    if (::fstat(fd_, &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            ::close(fd_);
            fd_ = -1;
            throw DataError({path}, "is a directory", "name a data file");
        }
        file_size_ = static_cast<std::uint64_t>(st.st_size);
    }
#ifdef POSIX_FADV_SEQUENTIAL
    ::posix_fadvise(fd_, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
    unsigned char magic[2] = {0, 0};
    const ssize_t got = ::pread(fd_, magic, 2, 0);
    compressed_ = got == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    if (compressed_) {
        gzip_ = std::make_unique<Gzip>();
        // 15 + 16: gzip wrapper only, so a zlib or raw deflate stream is not taken for gzip.
        if (inflateInit2(&gzip_->z, 15 + 16) != Z_OK) {
            ::close(fd_);
            fd_ = -1;
            throw DataError({path}, "cannot start gzip decompression (out of memory?)");
        }
    }
}

InputStream::~InputStream() {
    if (gzip_)
        inflateEnd(&gzip_->z);
    if (fd_ >= 0)
        ::close(fd_);
}

std::uint64_t InputStream::file_position() const {
    return compressed_ ? gzip_->consumed : position_;
}

std::size_t InputStream::read(char* buffer, std::size_t size) {
    if (size == 0)
        return 0;
    if (!compressed_) {
        const auto n = raw_read(fd_, path_, buffer, size);
        position_ += n;
        return static_cast<std::size_t>(n);
    }
    Gzip& g = *gzip_;
    z_stream& z = g.z;
    z.next_out = reinterpret_cast<unsigned char*>(buffer);
    z.avail_out = static_cast<uInt>(std::min<std::size_t>(size, 1u << 30));
    const uInt wanted = z.avail_out;
    while (z.avail_out == wanted) {
        if (g.stream_end) {
            // Another gzip member may follow (concatenated .gz files are valid gzip).
            if (z.avail_in == 0 && !g.input_end) {
                const auto n =
                    raw_read(fd_, path_, reinterpret_cast<char*>(g.in.data()), g.in.size());
                g.consumed += n;
                g.input_end = n == 0;
                z.next_in = g.in.data();
                z.avail_in = static_cast<uInt>(n);
            }
            if (z.avail_in == 0)
                break;
            inflateReset(&z);
            g.stream_end = false;
        }
        if (z.avail_in == 0) {
            if (g.input_end)
                throw DataError({path_}, "the gzip data ends early (truncated file?)",
                                "download or copy the file again");
            const auto n = raw_read(fd_, path_, reinterpret_cast<char*>(g.in.data()), g.in.size());
            g.consumed += n;
            g.input_end = n == 0;
            z.next_in = g.in.data();
            z.avail_in = static_cast<uInt>(n);
            continue;
        }
        const int rc = inflate(&z, Z_NO_FLUSH);
        if (rc == Z_STREAM_END) {
            g.stream_end = true;
        } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
            throw DataError({path_},
                            std::string("corrupt gzip data: ") + (z.msg ? z.msg : "unknown error"),
                            "download or copy the file again");
        }
    }
    const std::size_t produced = wanted - z.avail_out;
    position_ += produced;
    return produced;
}

void InputStream::read_exact(char* buffer, std::size_t size) {
    std::size_t done = 0;
    while (done < size) {
        const std::size_t n = read(buffer + done, size - done);
        if (n == 0)
            throw DataError({path_},
                            "the file ends after " + std::to_string(position_) + " bytes, " +
                                std::to_string(size - done) + " more were expected",
                            "the file is truncated; copy it again");
        done += n;
    }
}

} // namespace vae
