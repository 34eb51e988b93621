#pragma once

#include "data/dataset.h"

#include <cstddef>
#include <span>
#include <vector>

namespace vae {

/// One column as the user's file had it: a plain numeric feature (one stored column), or a
/// one-hot group (group->categories.size() consecutive stored columns) that the user saw as one
/// column of category text.
struct OriginalColumn {
    std::size_t first = 0;                    ///< index of its first stored column
    const CategoricalColumn* group = nullptr; ///< the one-hot group, or null for a numeric column

    /// Number of stored columns it spans.
    [[nodiscard]] std::size_t width() const { return group ? group->categories.size() : 1; }
};

/// The original columns covering stored columns 0..cols-1, in order. `group` pointers point
/// into `groups`: they stay valid while that vector lives unmodified. Groups with no categories
/// are ignored (their columns, if any, read as numeric). Pure; safe from any thread.
[[nodiscard]] std::vector<OriginalColumn>
original_columns(std::size_t cols, const std::vector<CategoricalColumn>& groups);

/// Index of the most likely category of a one-hot group from its values (in the order of the
/// group's categories): the largest value, the first one on ties. The same rule CSV export
/// uses to write a group back as text. `values` must not be empty.
[[nodiscard]] std::size_t most_likely_category(std::span<const float> values);

} // namespace vae
