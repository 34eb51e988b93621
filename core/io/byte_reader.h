#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vae {

/// Reads a little-endian binary record written by ByteWriter from untrusted bytes. Every read
/// is checked against the bytes left, and every count against what those bytes could hold,
/// before anything is allocated; a problem throws DataError naming the file, the absolute byte
/// offset, the record (`context`, e.g. "ARCH section") and what was wrong.
/// Views `bytes` (must outlive the reader). Not thread-safe.
class ByteReader {
public:
    /// `base`: offset of bytes[0] in the file, for error positions.
    ByteReader(std::string file, std::string context, std::string_view bytes, std::size_t base);

    /// Throws DataError "<file>:<offset>: <context>: <found> (<hint>)".
    [[noreturn]] void fail(const std::string& found, std::string_view hint = kDamagedHint) const;

    [[nodiscard]] std::size_t remaining() const { return bytes_.size() - pos_; }

    std::uint8_t u8(std::string_view what);
    std::uint32_t u32(std::string_view what);
    std::uint64_t u64(std::string_view what);
    float f32(std::string_view what);
    /// A byte that must be 0 or 1.
    bool flag(std::string_view what);
    /// A u64 count of items taking at least `item_bytes` each (> 0); one the remaining bytes
    /// cannot hold is refused.
    std::size_t count(std::string_view what, std::size_t item_bytes);
    /// A u32 length (at most ByteWriter::kMaxString) and that many bytes.
    std::string str(std::string_view what);
    std::vector<std::string> strings(std::string_view what);
    /// `n` floats into `out`; n * 4 must have been bounded by the caller (it is checked
    /// against the bytes left, but must not overflow).
    void floats(std::string_view what, float* out, std::size_t n);
    /// A u32 index into `codes`; an unknown one is refused with a hint to update.
    template <class E, std::size_t N> E code(const std::array<E, N>& codes, std::string_view what) {
        return codes[code_index(N, what)];
    }
    /// Refuses bytes left over at the end of the record.
    void finish() const;

    static constexpr std::string_view kDamagedHint =
        "the file is damaged or was not written by VAE Explorer; save it again";

private:
    void need(std::size_t n, std::string_view what) const;
    std::uint64_t little_endian(int n, std::string_view what);
    std::size_t code_index(std::size_t known, std::string_view what);

    std::string file_;
    std::string context_;
    std::string_view bytes_;
    std::size_t base_;
    std::size_t pos_ = 0;
};

} // namespace vae
