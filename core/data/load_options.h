#pragma once

#include "data/dataset.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace vae {

/// Called now and then during a load with the fraction done (0..1).
/// Return false to cancel: the loader then throws LoadCancelled.
/// Called on the loading thread; must not block.
using ProgressCallback = std::function<bool(double fraction)>;

enum class HeaderMode { Auto, Present, Absent };
enum class MissingPolicy { Error, Drop, Mean };
enum class CategoricalPolicy { OneHot, Drop, Error };

/// Everything a user can say about how to read a source. Options that do not apply to a
/// format (a delimiter for an IDX file) are ignored by that format's reader.
struct LoadOptions {
    // CSV
    std::optional<char> delimiter; ///< unset: sniffed from the first lines among , ; tab |
    HeaderMode header = HeaderMode::Auto;
    std::size_t skip_rows = 0; ///< physical lines skipped before the header/first record
    /// Label column: a header name, a 0-based index, or a negative index from the end ("-1").
    /// Empty: no label column.
    std::string label_column;
    /// Columns to drop, each a header name or an index as for label_column.
    std::vector<std::string> drop_columns;
    MissingPolicy missing = MissingPolicy::Error;
    CategoricalPolicy categorical = CategoricalPolicy::OneHot;

    // All formats
    /// Set: use this shape. Unset: infer from square pixel counts unless `force_table`.
    std::optional<ImageShape> image_shape;
    bool force_table = false; ///< --image-shape none
    Normalization::Kind normalization = Normalization::Kind::None;
    std::size_t limit = 0; ///< keep the first N rows; 0 = all

    // Built-in sets
    std::uint64_t seed = 1;
    std::size_t builtin_rows = 0; ///< 0 = the set's default size

    ProgressCallback progress;
};

} // namespace vae
