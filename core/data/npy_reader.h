#pragma once

#include "data/dataset.h"
#include "data/load_options.h"

#include <string>

namespace vae {

/// Reads a NumPy .npy file (format 1.0, 2.0 or 3.0), plain or gzip-compressed (.npy.gz).
///
/// Supported dtypes: '<f4' '<f8' '|u1' '|i1' '<u2' '<i2' '<u4' '<i4' '<u8' '<i8' '|b1', little-
/// or big-endian ('>' is byte-swapped); C order only. Shapes:
/// - (N, D): a table, columns named "column 1".."column D". `options.label_column` (a position
///   counted from 1, a negative one from the end, or "column K") moves that column out of the
///   values: integer values with at most 256 distinct values become classes (ids in ascending value
///   order, names = the integer text), anything else becomes `targets`.
/// - (N, H, W) and (N, H, W, C): images with image_shape {W, H, 1} / {W, H, C}; columns named
///   "pixel 0".. by value index ((y * W + x) * C + c). (N, C, H, W) with C in {1, 3, 4}
///   and W > 4 is PyTorch's channels-first layout: read as such and reordered to channels-last,
///   with a note; a shape that fits both (both axes in {1, 3, 4}) stays channels-last, noted.
/// Values stay in the file's units (no scaling or normalization); NaNs are kept and counted
/// in missing_count, and so are infinities, which are read as NaN (noted). Reads only the first
/// `options.limit` rows when it is set, and reports progress through `options.progress`
/// (LoadCancelled when it returns false). Throws DataError (file, byte offset in `column` where
/// meaningful) for malformed input; the declared size is checked against the file before anything
/// large is allocated. Thread-safe: touches no shared state.
[[nodiscard]] Dataset read_npy(const std::string& path, const LoadOptions& options);

} // namespace vae
