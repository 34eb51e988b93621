#pragma once

#include "data/dataset.h"

#include <cstddef>
#include <string>
#include <vector>

namespace vae {

/// What `vae-cli inspect` and the GUI's status line say about a dataset.
struct DatasetSummary {
    std::size_t rows = 0;
    std::size_t columns = 0;
    std::string label_column;              ///< empty: none
    std::vector<std::string> class_names;  ///< in class id order
    std::vector<std::size_t> class_counts; ///< rows per class id
    std::optional<ImageShape> image_shape;
    float min = 0.0f; ///< over all values, in the user's units
    float max = 0.0f;
    std::size_t missing = 0;
    std::size_t dropped_rows = 0;
    std::vector<std::string> categorical_columns;
    bool scaled_from_255 = false;
};

/// Summarises `d`. Min and max are in the user's units (normalization undone).
DatasetSummary summarize(const Dataset& d);

/// The summary as one JSON object (keys: rows, columns, label_column, classes, class_counts,
/// image_shape, min, max, missing, dropped_rows, categorical_columns, scaled_from_255), plus a
/// `load_seconds` field when `load_seconds` >= 0.
std::string summary_json(const DatasetSummary& s, double load_seconds = -1.0);

} // namespace vae
