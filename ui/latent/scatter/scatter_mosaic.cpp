#include "ui/latent/scatter/scatter_mosaic.h"

namespace vae::ui {

ScatterMosaic::ScatterMosaic(QCPAxisRect* rect, const QString& layer)
    : QCPLayerable(rect->parentPlot(), layer), rect_(rect) {}

void ScatterMosaic::setImage(const QImage& image, const QRectF& plane_rect) {
    image_ = image;
    plane_rect_ = plane_rect.normalized();
}

void ScatterMosaic::applyDefaultAntialiasingHint(QCPPainter* painter) const {
    applyAntialiasingHint(painter, mAntialiased, QCP::aeItems);
}

QRect ScatterMosaic::clipRect() const {
    return rect_->rect();
}

void ScatterMosaic::draw(QCPPainter* painter) {
    if (image_.isNull() || plane_rect_.isEmpty())
        return;
    const QCPAxis* x = rect_->axis(QCPAxis::atBottom);
    const QCPAxis* y = rect_->axis(QCPAxis::atLeft);
    const QRectF target =
        QRectF(QPointF(x->coordToPixel(plane_rect_.left()), y->coordToPixel(plane_rect_.bottom())),
               QPointF(x->coordToPixel(plane_rect_.right()), y->coordToPixel(plane_rect_.top())))
            .normalized();
    painter->setRenderHint(QPainter::SmoothPixmapTransform, true);
    painter->drawImage(target, image_);
}

} // namespace vae::ui
