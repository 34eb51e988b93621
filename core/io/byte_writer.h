#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace vae {

/// Builds a little-endian binary record in memory, the counterpart of ByteReader: strings are
/// a u32 length and their bytes, string lists a u64 count and the strings, enums a u32 index
/// into a fixed code table. Not thread-safe.
class ByteWriter {
public:
    static constexpr std::size_t kMaxString = std::size_t{1} << 20;

    void u8(std::uint8_t v) { out_ += static_cast<char>(v); }
    void u32(std::uint32_t v) { put(v, 4); }
    void u64(std::uint64_t v) { put(v, 8); }
    void f32(float v) { u32(std::bit_cast<std::uint32_t>(v)); }
    void floats(std::span<const float> v) {
        if constexpr (std::endian::native == std::endian::little) {
            const auto old = out_.size();
            out_.resize(old + v.size() * sizeof(float));
            if (!v.empty())
                std::memcpy(out_.data() + old, v.data(), v.size() * sizeof(float));
        } else {
            for (const float f : v)
                f32(f);
        }
    }
    /// Throws std::invalid_argument for a text longer than kMaxString (readers refuse those).
    void str(std::string_view s) {
        if (s.size() > kMaxString)
            throw std::invalid_argument("a text of " + std::to_string(s.size()) +
                                        " bytes cannot be saved (at most 1 MiB)");
        u32(static_cast<std::uint32_t>(s.size()));
        out_.append(s);
    }
    void strings(const std::vector<std::string>& v) {
        u64(v.size());
        for (const auto& s : v)
            str(s);
    }
    /// Writes the index of `value` in `codes`: the table, not the enum's declaration order,
    /// defines the file format. Throws std::invalid_argument when the value has no code.
    template <class E, std::size_t N> void code(const std::array<E, N>& codes, E value) {
        const auto it = std::find(codes.begin(), codes.end(), value);
        if (it == codes.end())
            throw std::invalid_argument("an enum value has no file code");
        u32(static_cast<std::uint32_t>(it - codes.begin()));
    }
    void bytes(std::string_view b) { out_.append(b); }

    [[nodiscard]] const std::string& data() const { return out_; }

private:
    void put(std::uint64_t v, int n) {
        for (int i = 0; i < n; ++i)
            out_ += static_cast<char>((v >> (8 * i)) & 0xff);
    }

    std::string out_;
};

} // namespace vae
