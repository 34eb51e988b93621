// LatentScatterView's marks and layers drawn with the points: the path and the marker (on the
// overlay), the prior circles, the manifold mosaic and the map layer under the points. The rest
// of the class is in latent_scatter_view.cpp.

#include "ui/latent/scatter/latent_scatter_view.h"

#include "ui/latent/scatter/scatter_map_button.h"
#include "ui/latent/scatter/scatter_map_layer.h"
#include "ui/latent/scatter/scatter_mosaic.h"
#include "ui/latent/scatter/scatter_overlay.h"
#include "ui/latent/scatter/scatter_prior_circles.h"
#include "ui/latent/scatter/scatter_side_column.h"

#include <QAction>

#include <algorithm>

namespace vae::ui {

void LatentScatterView::setPathSteps(int n) {
    path_steps_ = std::max(2, n);
    setPathPolyline(path_polyline_);
}

void LatentScatterView::setPathPoints(const QVector<QPointF>& polyline) {
    setPathPolyline(polyline);
}

void LatentScatterView::clearPath() {
    setPathPolyline({});
}

void LatentScatterView::setPathPolyline(const QVector<QPointF>& polyline) {
    path_polyline_ = polyline;
    overlay_->setPath(polyline, polyline.size() >= 2 ? evenly_spaced_along(polyline, path_steps_)
                                                     : QVector<QPointF>());
    requestOverlayReplot();
}

QVector<QPointF> LatentScatterView::pathTicks() const {
    return overlay_->ticks();
}

void LatentScatterView::showMarker(QPointF xy) {
    overlay_->setMarker(xy);
    requestOverlayReplot();
}

void LatentScatterView::hideMarker() {
    overlay_->setMarker(std::nullopt);
    requestOverlayReplot();
}

std::optional<QPointF> LatentScatterView::marker() const {
    return overlay_->marker();
}

void LatentScatterView::setPriorCirclesVisible(bool on) {
    prior_action_->setChecked(on);
    if (prior_on_ == on)
        return;
    prior_on_ = on;
    updatePriorItems();
    requestReplot();
}

void LatentScatterView::updatePriorItems() {
    prior_->setVisible(prior_on_, mosaic_->visible());
}

void LatentScatterView::setManifoldTiles(const QImage& mosaic, QRectF plane_rect) {
    mosaic_->setImage(mosaic, plane_rect);
    const bool was_visible = mosaic_->visible();
    mosaic_->setVisible(!mosaic.isNull() && !plane_rect.isEmpty());
    if (was_visible != mosaic_->visible())
        map_->applyAlpha(mosaic_->visible()); // a wash over the images, opaque without them
    updateOpacity();
    updatePriorItems();
    requestReplot();
}

void LatentScatterView::clearManifoldTiles() {
    if (!mosaic_->visible() && mosaic_->image().isNull())
        return;
    mosaic_->setImage(QImage(), QRectF());
    mosaic_->setVisible(false);
    map_->applyAlpha(false);
    updateOpacity();
    updatePriorItems();
    requestReplot();
}

void LatentScatterView::setManifoldGridEnabled(bool on) {
    manifold_action_->setChecked(on);
}

void LatentScatterView::setManifoldGridAvailable(bool available) {
    if (!available)
        manifold_action_->setChecked(false);
    manifold_action_->setEnabled(available);
    manifold_action_->setToolTip(available ? tr("Tile decoded images across the visible region")
                                           : tr("The manifold grid tiles decoded images: it "
                                                "needs image data"));
}

bool LatentScatterView::manifoldGridEnabled() const {
    return manifold_action_->isChecked();
}

void LatentScatterView::setMapKind(LatentMapKind kind) {
    map_button_->setKind(kind);
}

LatentMapKind LatentScatterView::mapKind() const {
    return map_button_->kind();
}

bool LatentScatterView::mapShown() const {
    return map_->shown();
}

QCPColorMap* LatentScatterView::mapPlottable() const {
    return map_->plottable();
}

QCPColorScale* LatentScatterView::mapScale() const {
    return map_->scale();
}

void LatentScatterView::setMap(LatentMapKind kind, const Eigen::VectorXd& values, int cols,
                               int rows, QRectF plane_rect, std::pair<double, double> range,
                               const std::vector<double>& alpha) {
    if (kind != mapKind())
        return;
    const bool had_map = map_->shown();
    if (!map_->show(kind, values, cols, rows, plane_rect, range, alpha, mosaic_->visible()))
        return;
    if (!had_map) {
        side_->arrangeForMap();
        updateOpacity();
    }
    requestReplot();
}

void LatentScatterView::clearMap() {
    if (!map_->clear())
        return;
    side_->arrangeForMap();
    updateOpacity();
    requestReplot();
}

std::optional<double> LatentScatterView::mapValueAt(QPointF xy) const {
    return map_->valueAt(xy);
}

QString LatentScatterView::mapText(QPointF xy) const {
    return map_->text(mapKind(), xy);
}

} // namespace vae::ui
