#pragma once

#include <QImage>
#include <QRect>

class QPainter;

namespace vae::ui {

/// Where an image of `image` pixels goes inside `box` (logical pixels) on a device with
/// `device_pixel_ratio`: centred, aspect kept, and scaled up by a whole number of device pixels
/// so that every source pixel becomes a square of the same size (fractional nearest-neighbour
/// scaling makes some pixels a device pixel wider than others), as long as that keeps at least
/// 80% of the size that fits; else by the exact factor that fits. Images larger than the box
/// are scaled down to fit. Empty for an empty box or image.
[[nodiscard]] QRect crisp_image_rect(QSize image, const QRect& box, qreal device_pixel_ratio);

/// Draws `image` into `box` at crisp_image_rect(): nearest-neighbour when scaled up, smoothed
/// only when scaled down (where nearest-neighbour drops whole rows). Returns the target rect.
QRect draw_crisp_image(QPainter& painter, const QImage& image, const QRect& box);

} // namespace vae::ui
