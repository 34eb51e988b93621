#pragma once

#include "data/dataset.h"
#include "data/load_options.h"

#include <string>
#include <vector>

namespace vae {

/// Reads an IDX file (the MNIST format), plain or gzip-compressed.
///
/// Element types: 0x08 unsigned byte, 0x09 signed byte, 0x0B int16, 0x0C int32, 0x0D float32,
/// 0x0E float64, all big-endian as the format prescribes. Shapes:
/// - (N, D): a table, columns "column 0".."column D-1";
/// - (N, rows, cols): images with image_shape {cols, rows, 1};
/// - (N, rows, cols, C): images with image_shape {cols, rows, C};
/// image columns are named "pixel 0".. by value index. A 1-D file (labels only) is an error.
/// For a file whose name contains "idx3" the labels file beside it is found automatically
/// (see idx_label_candidates); its byte values become class ids with names "0".."max id".
/// No labels file is fine; one whose count differs from the image count is a DataError naming
/// both files. Values stay in the file's units (0..255 for MNIST). Honours options.limit and
/// options.progress (LoadCancelled). Other options do not apply and are ignored.
/// The declared size is checked against the file before anything large is allocated.
/// Thread-safe: touches no shared state.
[[nodiscard]] Dataset read_idx(const std::string& path, const LoadOptions& options);

/// Where the labels of an IDX images file may be, in the order they are tried: the name with
/// "idx3" -> "idx1" and "images" -> "labels", as is and with ".gz" added or removed.
/// Empty when the file name has no "idx3". Pure; does not touch the file system.
[[nodiscard]] std::vector<std::string> idx_label_candidates(const std::string& images_path);

/// Class names for a known IDX dataset recognised from its path (Fashion-MNIST: "T-shirt/top",
/// ..., "Ankle boot"), else empty: its labels are then named by their numbers.
[[nodiscard]] const std::vector<std::string>& known_class_names(const std::string& images_path);

} // namespace vae
