#pragma once

#include <QRegion>
#include <QWidget>

class QCustomPlot;

namespace vae::ui {

class ScatterOverlay;

/// Paints a ScatterOverlay's marks over a QCustomPlot, as a transparent child covering the
/// plot. A change of the marks repaints only where they were and where they are now: the
/// plot's own layer replot would update the whole widget, whose paintEvent blends every
/// full-size layer buffer for a marker of 40 × 40 pixels. Below a transparent child, Qt
/// repaints the plot in the child's dirty region only (the plot's buffers are drawn clipped
/// to it). A full replot of the plot repaints the whole widget and so the marks as well, at
/// the axes' new positions. Mouse events pass through to the plot.
class ScatterOverlayWidget : public QWidget {
    Q_OBJECT
public:
    ScatterOverlayWidget(ScatterOverlay* marks, QCustomPlot* plot);

    /// Repaints after a change of the marks: their old region (as last painted) and their new.
    void refresh();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;

private:
    ScatterOverlay* marks_;
    QRegion shown_; ///< where the marks were when last painted
};

} // namespace vae::ui
