#include "data/binary_array_reader.h"

#include "data/huge_pages.h"
#include "data/load_error.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <limits>

namespace vae {
namespace {

constexpr std::size_t kChunkBytes = std::size_t{1} << 20;

template <typename T> T load(const char* src, bool swap) {
    unsigned char bytes[sizeof(T)];
    std::memcpy(bytes, src, sizeof(T));
    if (swap)
        std::reverse(bytes, bytes + sizeof(T));
    T value;
    std::memcpy(&value, bytes, sizeof(T));
    return value;
}

template <typename T> void convert(const char* src, float* dst, std::size_t count, bool swap) {
    if constexpr (sizeof(T) == 1) {
        for (std::size_t i = 0; i < count; ++i)
            dst[i] = static_cast<float>(static_cast<T>(src[i]));
    } else {
        for (std::size_t i = 0; i < count; ++i)
            dst[i] = static_cast<float>(load<T>(src + i * sizeof(T), swap));
    }
}

void convert(ElementType type, const char* src, float* dst, std::size_t count, bool swap) {
    switch (type) {
    case ElementType::UInt8:
        return convert<std::uint8_t>(src, dst, count, swap);
    case ElementType::Int8:
        return convert<std::int8_t>(src, dst, count, swap);
    case ElementType::UInt16:
        return convert<std::uint16_t>(src, dst, count, swap);
    case ElementType::Int16:
        return convert<std::int16_t>(src, dst, count, swap);
    case ElementType::UInt32:
        return convert<std::uint32_t>(src, dst, count, swap);
    case ElementType::Int32:
        return convert<std::int32_t>(src, dst, count, swap);
    case ElementType::UInt64:
        return convert<std::uint64_t>(src, dst, count, swap);
    case ElementType::Int64:
        return convert<std::int64_t>(src, dst, count, swap);
    case ElementType::Float32:
        return convert<float>(src, dst, count, swap);
    case ElementType::Float64:
        return convert<double>(src, dst, count, swap);
    }
}

constexpr bool kHostLittleEndian = std::endian::native == std::endian::little;

} // namespace

std::size_t element_size(ElementType type) {
    switch (type) {
    case ElementType::UInt8:
    case ElementType::Int8:
        return 1;
    case ElementType::UInt16:
    case ElementType::Int16:
        return 2;
    case ElementType::UInt32:
    case ElementType::Int32:
    case ElementType::Float32:
        return 4;
    case ElementType::UInt64:
    case ElementType::Int64:
    case ElementType::Float64:
        return 8;
    }
    return 1;
}

std::uint64_t saturating_product(const std::vector<std::uint64_t>& dims) {
    constexpr auto saturated = std::numeric_limits<std::uint64_t>::max();
    std::uint64_t product = 1;
    bool overflow = false;
    for (const auto d : dims) {
        if (d == 0)
            return 0;
        if (product > saturated / d)
            overflow = true;
        else
            product *= d;
    }
    return overflow ? saturated : product;
}

Matrix read_array_rows(InputStream& in, const ArrayLayout& layout, std::size_t rows_to_read,
                       const ProgressCallback& progress, double progress_from, double progress_to,
                       const TruncationError& truncated) {
    const std::size_t esize = element_size(layout.type);
    const bool swap = layout.big_endian == kHostLittleEndian;
    const std::size_t cols = layout.row_values;
    const std::size_t total = rows_to_read * cols;

    std::size_t capacity_rows = rows_to_read;
    if (in.compressed()) {
        const std::size_t step =
            std::max<std::size_t>(1, layout.growth_step_bytes / (cols * sizeof(float)));
        capacity_rows = std::min(rows_to_read, step);
    }
    Matrix values(static_cast<Eigen::Index>(capacity_rows), static_cast<Eigen::Index>(cols));
    advise_huge_pages(values.data(), static_cast<std::size_t>(values.size()) * sizeof(float));

    const std::size_t chunk_values = std::max<std::size_t>(1, kChunkBytes / esize);
    std::vector<char> buffer(chunk_values * esize);
    std::size_t done = 0;
    while (done < total) {
        const std::size_t count = std::min(chunk_values, total - done);
        const std::size_t bytes = count * esize;
        std::size_t got = 0;
        while (got < bytes) {
            const std::size_t n = in.read(buffer.data() + got, bytes - got);
            if (n == 0)
                throw truncated(static_cast<std::uint64_t>(done) * esize + got);
            got += n;
        }
        const std::size_t needed_rows = (done + count + cols - 1) / cols;
        if (needed_rows > capacity_rows) {
            capacity_rows = std::min(rows_to_read, std::max(needed_rows, capacity_rows * 2));
            Matrix grown(static_cast<Eigen::Index>(capacity_rows), static_cast<Eigen::Index>(cols));
            advise_huge_pages(grown.data(), static_cast<std::size_t>(grown.size()) * sizeof(float));
            std::copy_n(values.data(), done, grown.data());
            values = std::move(grown);
        }
        convert(layout.type, buffer.data(), values.data() + done, count, swap);
        done += count;
        if (progress) {
            const double fraction = static_cast<double>(done) / static_cast<double>(total);
            if (!progress(progress_from + (progress_to - progress_from) * fraction))
                throw LoadCancelled();
        }
    }
    return values;
}

} // namespace vae
