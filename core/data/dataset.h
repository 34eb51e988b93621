#pragma once

#include <Eigen/Core>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace vae {

/// Row-major so that one sample (a row) and a minibatch (consecutive rows) are contiguous.
using Matrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using Vector = Eigen::VectorXf;

/// Layout of one image sample: values are stored row by row, channels interleaved
/// (value index = (y * width + x) * channels + c).
struct ImageShape {
    int width = 0;
    int height = 0;
    int channels = 1;

    [[nodiscard]] std::size_t values() const {
        return static_cast<std::size_t>(width) * static_cast<std::size_t>(height) *
               static_cast<std::size_t>(channels);
    }
    friend bool operator==(const ImageShape&, const ImageShape&) = default;
};

/// A text column that was one-hot encoded: columns [first_column, first_column + categories.size())
/// of the value matrix hold its indicator values, in the order of `categories`.
struct CategoricalColumn {
    std::string name;
    std::size_t first_column = 0;
    std::vector<std::string> categories;
};

/// Per-column affine map from the user's units to the stored (model) units:
/// stored = (raw - offset) / scale. `inverse` gives back exactly the user's units.
struct Normalization {
    /// Auto is a load request only: the loader resolves it, so a loaded Dataset (and so a saved
    /// model) never carries it. Tables: ZScore per column. Images: None, after dividing 0..255
    /// integers by 255 (scaled_from_255) or when already in [0, 1]; MinMax over all pixels for
    /// any other range.
    enum class Kind { None, MinMax, ZScore, Auto };
    Kind kind = Kind::None;
    /// True when integer data in 0..255 was detected and divided by 255 (folded into scale).
    bool scaled_from_255 = false;
    Vector offset; ///< size D, empty when the map is the identity
    Vector scale;  ///< size D, empty when the map is the identity

    [[nodiscard]] bool is_identity() const { return offset.size() == 0; }
    /// Both map the user's units to the same stored units (an empty map equals an explicit
    /// identity of zeros and ones).
    [[nodiscard]] bool same_map(const Normalization& other) const;
    /// rows: any number of rows x D, in stored units -> user's units, in place.
    void inverse(Matrix& rows) const;
    /// rows: any number of rows x D, in user's units -> stored units, in place.
    void apply(Matrix& rows) const;
};

/// A loaded dataset: N samples x D float32 features plus what is known about them.
/// A value type; copy it to hand it to another thread.
struct Dataset {
    std::string name; ///< the source as the user named it (path or builtin:name)
    Matrix values;    ///< N x D, in stored (normalized) units
    std::vector<std::string> column_names; ///< size D; after one-hot expansion ("color=red")

    /// Class id per row (0..label_names.size()-1), or empty when the data has no labels.
    std::vector<std::int32_t> labels;
    /// Name of each class id, in id order ("0".."9" for digit labels, "red" for text labels).
    std::vector<std::string> label_names;
    /// A numeric label with too many distinct values to be classes: one value per row, else empty.
    std::vector<float> targets;
    /// Header name (or "column N") of the label column; empty when there is none.
    std::string label_column;

    /// Generative factors for synthetic sets (N x F), with their names; empty otherwise.
    Matrix factors;
    std::vector<std::string> factor_names;

    std::optional<ImageShape> image_shape;
    std::vector<CategoricalColumn> categorical_columns;
    Normalization normalization;

    /// Per column, the smallest and largest finite stored value (NaN for a column without
    /// one), computed once on the loading thread (update_stored_ranges) so that views need
    /// not scan the data on the GUI thread; empty when not computed, and then readers scan.
    /// Whatever changes `values` refreshes or clears them.
    Vector stored_min;
    Vector stored_max;

    std::size_t missing_count = 0; ///< missing fields found in the source
    std::size_t dropped_rows = 0;  ///< rows removed by --missing drop
    /// What the loader decided by itself, one sentence each, for the user to read and
    /// override ("label column 'diagnosis' (named like a label; --label-column none for none)").
    std::vector<std::string> notes;

    [[nodiscard]] std::size_t rows() const { return static_cast<std::size_t>(values.rows()); }
    [[nodiscard]] std::size_t cols() const { return static_cast<std::size_t>(values.cols()); }
    [[nodiscard]] std::size_t classes() const { return label_names.size(); }
    [[nodiscard]] bool has_labels() const { return !labels.empty(); }
};

} // namespace vae
