#pragma once

#include "data/dataset.h"

#include <QImage>

namespace vae::ui {

/// Renders row `row` of `data` as an image at its image shape (grayscale or RGB), mapping
/// the stored values [lo, hi] to 0..255. `data.image_shape` must be set.
QImage sample_image(const Dataset& data, Eigen::Index row, float lo, float hi);

/// The same for one sample outside a Dataset (a decoded row): `values` holds shape.values()
/// floats in stored units, laid out as ImageShape says.
QImage sample_image(const float* values, const ImageShape& shape, float lo, float hi);

/// The range to render a dataset's images with: [0,1] for scaled data, else its min..max.
std::pair<float, float> display_range(const Dataset& data);

} // namespace vae::ui
