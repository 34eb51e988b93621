#include "io/npy_writer.h"

#include "io/atomic_file.h"

#include <bit>
#include <cstdint>

namespace vae {

void write_npy(const Matrix& m, const std::string& path) {
    const char* descr = std::endian::native == std::endian::little ? "<f4" : ">f4";
    std::string header = std::string("{'descr': '") + descr +
                         "', 'fortran_order': False, 'shape': (" + std::to_string(m.rows()) + ", " +
                         std::to_string(m.cols()) + "), }";
    // NumPy pads the header with spaces and a final newline so that the data starts on a
    // 64-byte boundary (magic 6 + version 2 + length 2 = 10 bytes precede it).
    constexpr std::size_t kPrefix = 10;
    while ((kPrefix + header.size() + 1) % 64 != 0)
        header += ' ';
    header += '\n';
    const auto length = static_cast<std::uint16_t>(header.size());

    std::string prefix = "\x93NUMPY";
    prefix += '\x01';
    prefix += '\x00';
    prefix += static_cast<char>(length & 0xff);
    prefix += static_cast<char>(length >> 8);

    AtomicFile out(path);
    out.write(prefix);
    out.write(header);
    // Row-major storage is exactly NumPy's C order.
    out.write(m.data(), static_cast<std::size_t>(m.size()) * sizeof(float));
    out.commit();
}

} // namespace vae
