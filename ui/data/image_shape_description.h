#pragma once

#include "data/dataset.h"

#include <QString>

namespace vae::ui {

/// "28×28 grayscale images", "32×32 images with 3 channels": how the window and the import
/// dialog name an image shape.
QString describe_image_shape(const ImageShape& shape);

} // namespace vae::ui
