#pragma once

#include "data/dataset.h"
#include "data/dataset_metadata.h"

#include <cstdint>
#include <string>
#include <vector>

namespace vae {

/// Writes generated samples (N x D, in stored/model units) to `path`, atomically, in the
/// format its extension names (case-insensitive):
/// - .csv: the training data's column names and units (normalization undone), each one-hot
///   group written back as one column of category text; no label column.
/// - .npy: float32 N x D in the user's units (one-hot groups stay as indicator columns).
/// - .png: an image grid, only for image data. Data scaled from 0..255 is shown over 0..255
///   in the user's units; other data over 0..1 in stored units, except z-scored data, which
///   is stretched over the samples' own range.
///   The grid has `png_columns` columns (0: as square as possible, ceil(sqrt(N))), so a strip
///   can be one row and a manifold grid keeps its shape.
/// Throws DataError naming `path` for an unknown extension or PNG export of non-image data,
/// std::invalid_argument when D disagrees with `meta`, std::runtime_error on an I/O error.
void export_samples(const Matrix& samples_in_stored_units, const DatasetMetadata& meta,
                    const std::string& path, std::size_t png_columns = 0);

/// Writes latent codes as CSV, atomically: columns id (0-based row), label, z0..z{d-1} (the
/// means), logvar0..logvar{d-1}. The label is label_names[labels[i]] when that name exists,
/// the id number otherwise, and empty when `labels` is empty. means and logvars are N x d.
/// Throws std::invalid_argument for mismatched sizes, std::runtime_error on an I/O error.
void export_latents_csv(const std::string& path, const std::vector<std::int32_t>& labels,
                        const std::vector<std::string>& label_names, const Matrix& means,
                        const Matrix& logvars);

} // namespace vae
