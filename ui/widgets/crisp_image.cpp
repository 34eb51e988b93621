#include "ui/widgets/crisp_image.h"

#include <QPaintDevice>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace vae::ui {
namespace {

// Whole-pixel scaling may give up this much of the size that would fit; beyond that (a 28 px
// image in a 54 px cell would stay 28 px) nearest-neighbour scaling by the exact factor is
// the better deal: still sharp, with source pixels one device pixel apart in size.
constexpr qreal kWholePixelShare = 0.8;

} // namespace

QRect crisp_image_rect(QSize image, const QRect& box, qreal device_pixel_ratio) {
    if (image.isEmpty() || box.isEmpty())
        return {};
    const qreal dpr = device_pixel_ratio > 0 ? device_pixel_ratio : 1.0;
    const qreal fit =
        std::min(box.width() * dpr / image.width(), box.height() * dpr / image.height());
    QSize size;
    const qreal whole = std::floor(fit);
    if (fit >= 1.0 && whole >= kWholePixelShare * fit) {
        size = QSize(static_cast<int>(image.width() * whole / dpr),
                     static_cast<int>(image.height() * whole / dpr));
    } else {
        size = image.scaled(box.size(), Qt::KeepAspectRatio);
    }
    size = size.expandedTo(QSize(1, 1));
    return {box.x() + (box.width() - size.width()) / 2,
            box.y() + (box.height() - size.height()) / 2, size.width(), size.height()};
}

QRect draw_crisp_image(QPainter& painter, const QImage& image, const QRect& box) {
    const qreal dpr = painter.device() ? painter.device()->devicePixelRatioF() : 1.0;
    const QRect target = crisp_image_rect(image.size(), box, dpr);
    if (target.isEmpty())
        return target;
    const bool down = target.width() < image.width();
    painter.save();
    painter.setRenderHint(QPainter::SmoothPixmapTransform, down);
    painter.drawImage(target, image);
    painter.restore();
    return target;
}

} // namespace vae::ui
