#include "ui/latent/scatter/scatter_hover.h"

#include "ui/latent/scatter/latent_scatter_view.h"
#include "ui/latent/scatter/scatter_overlay.h"
#include "ui/latent/scatter/scatter_series.h"
#include "ui/latent/scatter/scatter_viewport.h"

#include <QToolTip>

#include <qcustomplot.h>

namespace vae::ui {
namespace {

// Where a tooltip opens relative to what it describes: below right, clear of the cursor.
const QPoint kTipOffset(12, 8);

} // namespace

ScatterHover::ScatterHover(const LatentScatterView& view, const ScatterSeries& series,
                           const ScatterViewport& viewport, ScatterOverlay& overlay)
    : view_(view), series_(series), viewport_(viewport), overlay_(overlay) {}

bool ScatterHover::update(const QPointF& plot_pos) {
    QCustomPlot* plot = view_.plot();
    const bool over_plane = viewport_.inPlotArea(plot_pos);
    const auto hit = over_plane ? view_.pointNear(plot_pos) : std::nullopt;
    if (!hit && view_.mapShown() && over_plane) {
        // Away from points the map's value under the cursor (a lookup: cheap on every move).
        const bool changed = clear();
        const QString text = view_.mapText(viewport_.planeAt(plot_pos));
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(plot->mapToGlobal(plot_pos.toPoint() + kTipOffset), text, plot);
        return changed;
    }
    if (hit == point_)
        return false;
    if (!hit)
        return clear();
    point_ = hit;
    text_ = series_.text(*hit);
    const QPointF xy = series_.position(*hit);
    overlay_.setHover(xy, series_.ringColor(*hit));
    QToolTip::showText(plot->mapToGlobal(viewport_.pixelAt(xy).toPoint() + kTipOffset), text_,
                       plot);
    return true;
}

bool ScatterHover::clear() {
    if (!point_)
        return false;
    point_.reset();
    text_.clear();
    overlay_.setHover(std::nullopt);
    QToolTip::hideText();
    return true;
}

} // namespace vae::ui
