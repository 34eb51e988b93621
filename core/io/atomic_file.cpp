#include "io/atomic_file.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace vae {
namespace {

AtomicFileError io_error(const std::string& what, const std::string& path, int err) {
    return AtomicFileError(path, what + ": " + std::strerror(err));
}

// The process's umask, read without changing it: umask(0) followed by umask(old) would let a
// file created by another thread in between get world-writable permissions.
mode_t process_umask() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("Umask:", 0) == 0)
            return static_cast<mode_t>(std::strtoul(line.c_str() + 6, nullptr, 8));
    return 022; // no /proc: the usual default
}

// Permissions for the new file: those of the file it replaces, so that replacing a document
// does not widen or narrow who may read it; else the usual ones of a user's new document
// (mkstemps creates the temporary 0600).
mode_t target_mode(const std::string& target) {
    struct stat old {};
    if (::stat(target.c_str(), &old) == 0 && S_ISREG(old.st_mode))
        return old.st_mode & 07777;
    return 0666 & ~process_umask();
}

} // namespace

AtomicFileError::AtomicFileError(const std::string& target, std::string reason)
    : std::runtime_error(target + ": " + reason), reason_(std::move(reason)) {}

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
        throw AtomicFileError(target_, "already committed");
    // fsync() applies to the file, not the descriptor: it also flushes what a library wrote
    // through a descriptor of its own to temp_path().
    if (std::fflush(file_) != 0 || ::fsync(::fileno(file_)) != 0) {
        const int err = errno;
        throw io_error("cannot write", target_, err);
    }
    ::fchmod(::fileno(file_), target_mode(target_));
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
