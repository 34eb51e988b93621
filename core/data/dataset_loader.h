#pragma once

#include "data/dataset.h"
#include "data/load_options.h"

#include <string>
#include <utility>

namespace vae {

enum class SourceFormat { Builtin, Csv, Npy, Idx };

/// Which reader a source goes to: "builtin:NAME", then the file name (.npy, *idx?-ubyte, .csv,
/// .tsv, .txt, each optionally .gz), then the first bytes of the file (NumPy and IDX magic),
/// else CSV. Throws DataError when the file cannot be opened.
SourceFormat detect_format(const std::string& source);

/// Loads any source a user can name and prepares it for training: reads it with the
/// format's reader, keeps the first `options.limit` rows, settles the image shape (given,
/// inferred from a square pixel count, or none), scales 8-bit image data (whole numbers 0..255
/// reaching above 127) to [0,1] and applies the requested normalization, all recorded in
/// Dataset::normalization so that exports come back in the user's units. Throws DataError for bad
/// input and LoadCancelled when options.progress returns false. Thread-safe: touches no shared
/// state, so a GUI may call it on a worker thread.
Dataset load_dataset(const std::string& source, const LoadOptions& options = {});

/// The post-load steps of load_dataset (limit, image shape, 0..255 scaling, normalization),
/// for data that did not come from a file. `what` names the data in error messages.
void prepare_dataset(Dataset& data, const LoadOptions& options, const std::string& what);

/// Computes Dataset::stored_min and stored_max (one pass over the values).
void update_stored_ranges(Dataset& data);

/// The smallest and largest finite stored value of the whole dataset, from the stored ranges
/// when they are computed (no scan), else from one pass; {0, 0} when there is none.
[[nodiscard]] std::pair<float, float> stored_extent(const Dataset& data);

/// Re-expresses `data` in the units of `target` (a model's training normalization): undoes the
/// data's own normalization, applies `target`, and records it (the stored ranges with it).
/// Column counts must agree.
void convert_normalization(Dataset& data, const Normalization& target);

/// Image shape for a pixel count, when it is unambiguous: s*s (s >= 8) -> s x s x 1,
/// 3*s*s (s >= 8) -> s x s x 3.
std::optional<ImageShape> infer_image_shape(std::size_t values_per_row);

} // namespace vae
