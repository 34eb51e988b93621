#pragma once

#include "data/dataset.h"

#include <QString>

#include <optional>

namespace vae::ui {

/// What a user typed into an image-shape field: automatic, a plain table, or a shape.
struct ImageShapeChoice {
    bool automatic = false;          ///< infer from the column count
    bool table = false;              ///< never an image
    std::optional<ImageShape> shape; ///< set: exactly this shape
    QString problem;                 ///< non-empty: the text is none of the above, and why
};

/// Reads "auto", "table"/"none", "WxH" or "WxHxC" (C 1, 3 or 4; 'x', '×' or '*' between the
/// numbers, case and spaces ignored), so the same words work as on the command line.
ImageShapeChoice parse_image_shape_choice(const QString& text);

/// "28×28 grayscale images", "32×32 images with 3 channels".
QString describe_image_shape(const ImageShape& shape);

} // namespace vae::ui
