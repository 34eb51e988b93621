#pragma once

#include "data/dataset.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vae {

/// Called now and then during a load with the fraction done (0..1).
/// Return false to cancel: the loader then throws LoadCancelled.
/// Called on the loading thread; must not block.
using ProgressCallback = std::function<bool(double fraction)>;

/// LoadOptions::label_column values that are not a column.
inline constexpr std::string_view kAutoLabel = "auto";
inline constexpr std::string_view kNoLabel = "none";
[[nodiscard]] inline bool is_no_label(std::string_view spec) {
    return spec.empty() || spec == kNoLabel;
}

enum class HeaderMode { Auto, Present, Absent };
enum class MissingPolicy { Error, Drop, Mean };
enum class CategoricalPolicy { OneHot, Drop, Error };

/// Everything a user can say about how to read a source. Options that do not apply to a
/// format (a delimiter for an IDX file) are ignored by that format's reader.
struct LoadOptions {
    // CSV
    std::optional<char> delimiter; ///< unset: sniffed from the first lines among , ; tab |
    /// The decimal separator, '.' or ','; unset: ',' when the delimiter is not a comma and the
    /// first lines hold numbers written like "1,5" (European spreadsheets), else '.'.
    std::optional<char> decimal;
    HeaderMode header = HeaderMode::Auto;
    std::size_t skip_rows = 0; ///< physical lines skipped before the header/first record
    /// Label column: a header name, a position counted from 1 ("31"), or from the end ("-1");
    /// "auto" (the default): the column a CSV file's names or text suggest (see
    /// propose_label_column), else none; empty or "none": no label column.
    std::string label_column = std::string(kAutoLabel);
    /// Columns to drop, each a header name or a position as for label_column.
    std::vector<std::string> drop_columns;
    MissingPolicy missing = MissingPolicy::Error;
    CategoricalPolicy categorical = CategoricalPolicy::OneHot;

    // All formats
    /// Set: use this shape. Unset: infer from square pixel counts unless `force_table`.
    std::optional<ImageShape> image_shape;
    bool force_table = false; ///< --image-shape none
    Normalization::Kind normalization = Normalization::Kind::Auto;
    std::size_t limit = 0; ///< keep the first N rows; 0 = all

    // Built-in sets
    std::uint64_t seed = 1;
    std::size_t builtin_rows = 0; ///< 0 = the set's default size

    ProgressCallback progress;
};

} // namespace vae
