#pragma once

#include <QColor>
#include <QPointF>
#include <QRegion>
#include <QVector>

#include <qcustomplot.h>

#include <optional>

namespace vae::ui {

/// `count` points evenly spaced by arc length along the polyline `path`, both ends included
/// (one point: the start). Empty when the path is empty or count < 1.
QVector<QPointF> evenly_spaced_along(const QVector<QPointF>& path, int count);

/// The interactive marks of the latent plane: the interpolation path with its frame ticks and
/// end markers, the decoded point's marker, and a ring around the hovered data point. Every
/// mark has a white halo under a dark stroke, so it stays readable over any class colour and
/// over a mosaic of decoded images.
///
/// On screen, ScatterOverlayWidget paints them over the plot (repainting only where they
/// change); as a layerable the overlay draws them into the plot's own renderings (savePng,
/// savePdf, toPixmap) when made visible for an export. Kept hidden otherwise, so that the
/// screen never shows them twice.
class ScatterOverlay : public QCPLayerable {
    Q_OBJECT
public:
    ScatterOverlay(QCPAxisRect* rect, const QString& layer);

    /// The path in plane coordinates (empty: none) and its ticks.
    void setPath(const QVector<QPointF>& polyline, const QVector<QPointF>& ticks);
    void setMarker(std::optional<QPointF> xy);
    /// A ring around a data point at plane `xy` in `color`, or none.
    void setHover(std::optional<QPointF> xy, const QColor& color = QColor());

    [[nodiscard]] const QVector<QPointF>& path() const { return path_; }
    [[nodiscard]] const QVector<QPointF>& ticks() const { return ticks_; }
    [[nodiscard]] std::optional<QPointF> marker() const { return marker_; }
    [[nodiscard]] std::optional<QPointF> hover() const { return hover_; }

    /// Draws the marks at the axes' current pixel positions (not clipped: see area()).
    void paintMarks(QPainter* painter) const;
    /// The pixels the marks may touch, antialiasing included, within area(): what a change
    /// of the marks must repaint (where they were and where they are).
    [[nodiscard]] QRegion coveredRegion() const;
    /// The axis rect the marks are clipped to, as QCustomPlot clips its layerables.
    [[nodiscard]] QRect area() const;

protected:
    void applyDefaultAntialiasingHint(QCPPainter* painter) const override;
    QRect clipRect() const override;
    void draw(QCPPainter* painter) override;

private:
    [[nodiscard]] QPointF toPixel(const QPointF& xy) const;

    QCPAxisRect* rect_;
    QVector<QPointF> path_;
    QVector<QPointF> ticks_;
    std::optional<QPointF> marker_;
    std::optional<QPointF> hover_;
    QColor hover_color_;
};

} // namespace vae::ui
