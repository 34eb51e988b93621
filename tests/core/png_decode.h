#pragma once

// A strict little PNG reader for the writer tests: accepts only what our writer produces
// (8-bit, non-interlaced, filter type 0 on every row) and checks every chunk's CRC.

#include <zlib.h>

#include <cstdint>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace vae::test {

struct DecodedPng {
    int width = 0;
    int height = 0;
    int channels = 0;
    std::vector<std::string> chunk_types; ///< in file order
    std::vector<std::uint8_t> pixels;     ///< rows of width * channels bytes

    [[nodiscard]] std::uint8_t at(int x, int y, int c = 0) const {
        return pixels.at((static_cast<std::size_t>(y) * static_cast<std::size_t>(width) +
                          static_cast<std::size_t>(x)) *
                             static_cast<std::size_t>(channels) +
                         static_cast<std::size_t>(c));
    }
};

inline std::uint32_t png_be32(const std::string& b, std::size_t at) {
    return (static_cast<std::uint32_t>(static_cast<unsigned char>(b.at(at))) << 24) |
           (static_cast<std::uint32_t>(static_cast<unsigned char>(b.at(at + 1))) << 16) |
           (static_cast<std::uint32_t>(static_cast<unsigned char>(b.at(at + 2))) << 8) |
           static_cast<std::uint32_t>(static_cast<unsigned char>(b.at(at + 3)));
}

inline DecodedPng decode_png(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    const std::string b = s.str();
    if (b.compare(0, 8, "\x89PNG\r\n\x1a\n") != 0)
        throw std::runtime_error("no PNG signature");
    DecodedPng png;
    std::string idat;
    std::size_t pos = 8;
    while (pos < b.size()) {
        const auto length = png_be32(b, pos);
        const std::string type = b.substr(pos + 4, 4);
        if (pos + 12 + length > b.size())
            throw std::runtime_error("chunk past the end");
        const auto crc = crc32(0L, reinterpret_cast<const Bytef*>(b.data() + pos + 4),
                               static_cast<uInt>(length + 4));
        if (crc != png_be32(b, pos + 8 + length))
            throw std::runtime_error("bad CRC in " + type);
        const std::string data = b.substr(pos + 8, length);
        png.chunk_types.push_back(type);
        if (type == "IHDR") {
            png.width = static_cast<int>(png_be32(data, 0));
            png.height = static_cast<int>(png_be32(data, 4));
            if (data.at(8) != 8 || data.at(10) != 0 || data.at(11) != 0 || data.at(12) != 0)
                throw std::runtime_error("unexpected IHDR fields");
            switch (data.at(9)) {
            case 0:
                png.channels = 1;
                break;
            case 4:
                png.channels = 2;
                break;
            case 2:
                png.channels = 3;
                break;
            case 6:
                png.channels = 4;
                break;
            default:
                throw std::runtime_error("unexpected color type");
            }
        } else if (type == "IDAT") {
            idat += data;
        }
        pos += 12 + length;
    }
    const auto row = static_cast<std::size_t>(png.width) * static_cast<std::size_t>(png.channels);
    std::string raw((row + 1) * static_cast<std::size_t>(png.height), '\0');
    uLongf raw_size = static_cast<uLongf>(raw.size());
    if (uncompress(reinterpret_cast<Bytef*>(raw.data()), &raw_size,
                   reinterpret_cast<const Bytef*>(idat.data()),
                   static_cast<uLong>(idat.size())) != Z_OK ||
        raw_size != raw.size())
        throw std::runtime_error("IDAT does not inflate to the image size");
    for (int y = 0; y < png.height; ++y) {
        const auto start = static_cast<std::size_t>(y) * (row + 1);
        if (raw[start] != 0)
            throw std::runtime_error("filter byte is not 0 on row " + std::to_string(y));
        png.pixels.insert(png.pixels.end(), raw.begin() + static_cast<long>(start + 1),
                          raw.begin() + static_cast<long>(start + 1 + row));
    }
    return png;
}

} // namespace vae::test
