#pragma once

// Builders for hand-made .npy and IDX files used by the reader tests.

#include <cstdint>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

namespace vae::test {

/// A .npy file: magic, version, little-endian header length, `header` padded with spaces to a
/// multiple of 64 bytes (as NumPy does) and ending in '\n', then `data`.
inline std::string npy_bytes(const std::string& header, const std::string& data, int major = 1) {
    std::string out = "\x93NUMPY";
    out += static_cast<char>(major);
    out += '\0';
    const std::size_t prefix = out.size() + (major == 1 ? 2 : 4);
    std::string text = header;
    while ((prefix + text.size() + 1) % 64 != 0)
        text += ' ';
    text += '\n';
    const auto length = static_cast<std::uint32_t>(text.size());
    out += static_cast<char>(length & 0xff);
    out += static_cast<char>((length >> 8) & 0xff);
    if (major != 1) {
        out += static_cast<char>((length >> 16) & 0xff);
        out += static_cast<char>((length >> 24) & 0xff);
    }
    return out + text + data;
}

/// The header dict NumPy writes for `descr` and `shape` ("(3, 4)").
inline std::string npy_dict(const std::string& descr, const std::string& shape,
                            bool fortran = false) {
    return "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") +
           ", 'shape': " + shape + ", }";
}

/// Native (little-endian) bytes of `values`.
template <typename T> std::string raw_bytes(const std::vector<T>& values) {
    std::string out(values.size() * sizeof(T), '\0');
    if (!values.empty())
        std::memcpy(out.data(), values.data(), out.size());
    return out;
}

/// An IDX header: 0, 0, type, dims, then each dimension as big-endian uint32.
inline std::string idx_header(unsigned char type, const std::vector<std::uint32_t>& dims) {
    std::string out;
    out += '\0';
    out += '\0';
    out += static_cast<char>(type);
    out += static_cast<char>(dims.size());
    for (const auto d : dims) {
        out += static_cast<char>((d >> 24) & 0xff);
        out += static_cast<char>((d >> 16) & 0xff);
        out += static_cast<char>((d >> 8) & 0xff);
        out += static_cast<char>(d & 0xff);
    }
    return out;
}

/// Big-endian bytes of `values`.
template <typename T> std::string big_endian_bytes(const std::vector<T>& values) {
    std::string out = raw_bytes(values);
    for (std::size_t i = 0; i < out.size(); i += sizeof(T))
        for (std::size_t a = i, b = i + sizeof(T) - 1; a < b; ++a, --b)
            std::swap(out[a], out[b]);
    return out;
}

} // namespace vae::test
