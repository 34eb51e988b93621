// CSV load benchmark.
//   bench_csv_load make OUT.csv [IMAGES.gz LABELS.gz]
//       writes Fashion-MNIST (train) as "label,pixel1..pixel784" with integer pixels.
//   bench_csv_load load FILE.csv [LABEL_COLUMN]
//       loads FILE with read_csv once and prints one line of key=value figures (seconds,
//       MB/s of file, peak RSS, matrix bytes). Run one load per process so peaks do not mix.

#include "data/csv_reader.h"
#include "data/load_error.h"

#include <zlib.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <sys/resource.h>
#include <vector>

namespace {

const char* const kImages = "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz";
const char* const kLabels = "/usr/share/datasets/fashion-mnist/train-labels-idx1-ubyte.gz";

std::vector<unsigned char> gunzip(const std::string& path) {
    gzFile gz = gzopen(path.c_str(), "rb");
    if (!gz)
        throw std::runtime_error("cannot open " + path);
    std::vector<unsigned char> out;
    unsigned char buf[1 << 16];
    int n;
    while ((n = gzread(gz, buf, sizeof buf)) > 0)
        out.insert(out.end(), buf, buf + n);
    gzclose(gz);
    return out;
}

std::uint32_t be32(const unsigned char* p) {
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) |
           std::uint32_t{p[3]};
}

int make(const std::string& out, const std::string& images_path, const std::string& labels_path) {
    const auto images = gunzip(images_path);
    const auto labels = gunzip(labels_path);
    const std::uint32_t n = be32(&images[4]);
    const std::uint32_t pixels = be32(&images[8]) * be32(&images[12]);
    if (be32(&labels[4]) != n)
        throw std::runtime_error("image and label counts differ");
    std::FILE* f = std::fopen(out.c_str(), "wb");
    if (!f)
        throw std::runtime_error("cannot write " + out);
    std::string line = "label";
    for (std::uint32_t p = 1; p <= pixels; ++p)
        line += ",pixel" + std::to_string(p);
    line += '\n';
    std::fwrite(line.data(), 1, line.size(), f);
    for (std::uint32_t i = 0; i < n; ++i) {
        line = std::to_string(labels[8 + i]);
        const unsigned char* img = &images[16 + std::size_t{i} * pixels];
        for (std::uint32_t p = 0; p < pixels; ++p) {
            line += ',';
            line += std::to_string(img[p]);
        }
        line += '\n';
        std::fwrite(line.data(), 1, line.size(), f);
    }
    std::fclose(f);
    std::printf("wrote %s: %u rows x %u pixels + label\n", out.c_str(), n, pixels);
    return 0;
}

int load(const std::string& path, const std::string& label) {
    vae::LoadOptions options;
    options.label_column = label;
    const auto start = std::chrono::steady_clock::now();
    const vae::Dataset d = vae::read_csv(path, options);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const double file_mb = static_cast<double>(std::filesystem::file_size(path)) / 1e6;
    const double matrix_mb = static_cast<double>(d.values.size()) * sizeof(float) / 1e6;
    const double peak_mb = static_cast<double>(usage.ru_maxrss) * 1024.0 / 1e6;
    std::printf("loader=ours rows=%zu cols=%zu classes=%zu seconds=%.4f mb_per_s=%.1f "
                "peak_rss_mb=%.1f matrix_mb=%.1f rss_ratio=%.3f\n",
                d.rows(), d.cols(), d.classes(), seconds, file_mb / seconds, peak_mb, matrix_mb,
                peak_mb / matrix_mb);
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    try {
        const std::string mode = argc > 1 ? argv[1] : "";
        if (mode == "make" && argc >= 3)
            return make(argv[2], argc > 3 ? argv[3] : kImages, argc > 4 ? argv[4] : kLabels);
        if (mode == "load" && argc >= 3)
            return load(argv[2], argc > 3 ? argv[3] : "");
        std::fprintf(stderr,
                     "usage: %s make OUT.csv [IMAGES.gz LABELS.gz]\n"
                     "       %s load FILE.csv [LABEL_COLUMN]\n",
                     argv[0], argv[0]);
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
}
