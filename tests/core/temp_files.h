#pragma once

// Scratch files for tests: each TempDir is a fresh folder removed when it goes out of scope.

#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace vae::test {

/// The whole content of a file, as bytes ("" when it cannot be read).
inline std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

class TempDir {
public:
    TempDir() {
        std::random_device rd;
        const auto base = std::filesystem::temp_directory_path();
        for (int attempt = 0; attempt < 100; ++attempt) {
            auto candidate = base / ("vae-test-" + std::to_string(rd()));
            if (std::filesystem::create_directory(candidate)) {
                path_ = candidate;
                return;
            }
        }
        throw std::runtime_error("cannot create a temporary directory");
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    [[nodiscard]] std::string file(std::string_view name) const { return (path_ / name).string(); }

    /// Writes `bytes` to `name` inside the folder and returns the full path.
    std::string write(std::string_view name, std::string_view bytes) const {
        auto p = file(name);
        std::ofstream out(p, std::ios::binary);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (!out)
            throw std::runtime_error("cannot write " + p);
        return p;
    }

    /// Writes `bytes` gzip-compressed to `name` and returns the full path.
    std::string write_gz(std::string_view name, std::string_view bytes) const {
        auto p = file(name);
        gzFile gz = gzopen(p.c_str(), "wb");
        if (!gz)
            throw std::runtime_error("cannot open " + p);
        if (!bytes.empty() && gzwrite(gz, bytes.data(), static_cast<unsigned>(bytes.size())) <= 0) {
            gzclose(gz);
            throw std::runtime_error("cannot write " + p);
        }
        gzclose(gz);
        return p;
    }

    [[nodiscard]] const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

} // namespace vae::test
