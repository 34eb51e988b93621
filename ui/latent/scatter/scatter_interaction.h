#pragma once

#include <QObject>
#include <QPoint>
#include <QPointF>

#include <optional>

class QCPLegend;
class QCustomPlot;
class QMouseEvent;

namespace vae::ui {

class ScatterViewport;

/// The latent plane's mouse: an event filter on the plot that tells gestures apart and
/// reports them, leaving what they do to its owner. A left press that moves at most
/// LatentScatterView::kDragThresholdPx is a click, farther a drag; a right, middle or
/// Ctrl+left press pans; a left click on a legend entry toggles its class; a double-click
/// resets the view; a right click without a drag asks for the menu. Events it takes part in
/// are consumed, so that QCustomPlot's own left-drag panning never runs; the wheel goes on to
/// QCustomPlot's zoom.
///
/// GUI thread only. The plot, the legend and the viewport must outlive it.
class ScatterInteraction : public QObject {
    Q_OBJECT
public:
    /// Installs itself as an event filter on `plot`.
    ScatterInteraction(QCustomPlot* plot, const QCPLegend& legend, const ScatterViewport& viewport,
                       QObject* parent = nullptr);

signals:
    /// A left click on the plane at `plot_pos` (the press, in plot coordinates).
    void clicked(QPointF plot_pos);
    /// A left drag's move or release, from A (the press) to B (the cursor), plane units.
    void dragMoved(QPointF a, QPointF b);
    void dragReleased(QPointF a, QPointF b);
    /// One step of a pan, in plane units (non-zero).
    void panRequested(double dx, double dy);
    /// The wheel turned over the plane (QCustomPlot zooms next).
    void wheelZoomed();
    void resetRequested();
    void contextMenuRequested(QPoint global_pos);
    void legendEntryClicked(int class_id);
    /// The cursor rests at `plot_pos` with no button down: what is under it may show.
    void hoverMoved(QPointF plot_pos);
    /// Whatever hover shows should go (a press, the cursor left the plot).
    void hoverCleared();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    enum class Gesture { None, Press, Drag, Pan };

    void onPress(QMouseEvent* e);
    void onMove(QMouseEvent* e);
    void onRelease(QMouseEvent* e);
    void setPlotCursor(Qt::CursorShape shape);

    QCustomPlot* plot_;
    const QCPLegend& legend_;
    const ScatterViewport& viewport_;
    Gesture gesture_ = Gesture::None;
    Qt::MouseButton gesture_button_ = Qt::NoButton;
    std::optional<int> legend_press_class_;
    QPointF press_pos_;
    QPointF drag_a_;
    QPointF pan_last_;
    bool pan_moved_ = false;
};

} // namespace vae::ui
