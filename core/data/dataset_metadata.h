#pragma once

#include "data/dataset.h"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace vae {

/// Everything about a Dataset except its per-row data (values, labels, targets, factors):
/// what a saved model keeps so that decoded samples can be mapped back to the user's units,
/// column names and category texts. A value type.
struct DatasetMetadata {
    std::string name;                      ///< the source as the user named it
    std::vector<std::string> column_names; ///< size D (after one-hot expansion)
    std::string label_column;              ///< empty when the data had no label column
    std::vector<std::string> label_names;  ///< class names in id order
    std::vector<std::string> factor_names;
    std::optional<ImageShape> image_shape;
    std::vector<CategoricalColumn> categorical_columns;
    Normalization normalization; ///< stored (model) units <-> user's units, size D or identity
    std::size_t rows = 0;        ///< row count of the source; informational only

    [[nodiscard]] std::size_t cols() const { return column_names.size(); }
};

/// Copies the metadata of `d` (no row data). Reads `d` only; safe alongside other readers.
[[nodiscard]] DatasetMetadata metadata_of(const Dataset& d);

/// A Dataset with `values` (N x D, in stored units) and the metadata's names, image shape,
/// one-hot groups and normalization; no labels, targets or factors. Column names "column K"
/// are made up when `meta` has none. Throws std::invalid_argument when D disagrees with a
/// non-empty meta.column_names or a non-identity normalization.
[[nodiscard]] Dataset dataset_from(const DatasetMetadata& meta, Matrix values);

/// Field-by-field equality; normalization vectors compare bitwise-equal values.
[[nodiscard]] bool operator==(const DatasetMetadata& a, const DatasetMetadata& b);

} // namespace vae
