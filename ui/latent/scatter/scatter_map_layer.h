#pragma once

#include "ui/latent/scatter/latent_map_kind.h"

#include <Eigen/Core>

#include <QCoreApplication>
#include <QFont>
#include <QPointF>
#include <QRectF>
#include <QString>

#include <optional>
#include <utility>
#include <vector>

class QCPColorMap;
class QCPColorScale;
class QCustomPlot;

namespace vae::ui {

/// The latent plane's map layer: a colour map of cell values (posterior against prior, or
/// decoding consistency) on the "map" layer under the points, and its colour scale, which the
/// side column places. Both are owned by the plot. GUI thread only.
class ScatterMapLayer {
    Q_DECLARE_TR_FUNCTIONS(ScatterMapLayer)
public:
    /// Adds the (hidden) map and its scale to `plot`, whose "map" layer must exist.
    ScatterMapLayer(QCustomPlot* plot, const QFont& tick_font, const QFont& label_font);

    /// Shows `values` for `kind` (see LatentScatterView::setMap); `over_mosaic` washes the
    /// cells out. False, changing nothing, for kind None or values that do not fit.
    bool show(LatentMapKind kind, const Eigen::VectorXd& values, int cols, int rows,
              QRectF plane_rect, std::pair<double, double> range, const std::vector<double>& alpha,
              bool over_mosaic);
    /// Sets the cells' alpha: their fade times the wash over a mosaic, if one shows.
    void applyAlpha(bool over_mosaic);
    /// Hides and empties the layer; false when none showed.
    bool clear();

    [[nodiscard]] bool shown() const;
    /// The cell's value at plane `xy`; nullopt outside the layer, on NaN or without one.
    [[nodiscard]] std::optional<double> valueAt(QPointF xy) const;
    /// The hover text for plane `xy` on a layer of `kind`; empty without a value.
    [[nodiscard]] QString text(LatentMapKind kind, QPointF xy) const;
    [[nodiscard]] QCPColorMap* plottable() const { return map_; }
    [[nodiscard]] QCPColorScale* scale() const { return scale_; }

private:
    QCPColorMap* map_;
    QCPColorScale* scale_;
    std::vector<double> alpha_; ///< the shown map's fade per cell (row-major from the top)
};

} // namespace vae::ui
