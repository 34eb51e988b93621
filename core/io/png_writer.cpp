#include "io/png_writer.h"

#include "io/atomic_file.h"

#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

namespace vae {
namespace {

constexpr std::uint8_t kGapGray = 128;

void put32(std::string& out, std::uint32_t v) {
    out += static_cast<char>((v >> 24) & 0xff);
    out += static_cast<char>((v >> 16) & 0xff);
    out += static_cast<char>((v >> 8) & 0xff);
    out += static_cast<char>(v & 0xff);
}

/// A chunk: big-endian length, type, data, CRC-32 over type and data.
void put_chunk(std::string& out, const char (&type)[5], const std::string& data) {
    put32(out, static_cast<std::uint32_t>(data.size()));
    const auto start = out.size();
    out.append(type, 4);
    out += data;
    const auto crc = crc32(crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef*>(out.data() + start),
                           static_cast<uInt>(out.size() - start));
    put32(out, static_cast<std::uint32_t>(crc));
}

std::uint8_t to_byte(float v, float lo, float hi) {
    if (std::isnan(v))
        return 0;
    const float t = (v - lo) / (hi - lo) * 255.0f;
    return static_cast<std::uint8_t>(std::lround(std::clamp(t, 0.0f, 255.0f)));
}

} // namespace

void write_png(const std::string& path, int width, int height, int channels,
               std::span<const std::uint8_t> pixels) {
    static constexpr std::uint8_t kColorType[] = {0, 0, 4, 2, 6}; // by channel count
    if (channels < 1 || channels > 4)
        throw std::invalid_argument("write_png: " + std::to_string(channels) +
                                    " channels (PNG takes 1 to 4)");
    if (width < 1 || height < 1)
        throw std::invalid_argument("write_png: empty image");
    const auto row_bytes = static_cast<std::size_t>(width) * static_cast<std::size_t>(channels);
    if (pixels.size() != row_bytes * static_cast<std::size_t>(height))
        throw std::invalid_argument("write_png: " + std::to_string(pixels.size()) +
                                    " bytes for a " + std::to_string(width) + "x" +
                                    std::to_string(height) + "x" + std::to_string(channels) +
                                    " image");

    // Each scanline is prefixed with filter type 0 (None): simple, and zlib still packs the
    // flat backgrounds of generated samples well.
    std::string raw;
    raw.reserve((row_bytes + 1) * static_cast<std::size_t>(height));
    for (int y = 0; y < height; ++y) {
        raw += '\0';
        const auto* row = pixels.data() + static_cast<std::size_t>(y) * row_bytes;
        raw.append(reinterpret_cast<const char*>(row), row_bytes);
    }
    if (raw.size() > std::numeric_limits<uLong>::max() / 2)
        throw std::invalid_argument("write_png: image too large");
    uLongf packed_size = compressBound(static_cast<uLong>(raw.size()));
    std::string packed(packed_size, '\0');
    if (compress2(reinterpret_cast<Bytef*>(packed.data()), &packed_size,
                  reinterpret_cast<const Bytef*>(raw.data()), static_cast<uLong>(raw.size()),
                  6) != Z_OK)
        throw std::runtime_error(path + ": cannot compress the image");
    packed.resize(packed_size);

    std::string ihdr;
    put32(ihdr, static_cast<std::uint32_t>(width));
    put32(ihdr, static_cast<std::uint32_t>(height));
    ihdr += '\x08'; // bit depth
    ihdr += static_cast<char>(kColorType[channels]);
    ihdr += '\0'; // compression: deflate
    ihdr += '\0'; // filter method 0
    ihdr += '\0'; // no interlace

    std::string png = "\x89PNG\r\n\x1a\n";
    put_chunk(png, "IHDR", ihdr);
    // One IDAT chunk: a chunk length is 31 bits, plenty for any grid we produce.
    if (packed.size() > 0x7fffffffu)
        throw std::invalid_argument("write_png: image too large");
    put_chunk(png, "IDAT", packed);
    put_chunk(png, "IEND", {});

    AtomicFile out(path);
    out.write(png);
    out.commit();
}

void write_image_grid_png(const Matrix& samples, ImageShape shape, float lo, float hi, int columns,
                          const std::string& path, int scale, int gap) {
    if (samples.rows() < 1)
        throw std::invalid_argument("write_image_grid_png: no samples");
    if (shape.width < 1 || shape.height < 1 || shape.channels < 1 ||
        static_cast<std::size_t>(samples.cols()) != shape.values())
        throw std::invalid_argument("write_image_grid_png: " + std::to_string(samples.cols()) +
                                    " values per sample do not match the image shape");
    if (!(lo < hi))
        throw std::invalid_argument("write_image_grid_png: the value range is empty");
    if (scale < 1 || gap < 0 || columns < 1)
        throw std::invalid_argument("write_image_grid_png: scale and columns must be >= 1, "
                                    "gap >= 0");
    const auto n = static_cast<long long>(samples.rows());
    const long long cols = std::min<long long>(columns, n);
    const long long rows = (n + cols - 1) / cols;
    const long long tile_w = static_cast<long long>(shape.width) * scale;
    const long long tile_h = static_cast<long long>(shape.height) * scale;
    const long long width = cols * tile_w + (cols - 1) * gap;
    const long long height = rows * tile_h + (rows - 1) * gap;
    if (width > std::numeric_limits<int>::max() / 4 || height > std::numeric_limits<int>::max())
        throw std::invalid_argument("write_image_grid_png: the grid is too large");
    const auto c = static_cast<std::size_t>(shape.channels);

    std::vector<std::uint8_t> pixels(static_cast<std::size_t>(width * height) * c, kGapGray);
    for (long long i = 0; i < n; ++i) {
        const long long x0 = (i % cols) * (tile_w + gap);
        const long long y0 = (i / cols) * (tile_h + gap);
        const float* sample = samples.data() + i * samples.cols();
        for (long long y = 0; y < tile_h; ++y) {
            const auto src_row =
                static_cast<std::size_t>(y / scale) * static_cast<std::size_t>(shape.width);
            auto* dst = pixels.data() + (static_cast<std::size_t>((y0 + y) * width + x0)) * c;
            for (long long x = 0; x < tile_w; ++x) {
                const float* v = sample + (src_row + static_cast<std::size_t>(x / scale)) * c;
                for (std::size_t k = 0; k < c; ++k)
                    *dst++ = to_byte(v[k], lo, hi);
            }
        }
    }
    write_png(path, static_cast<int>(width), static_cast<int>(height), shape.channels, pixels);
}

} // namespace vae
