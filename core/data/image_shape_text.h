#pragma once

#include "data/dataset.h"

#include <optional>
#include <string>
#include <string_view>

namespace vae {

/// What a user wrote for an image shape (--image-shape, the import dialog's field).
struct ImageShapeText {
    bool automatic = false;          ///< "auto" or empty: infer from the column count
    bool table = false;              ///< "table" or "none": never an image
    std::optional<ImageShape> shape; ///< set: exactly this shape
    std::string problem;             ///< non-empty: none of the above, and what to write
};

/// Reads "auto", "table"/"none", "WxH" or "WxHxC" with C 1 (gray), 3 (RGB) or 4 (RGBA);
/// 'x', 'X', '*' or '×' between the numbers, spaces ignored; sides 1 to 65536.
ImageShapeText parse_image_shape_text(std::string_view text);

/// "28x28", "32x32x3": the form parse_image_shape_text() reads.
std::string image_shape_text(const ImageShape& shape);

} // namespace vae
