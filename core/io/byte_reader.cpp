#include "io/byte_reader.h"

#include "data/load_error.h"
#include "io/byte_writer.h"

#include <bit>
#include <cstring>
#include <utility>

namespace vae {

ByteReader::ByteReader(std::string file, std::string context, std::string_view bytes,
                       std::size_t base)
    : file_(std::move(file)), context_(std::move(context)), bytes_(bytes), base_(base) {}

void ByteReader::fail(const std::string& found, std::string_view hint) const {
    throw DataError({file_, 0, base_ + pos_}, context_ + ": " + found, std::string(hint));
}

void ByteReader::need(std::size_t n, std::string_view what) const {
    if (n > remaining())
        fail("ends inside " + std::string(what) + " (needs " + std::to_string(n) + " bytes, " +
             std::to_string(remaining()) + " left)");
}

std::uint64_t ByteReader::little_endian(int n, std::string_view what) {
    need(static_cast<std::size_t>(n), what);
    std::uint64_t v = 0;
    for (int i = 0; i < n; ++i)
        v |= static_cast<std::uint64_t>(static_cast<unsigned char>(bytes_[pos_ + i])) << (8 * i);
    pos_ += static_cast<std::size_t>(n);
    return v;
}

std::uint8_t ByteReader::u8(std::string_view what) {
    return static_cast<std::uint8_t>(little_endian(1, what));
}
std::uint32_t ByteReader::u32(std::string_view what) {
    return static_cast<std::uint32_t>(little_endian(4, what));
}
std::uint64_t ByteReader::u64(std::string_view what) {
    return little_endian(8, what);
}
float ByteReader::f32(std::string_view what) {
    return std::bit_cast<float>(u32(what));
}

bool ByteReader::flag(std::string_view what) {
    const auto at = pos_;
    const auto v = u8(what);
    if (v > 1) {
        pos_ = at; // point the error at the byte itself
        fail(std::string(what) + " is " + std::to_string(v) + " (must be 0 or 1)");
    }
    return v == 1;
}

std::size_t ByteReader::count(std::string_view what, std::size_t item_bytes) {
    const auto at = pos_;
    const auto n = u64(what);
    if (n > remaining() / item_bytes) {
        pos_ = at;
        fail(std::string(what) + " count is " + std::to_string(n) + " but only " +
             std::to_string(remaining() - 8) + " bytes follow");
    }
    return static_cast<std::size_t>(n);
}

std::string ByteReader::str(std::string_view what) {
    const auto at = pos_;
    const auto n = u32(what);
    if (n > ByteWriter::kMaxString) {
        pos_ = at;
        fail(std::string(what) + " is " + std::to_string(n) + " bytes long (at most 1 MiB)");
    }
    need(n, what);
    std::string s(bytes_.substr(pos_, n));
    pos_ += n;
    return s;
}

std::vector<std::string> ByteReader::strings(std::string_view what) {
    const auto n = count(what, 4); // each string needs at least its length
    std::vector<std::string> v;
    v.reserve(n);
    for (std::size_t i = 0; i < n; ++i)
        v.push_back(str(what));
    return v;
}

void ByteReader::floats(std::string_view what, float* out, std::size_t n) {
    need(n * sizeof(float), what);
    if constexpr (std::endian::native == std::endian::little) {
        if (n > 0)
            std::memcpy(out, bytes_.data() + pos_, n * sizeof(float));
        pos_ += n * sizeof(float);
    } else {
        for (std::size_t i = 0; i < n; ++i)
            out[i] = f32(what);
    }
}

std::size_t ByteReader::code_index(std::size_t known, std::string_view what) {
    const auto at = pos_;
    const auto v = u32(what);
    if (v >= known) {
        pos_ = at;
        fail("unknown " + std::string(what) + " code " + std::to_string(v) + " (known: 0.." +
                 std::to_string(known - 1) + ")",
             "the file may come from a newer VAE Explorer; update it");
    }
    return v;
}

void ByteReader::finish() const {
    if (pos_ != bytes_.size())
        fail(std::to_string(remaining()) + " unexpected bytes at its end");
}

} // namespace vae
