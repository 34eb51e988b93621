#pragma once

// Shared by the .npy and IDX readers: the part after the header, where a declared number of
// fixed-size numbers is converted to float32 rows.

#include "data/dataset.h"
#include "data/input_stream.h"
#include "data/load_error.h"
#include "data/load_options.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace vae {

enum class ElementType {
    UInt8,
    Int8,
    UInt16,
    Int16,
    UInt32,
    Int32,
    UInt64,
    Int64,
    Float32,
    Float64
};

/// Bytes per element.
[[nodiscard]] std::size_t element_size(ElementType type);

/// Product of `dims`, saturated at UINT64_MAX when it overflows 64 bits (callers treat any
/// product above UINT64_MAX / 2 as absurd).
[[nodiscard]] std::uint64_t saturating_product(const std::vector<std::uint64_t>& dims);

/// Decompressed data can be at most this many times larger than a gzip file (deflate's limit is
/// about 1032:1); a header declaring more than that is certainly lying.
inline constexpr std::uint64_t kMaxGzipRatio = 1032;

/// What follows a header: `rows` x `row_values` numbers of one type, row after row.
struct ArrayLayout {
    ElementType type = ElementType::Float32;
    bool big_endian = false;
    std::size_t rows = 0;
    std::size_t row_values = 0;
    /// For gzip input (whose size is unknown up front) the matrix starts at about this many
    /// bytes and doubles as data actually arrives, so a lying header costs at most twice the
    /// real data. Big enough for typical sets (Fashion-MNIST's 188 MB of floats) in one step.
    std::size_t growth_step_bytes = std::size_t{256} << 20;
};

/// Builds the error thrown when the data ends early; receives the data bytes actually found.
using TruncationError = std::function<DataError(std::uint64_t bytes_found)>;

/// Reads the first `rows_to_read` rows of `layout` from `in` (positioned at the first data
/// byte) into a rows_to_read x row_values matrix, in the data's own units.
/// The caller has already checked that the declared size is plausible; for gzip input the
/// matrix still grows in steps, so a lying header cannot cause one huge allocation.
/// Reports progress as a fraction mapped into [progress_from, progress_to]; throws
/// LoadCancelled when the callback returns false and `truncated(...)` when the data ends early.
[[nodiscard]] Matrix read_array_rows(InputStream& in, const ArrayLayout& layout,
                                     std::size_t rows_to_read, const ProgressCallback& progress,
                                     double progress_from, double progress_to,
                                     const TruncationError& truncated);

} // namespace vae
