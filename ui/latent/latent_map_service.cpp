#include "ui/latent/latent_map_service.h"

#include "latent/latent_maps.h"
#include "latent/manifold_grid.h"
#include "latent/nearest_distance_scale.h"
#include "vae/latent_ops.h"

#include <exception>
#include <utility>

namespace vae::ui {

LatentMapService::LatentMapService(QObject* parent) : QObject(parent) {
    qRegisterMetaType<std::shared_ptr<const Result>>();
}

std::uint64_t LatentMapService::request(Request request) {
    const std::uint64_t generation = ++generation_;
    if (job_.isRunning())
        queued_ = std::pair(std::move(request), generation); // replaces an older queued one
    else
        start(std::move(request), generation);
    return generation;
}

void LatentMapService::cancel() {
    ++generation_;
    queued_.reset();
}

void LatentMapService::start(Request request, std::uint64_t generation) {
    job_.start(
        [request = std::move(request), generation, mixture = mixture_](JobControl&) mutable {
            auto result = std::make_shared<Result>(compute(request, mixture));
            result->generation = generation;
            return Computed(std::move(result), std::move(mixture));
        },
        [this, generation](const Computed& out) { finish(out, generation); });
}

void LatentMapService::finish(const Computed& out, std::uint64_t generation) {
    if (out.second)
        mixture_ = out.second;
    if (queued_) {
        auto next = std::exchange(queued_, std::nullopt);
        start(std::move(next->first), next->second);
    }
    if (generation == generation_ && out.first)
        emit computed(out.first);
}

Matrix LatentMapService::cellLatents(const Request& r) {
    // Cell centres, so that the cells tile the rectangle exactly.
    const double hx = r.rect.width() / (2.0 * r.cols);
    const double hy = r.rect.height() / (2.0 * r.rows);
    return manifold_grid_latents(
        *r.projection, r.rect.left() + hx, r.rect.right() - hx, r.rect.top() + hy,
        r.rect.bottom() - hy, static_cast<std::size_t>(r.cols), static_cast<std::size_t>(r.rows));
}

LatentMapService::Result LatentMapService::compute(const Request& r,
                                                   std::shared_ptr<const Mixture>& mixture) {
    Result out;
    out.kind = r.kind;
    out.rect = r.rect;
    out.cols = r.cols;
    out.rows = r.rows;
    try {
        if (r.kind == LatentMapKind::None || !r.model || !r.projection || r.cols <= 0 ||
            r.rows <= 0 || r.projection->latent_dim() != r.model->latent_dim())
            throw std::invalid_argument("nothing to map");
        out.z = cellLatents(r);
        if (r.kind == LatentMapKind::Consistency) {
            out.values = decoding_consistency(*r.model, out.z);
            return out;
        }
        if (!r.snapshot || !r.data || r.snapshot->rows.empty())
            throw std::invalid_argument("no encodings to estimate the aggregate posterior from");
        if (!mixture || mixture->model != r.model || mixture->snapshot != r.snapshot) {
            auto m = std::make_shared<Mixture>();
            m->model = r.model;
            m->snapshot = r.snapshot;
            std::vector<std::size_t> rows;
            for (const std::size_t i : spread_rows(r.snapshot->rows.size(), kMixtureRows))
                rows.push_back(r.snapshot->rows[i]);
            // The encoder's own variances: q(z) is a mixture of the posteriors, not a KDE of
            // the means with a guessed bandwidth.
            encode_rows(*r.model, r.data->values, rows, m->means, m->logvars);
            mixture = std::move(m);
        }
        out.log_prior = log_standard_normal(out.z);
        out.values =
            log_aggregate_posterior(out.z, mixture->means, mixture->logvars) - out.log_prior;
    } catch (const std::exception& e) {
        out.error = QString::fromStdString(e.what());
        out.values.resize(0);
    }
    return out;
}

} // namespace vae::ui
