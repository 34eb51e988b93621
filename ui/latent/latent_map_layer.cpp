#include "ui/latent/latent_map_layer.h"

#include "latent/nearest_distance_scale.h"
#include "ui/latent/scatter/latent_scatter_view.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

namespace vae::ui {

LatentMapLayer::LatentMapLayer(LatentScatterView* scatter, QObject* parent)
    : QObject(parent), scatter_(scatter), maps_(new LatentMapService(this)) {
    connect(maps_, &LatentMapService::computed, this, &LatentMapLayer::show);
}

void LatentMapLayer::request(std::shared_ptr<const VaeModel> model,
                             std::shared_ptr<const LatentSnapshot> snapshot,
                             std::shared_ptr<const Dataset> data,
                             const std::optional<LatentProjection>& projection) {
    const LatentMapKind kind = scatter_->mapKind();
    if (kind == LatentMapKind::None)
        return;
    if (kind == LatentMapKind::Density && !snapshot)
        return; // the encoder is still at it: its result asks again
    const QRect area = scatter_->plot()->axisRect()->rect();
    const int cell = kind == LatentMapKind::Density ? kDensityCellPx : kConsistencyCellPx;
    if (area.width() < 2 * cell || area.height() < 2 * cell)
        return;
    LatentMapService::Request r;
    r.kind = kind;
    r.model = std::move(model);
    r.snapshot = std::move(snapshot);
    r.data = std::move(data);
    r.projection = projection;
    r.rect = scatter_->visibleRange();
    r.cols = std::clamp(area.width() / cell, 2, 160);
    r.rows = std::clamp(area.height() / cell, 2, 160);
    maps_->request(std::move(r));
}

void LatentMapLayer::cancel() {
    maps_->cancel();
}

void LatentMapLayer::show(const std::shared_ptr<const LatentMapService::Result>& r) {
    if (r->kind != scatter_->mapKind() || r->values.size() == 0)
        return;
    const auto n = static_cast<std::size_t>(r->values.size());
    std::vector<double> alpha;
    std::vector<double> finite;
    std::pair<double, double> range;
    if (r->kind == LatentMapKind::Density && r->log_prior.size() == r->values.size()) {
        // Fade out where neither the prior nor the data put any mass: a ratio of two
        // negligible densities says nothing, and would paint the whole view's edges.
        const Eigen::VectorXd support = (r->values + r->log_prior).cwiseMax(r->log_prior);
        const double top = support.maxCoeff();
        alpha.resize(n);
        for (std::size_t i = 0; i < n; ++i) {
            const double t =
                std::clamp((support(static_cast<Eigen::Index>(i)) - top + 9.0) / 4.0, 0.0, 1.0);
            alpha[i] = t * t * (3.0 - 2.0 * t);
            if (alpha[i] > 0.5 && std::isfinite(r->values(static_cast<Eigen::Index>(i))))
                finite.push_back(r->values(static_cast<Eigen::Index>(i)));
        }
        // Asymmetric around the white 0: holes reach far below (tens of nats) and would
        // wash out the crowded side of a symmetric range.
        range = {finite.empty() ? -6.0 : std::clamp(quantile(finite, 0.05), -12.0, -1.0),
                 finite.empty() ? 3.0 : std::clamp(quantile(finite, 0.99), 1.0, 8.0)};
    } else {
        for (std::size_t i = 0; i < n; ++i)
            if (std::isfinite(r->values(static_cast<Eigen::Index>(i))))
                finite.push_back(r->values(static_cast<Eigen::Index>(i)));
        range = {0.0, finite.empty() ? 1.0 : std::max(quantile(finite, 0.98), 1e-6)};
    }
    result_ = r;
    scatter_->setMap(r->kind, r->values, r->cols, r->rows, r->rect, range, alpha);
    emit shown();
}

} // namespace vae::ui
