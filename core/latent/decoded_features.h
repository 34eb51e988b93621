#pragma once

#include "data/dataset.h"
#include "data/dataset_metadata.h"

#include <Eigen/Core>

#include <cstddef>
#include <string>
#include <vector>

namespace vae {

/// Per stored column (size D each): the smallest and largest finite value of the training data,
/// in the user's units. NaN for a column with no finite value (then nothing is flagged there).
struct ColumnRanges {
    Vector min;
    Vector max;
};

/// The ranges of d.values (N x D, stored units) mapped to the user's units with
/// d.normalization: from d.stored_min/stored_max when the loader computed them, else one pass
/// over the data; reads `d` only, safe alongside other readers.
[[nodiscard]] ColumnRanges column_ranges(const Dataset& d);

/// One column of a decoded table row as the user knows it.
struct DecodedFeature {
    std::string name;         ///< the numeric column's name, or the one-hot group's name
    bool categorical = false; ///< true for a one-hot group
    /// Numeric: the value in the user's units. Categorical: unused (0).
    float value = 0.0f;
    /// Numeric: the value lies outside the training data's [min, max] for the column (strictly;
    /// never for NaN, never when no ranges were given). Categorical: false.
    bool out_of_range = false;
    /// Categorical: the most likely category's text and its index in the group's categories
    /// (the largest decoded value, first on ties: what CSV export writes).
    std::string category;
    std::size_t category_index = 0;
    /// Categorical: a probability-like score for that category in [0, 1]: the group's decoded
    /// values with negatives (and NaN) clamped to 0, divided by their sum; 1/K when every value
    /// is <= 0. Decoders are not constrained to the simplex (Gaussian outputs can be negative or
    /// sum to more than 1), hence "probability-like".
    float score = 0.0f;
};

/// Turns one decoded row (1 x D, stored/model units, e.g. a row of decode_latents) into what
/// the user's table had: one entry per numeric column and ONE per one-hot group, in column
/// order. Units come back with meta.normalization.inverse; groups are read with
/// original_columns/most_likely_category (the same rules as CSV export). Column names
/// "column K" are made up when meta has none. `ranges` (from column_ranges of the training
/// data, size D, or empty for no range checks) flags numeric values outside the training range.
/// Pure; safe from any thread. Throws std::invalid_argument naming the sizes when the row's
/// size disagrees with meta's column names or normalization, or with non-empty ranges.
[[nodiscard]] std::vector<DecodedFeature>
decoded_features(const Eigen::Ref<const Eigen::RowVectorXf>& stored_row,
                 const DatasetMetadata& meta, const ColumnRanges& ranges = {});

} // namespace vae
