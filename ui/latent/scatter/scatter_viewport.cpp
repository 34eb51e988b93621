#include "ui/latent/scatter/scatter_viewport.h"

#include "ui/latent/scatter/latent_scatter_view.h"
#include "ui/latent/scatter/scatter_raster_plottable.h"

#include <algorithm>

namespace vae::ui {

ScatterViewport::ScatterViewport(QCustomPlot* plot, const ScatterRasterPlottable& points)
    : plot_(plot), points_(points) {}

void ScatterViewport::reset() {
    user_changed_ = false;
    fit();
}

bool ScatterViewport::show(const QRectF& plane_rect) {
    const QRectF r = plane_rect.normalized();
    if (r.isEmpty())
        return false;
    user_changed_ = true;
    QCPRange x(r.left(), r.right());
    QCPRange y(r.top(), r.bottom());
    const QRect rect = plot_->axisRect()->rect();
    if (equal_aspect_ && rect.width() > 0 && rect.height() > 0) {
        const double per_px = std::max(x.size() / rect.width(), y.size() / rect.height());
        x = QCPRange(x.center() - per_px * rect.width() / 2.0,
                     x.center() + per_px * rect.width() / 2.0);
        y = QCPRange(y.center() - per_px * rect.height() / 2.0,
                     y.center() + per_px * rect.height() / 2.0);
    }
    plot_->xAxis->setRange(x);
    plot_->yAxis->setRange(y);
    return true;
}

void ScatterViewport::panBy(double dx, double dy) {
    user_changed_ = true;
    plot_->xAxis->moveRange(dx);
    plot_->yAxis->moveRange(dy);
}

// The data's box with a margin; with an equal aspect, widened on one axis to the rect's shape.
void ScatterViewport::fit() {
    bool found_x = false;
    bool found_y = false;
    QCPRange x = points_.getKeyRange(found_x);
    QCPRange y = points_.getValueRange(found_y);
    if (!found_x || !found_y) {
        x = QCPRange(-3.0, 3.0);
        y = QCPRange(-3.0, 3.0);
    }
    // A single point, or a line, still gets an area around it.
    const double least = std::max({x.size(), y.size(), 1e-6}) * 0.1;
    const double w = std::max(x.size(), least) * (1.0 + 2.0 * LatentScatterView::kFitMargin);
    const double h = std::max(y.size(), least) * (1.0 + 2.0 * LatentScatterView::kFitMargin);
    const double cx = x.center();
    const double cy = y.center();
    const QRect rect = plot_->axisRect()->rect();
    if (equal_aspect_ && rect.width() > 0 && rect.height() > 0) {
        const double per_px = std::max(w / rect.width(), h / rect.height());
        plot_->xAxis->setRange(cx - per_px * rect.width() / 2.0, cx + per_px * rect.width() / 2.0);
        plot_->yAxis->setRange(cy - per_px * rect.height() / 2.0,
                               cy + per_px * rect.height() / 2.0);
    } else {
        plot_->xAxis->setRange(cx - w / 2.0, cx + w / 2.0);
        plot_->yAxis->setRange(cy - h / 2.0, cy + h / 2.0);
    }
}

void ScatterViewport::keepAspect() {
    const QSize size = plot_->axisRect()->rect().size();
    if (!user_changed_) {
        fit();
    } else if (equal_aspect_ && size != last_rect_size_ && size.width() > 0 && size.height() > 0) {
        const QCPRange x = plot_->xAxis->range();
        const QCPRange y = plot_->yAxis->range();
        // Scale from the last layout; the first one (a range set before any layout) takes the
        // larger of the two so that all of the asked region shows.
        const double per_px = last_rect_size_.width() > 0
                                  ? x.size() / last_rect_size_.width()
                                  : std::max(x.size() / size.width(), y.size() / size.height());
        plot_->xAxis->setRange(x.center() - per_px * size.width() / 2.0,
                               x.center() + per_px * size.width() / 2.0);
        plot_->yAxis->setRange(y.center() - per_px * size.height() / 2.0,
                               y.center() + per_px * size.height() / 2.0);
    }
    last_rect_size_ = size;
}

ScatterViewport::State ScatterViewport::state() const {
    return {plot_->xAxis->range(), plot_->yAxis->range(), last_rect_size_};
}

void ScatterViewport::restore(const State& state) {
    plot_->xAxis->setRange(state.x);
    plot_->yAxis->setRange(state.y);
    last_rect_size_ = state.rect_size;
}

QRectF ScatterViewport::visibleRange() const {
    const QCPRange x = plot_->xAxis->range();
    const QCPRange y = plot_->yAxis->range();
    return {x.lower, y.lower, x.size(), y.size()};
}

QPointF ScatterViewport::planeAt(QPointF plot_pos) const {
    return {plot_->xAxis->pixelToCoord(plot_pos.x()), plot_->yAxis->pixelToCoord(plot_pos.y())};
}

QPointF ScatterViewport::pixelAt(QPointF plane) const {
    return {plot_->xAxis->coordToPixel(plane.x()), plot_->yAxis->coordToPixel(plane.y())};
}

bool ScatterViewport::inPlotArea(const QPointF& plot_pos) const {
    return plot_->axisRect()->rect().contains(plot_pos.toPoint());
}

QPointF ScatterViewport::pixelsPerUnit() const {
    const QRect rect = plot_->axisRect()->rect();
    return {rect.width() / plot_->xAxis->range().size(),
            rect.height() / plot_->yAxis->range().size()};
}

} // namespace vae::ui
