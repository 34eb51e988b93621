#pragma once

#include <QImage>
#include <QRectF>

#include <qcustomplot.h>

namespace vae::ui {

/// An image stretched over a rectangle of the plane (the decoded-image mosaic of the manifold
/// grid). Drawn straight through QPainter, clipped to the axis rect, rather than as a
/// QCPItemPixmap: that one keeps a copy scaled to the whole target, which after a deep zoom
/// into a stale mosaic would be tens of thousands of pixels wide.
class ScatterMosaic : public QCPLayerable {
    Q_OBJECT
public:
    ScatterMosaic(QCPAxisRect* rect, const QString& layer);

    /// `image`'s top row at `plane_rect`'s largest y; a null image shows nothing.
    void setImage(const QImage& image, const QRectF& plane_rect);
    [[nodiscard]] const QImage& image() const { return image_; }
    [[nodiscard]] QRectF planeRect() const { return plane_rect_; }

protected:
    void applyDefaultAntialiasingHint(QCPPainter* painter) const override;
    QRect clipRect() const override;
    void draw(QCPPainter* painter) override;

private:
    QCPAxisRect* rect_;
    QImage image_;
    QRectF plane_rect_;
};

} // namespace vae::ui
