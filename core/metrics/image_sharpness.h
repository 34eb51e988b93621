#pragma once

#include "data/dataset.h"

#include <optional>
#include <span>
#include <string>

namespace vae {

/// Variance over the interior pixels of the 4-neighbour Laplacian
/// (up + down + left + right - 4 * centre), per channel, averaged over the channels: an edge
/// energy that blur lowers and noise raises. Only pixels with all four neighbours count (no
/// border rule to pick). image: shape.values() values, layout of ImageShape. Throws
/// std::invalid_argument when the size does not match or the image is smaller than 3 x 3.
double laplacian_variance(std::span<const float> image, const ImageShape& shape);

/// Mean laplacian_variance() over the rows of `rows` (N x shape.values(), N >= 1).
double mean_laplacian_variance(const Matrix& rows, const ImageShape& shape);

/// Mean over the columns of each column's variance (N x D, N >= 1): the tables' stand-in for
/// sharpness, since blur there shows as samples that vary less than the data.
double mean_feature_variance(const Matrix& rows);

/// One sharpness figure of generated rows against real ones (same width).
struct SharpnessRatio {
    double generated = 0.0; ///< the measure on the generated rows
    double real = 0.0;      ///< the measure on the real rows
    double ratio = 0.0;     ///< generated / real; 1 when both are 0, +inf when only real is 0
    std::string measure;    ///< "laplacian-variance" or "feature-variance"
};

/// The Laplacian variance ratio when `shape` is given and has 3 x 3 pixels or more, else the
/// feature variance ratio. Throws std::invalid_argument when a set is empty or the widths differ.
SharpnessRatio sharpness_ratio(const Matrix& generated, const Matrix& real,
                               const std::optional<ImageShape>& shape);

} // namespace vae
