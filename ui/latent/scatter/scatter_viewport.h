#pragma once

#include <QPointF>
#include <QRectF>
#include <QSize>

#include <qcustomplot.h>

namespace vae::ui {

class ScatterRasterPlottable;

/// Which part of the latent plane the axes show. Until the user zooms or pans the view follows
/// the data (refitting with a margin whenever the points or the rect change); after that it
/// stays where the user put it. With an equal aspect one plane unit is equally long on both
/// axes, so that the prior's circles are circles and distances read true.
///
/// GUI thread only; the plot and the plottable must outlive it.
class ScatterViewport {
public:
    ScatterViewport(QCustomPlot* plot, const ScatterRasterPlottable& points);

    void setEqualAspect(bool on) { equal_aspect_ = on; }
    /// Fits the data again and follows it until the next zoom or pan.
    void reset();
    /// Shows `plane_rect` as if the user had zoomed there (see LatentScatterView); false,
    /// changing nothing, for an empty rect.
    bool show(const QRectF& plane_rect);
    /// Moves the view by (dx, dy) plane units, as a user's pan.
    void panBy(double dx, double dy);
    /// Notes a zoom the plot made itself (the wheel): the view stops following the data.
    void markUserChanged() { user_changed_ = true; }
    [[nodiscard]] bool userChanged() const { return user_changed_; }
    /// After each layout, before drawing: a view that follows the data refits to the rect; a
    /// view the user set keeps its scale and centre when the rect changes size.
    void keepAspect();

    /// What the axes show and the rect size they were last laid out for; restore() puts both
    /// back (after a rendering at another size).
    struct State {
        QCPRange x;
        QCPRange y;
        QSize rect_size;
    };
    [[nodiscard]] State state() const;
    void restore(const State& state);

    /// See LatentScatterView::visibleRange, planeAt, pixelAt.
    [[nodiscard]] QRectF visibleRange() const;
    [[nodiscard]] QPointF planeAt(QPointF plot_pos) const;
    [[nodiscard]] QPointF pixelAt(QPointF plane) const;
    /// True when `plot_pos` lies over the plane (the axis rect), not the axes or the legend.
    [[nodiscard]] bool inPlotArea(const QPointF& plot_pos) const;
    /// Pixels per plane unit along x (in x()) and y (in y()), in one look-up of the axis rect
    /// (a walk of the plot's layout: a pick on every mouse move should do it once).
    [[nodiscard]] QPointF pixelsPerUnit() const;

private:
    void fit();

    QCustomPlot* plot_;
    const ScatterRasterPlottable& points_;
    QSize last_rect_size_;
    bool user_changed_ = false;
    bool equal_aspect_ = true;
};

} // namespace vae::ui
