#include "ui/latent/scatter/scatter_map_layer.h"

#include "ui/latent/scatter/scatter_palette.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace vae::ui {
namespace {

// A map over the manifold mosaic is a wash, so that the images stay visible through it.
constexpr double kMapOverMosaicAlpha = 0.45;

} // namespace

ScatterMapLayer::ScatterMapLayer(QCustomPlot* plot, const QFont& tick_font,
                                 const QFont& label_font) {
    map_ = new QCPColorMap(plot->xAxis, plot->yAxis);
    map_->setLayer(QStringLiteral("map"));
    map_->setSelectable(QCP::stNone);
    map_->setInterpolate(true);
    map_->setTightBoundary(false);
    map_->setVisible(false);
    scale_ = new QCPColorScale(plot);
    scale_->setType(QCPAxis::atRight);
    scale_->setBarWidth(10);
    scale_->setRangeDrag(false);
    scale_->setRangeZoom(false);
    scale_->axis()->setTickLabelFont(tick_font);
    scale_->axis()->setLabelFont(label_font);
    scale_->setMinimumMargins(QMargins(4, 12, 4, 0));
    scale_->setVisible(false);
    map_->setColorScale(scale_);
}

bool ScatterMapLayer::show(LatentMapKind kind, const Eigen::VectorXd& values, int cols, int rows,
                           QRectF plane_rect, std::pair<double, double> range,
                           const std::vector<double>& alpha, bool over_mosaic) {
    const QRectF r = plane_rect.normalized();
    if (kind == LatentMapKind::None || cols < 2 || rows < 2 ||
        values.size() != static_cast<Eigen::Index>(cols) * rows || r.isEmpty())
        return false;
    QCPColorMapData* data = map_->data();
    data->setSize(cols, rows);
    // The cells' centres: the layer covers the rectangle exactly.
    const double hx = r.width() / (2.0 * cols);
    const double hy = r.height() / (2.0 * rows);
    data->setRange(QCPRange(r.left() + hx, r.right() - hx),
                   QCPRange(r.top() + hy, r.bottom() - hy));
    for (int row = 0; row < rows; ++row)
        for (int c = 0; c < cols; ++c) {
            const double v = values(static_cast<Eigen::Index>(row) * cols + c);
            // Row 0 is the top: the largest y, the last value index.
            data->setCell(c, rows - 1 - row, std::isfinite(v) ? v : std::nan(""));
        }
    alpha_ = alpha.size() == static_cast<std::size_t>(values.size())
                 ? alpha
                 : std::vector<double>(static_cast<std::size_t>(values.size()), 1.0);
    applyAlpha(over_mosaic);
    double lo = range.first;
    double hi = range.second;
    if (!(hi > lo)) {
        lo = std::isfinite(lo) ? lo : 0.0;
        hi = lo + 1.0;
    }
    map_->setGradient(kind == LatentMapKind::Density ? scatter_diverging(-lo / (hi - lo))
                                                     : scatter_sequential());
    map_->setDataRange(QCPRange(lo, hi));
    scale_->axis()->setLabel(kind == LatentMapKind::Density
                                 ? tr("log q(z)/p(z)   ← holes · crowded →")
                                 : tr("‖z − enc(dec(z))‖   good → garbage"));
    map_->setVisible(true);
    return true;
}

void ScatterMapLayer::applyAlpha(bool over_mosaic) {
    QCPColorMapData* data = map_->data();
    const int cols = data->keySize();
    const int rows = data->valueSize();
    if (alpha_.size() != static_cast<std::size_t>(cols) * static_cast<std::size_t>(rows))
        return;
    const double wash = over_mosaic ? kMapOverMosaicAlpha : 1.0;
    for (int row = 0; row < rows; ++row)
        for (int c = 0; c < cols; ++c) {
            const double a = alpha_[static_cast<std::size_t>(row * cols + c)] * wash;
            data->setAlpha(c, rows - 1 - row,
                           static_cast<unsigned char>(std::lround(std::clamp(a, 0.0, 1.0) * 255)));
        }
}

bool ScatterMapLayer::clear() {
    if (!map_->visible())
        return false;
    map_->setVisible(false);
    map_->data()->clear();
    alpha_.clear();
    return true;
}

bool ScatterMapLayer::shown() const {
    return map_->visible();
}

std::optional<double> ScatterMapLayer::valueAt(QPointF xy) const {
    if (!map_->visible())
        return std::nullopt;
    QCPColorMapData* data = map_->data(); // cell() is not const
    int k = 0;
    int v = 0;
    data->coordToCell(xy.x(), xy.y(), &k, &v);
    if (k < 0 || v < 0 || k >= data->keySize() || v >= data->valueSize())
        return std::nullopt;
    const double value = data->cell(k, v);
    if (!std::isfinite(value))
        return std::nullopt;
    return value;
}

QString ScatterMapLayer::text(LatentMapKind kind, QPointF xy) const {
    const auto v = valueAt(xy);
    if (!v)
        return {};
    if (kind == LatentMapKind::Density) {
        const QString ratio = QString::number(*v, 'f', 2);
        if (*v < -1.0)
            return tr("log q/p = %1: fewer codes than the prior expects (×%2)")
                .arg(ratio, QString::number(std::exp(*v), 'g', 2));
        if (*v > 1.0)
            return tr("log q/p = %1: codes crowd here (×%2 the prior)")
                .arg(ratio, QString::number(std::exp(*v), 'g', 2));
        return tr("log q/p = %1: about as dense as the prior").arg(ratio);
    }
    return tr("‖z − enc(dec(z))‖ = %1").arg(QString::number(*v, 'f', 3));
}

} // namespace vae::ui
