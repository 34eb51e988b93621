#include "io/atomic_file.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>

namespace vae {
namespace {

std::runtime_error io_error(const std::string& what, const std::string& path, int err) {
    return std::runtime_error(path + ": " + what + ": " + std::strerror(err));
}

} // namespace

AtomicFile::AtomicFile(std::string target_path) : target_(std::move(target_path)) {
    // The temporary lives in the target's folder so that rename() is atomic (same filesystem).
    temp_ = target_ + ".XXXXXX.part";
    const int fd = ::mkstemps(temp_.data(), 5);
    if (fd < 0)
        throw io_error("cannot create a file in that folder", target_, errno);
    file_ = ::fdopen(fd, "wb");
    if (!file_) {
        const int err = errno;
        ::close(fd);
        ::unlink(temp_.c_str());
        throw io_error("cannot open for writing", target_, err);
    }
    std::setvbuf(file_, nullptr, _IOFBF, 1 << 20);
}

AtomicFile::~AtomicFile() {
    if (file_) {
        std::fclose(file_);
        ::unlink(temp_.c_str());
    }
}

void AtomicFile::write(const void* data, std::size_t size) {
    if (size > 0 && std::fwrite(data, 1, size, file_) != size)
        throw io_error("cannot write", target_, errno);
}

void AtomicFile::commit() {
    if (!file_)
        throw std::runtime_error(target_ + ": already committed");
    if (std::fflush(file_) != 0 || ::fsync(::fileno(file_)) != 0) {
        const int err = errno;
        throw io_error("cannot write", target_, err);
    }
    // mkstemps creates the file 0600; give it the usual permissions for a user's document.
    const mode_t mask = ::umask(0);
    ::umask(mask);
    ::fchmod(::fileno(file_), 0666 & ~mask);
    if (std::fclose(file_) != 0) {
        const int err = errno;
        file_ = nullptr;
        ::unlink(temp_.c_str());
        throw io_error("cannot write", target_, err);
    }
    file_ = nullptr;
    if (std::rename(temp_.c_str(), target_.c_str()) != 0) {
        const int err = errno;
        ::unlink(temp_.c_str());
        throw io_error("cannot replace the file", target_, err);
    }
}

} // namespace vae
