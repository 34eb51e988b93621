#pragma once

#include "data/dataset.h"
#include "latent/latent_projection.h"
#include "training/training_events.h"
#include "ui/latent/scatter/latent_map_kind.h"
#include "ui/widgets/background_job.h"
#include "vae/vae_model.h"

#include <QObject>
#include <QRectF>

#include <Eigen/Core>

#include <cstdint>
#include <memory>
#include <optional>

namespace vae::ui {

/// Computes a latent map layer over a grid of plane cells on a pool thread (QtConcurrent), one
/// job at a time: a request made while one runs waits, replaced by any newer one, so a zoom or
/// a stream of training snapshots never piles up work, and only the newest request's result is
/// delivered (computed()). The density's mixture (encoder means and log-variances of up to
/// kMixtureRows of the snapshot's rows) is encoded once per model and snapshot and reused by
/// later requests. Destroying the service waits for the running computation. GUI thread only.
class LatentMapService : public QObject {
    Q_OBJECT
public:
    /// Encoded rows (spread over the snapshot's) whose Gaussians make the aggregate posterior.
    static constexpr std::size_t kMixtureRows = 4000;

    struct Request {
        LatentMapKind kind = LatentMapKind::None;
        std::shared_ptr<const VaeModel> model;
        std::shared_ptr<const LatentSnapshot> snapshot; ///< Density: whose rows make q(z)
        std::shared_ptr<const Dataset> data;            ///< Density: the rows' values
        std::optional<LatentProjection> projection;
        QRectF rect; ///< the plane region covered; cells are centred in it
        int cols = 0;
        int rows = 0;
    };

    struct Result {
        LatentMapKind kind = LatentMapKind::None;
        std::uint64_t generation = 0;
        QRectF rect;
        int cols = 0;
        int rows = 0;
        /// rows * cols values, row-major from the TOP row (the largest y), as
        /// manifold_grid_latents orders the cells; z their codes.
        Eigen::VectorXd values;
        /// Density: log p(z) of each cell (where the prior expects samples); else empty.
        Eigen::VectorXd log_prior;
        Matrix z;
        QString error; ///< non-empty when the computation failed
    };

    /// The mixture a Density map evaluates, with what it was encoded from.
    struct Mixture {
        std::shared_ptr<const VaeModel> model;
        std::shared_ptr<const LatentSnapshot> snapshot;
        Matrix means;
        Matrix logvars;
    };

    explicit LatentMapService(QObject* parent = nullptr);

    /// Starts (or queues) `request`; returns its generation.
    std::uint64_t request(Request request);
    /// Drops the running and the queued request's result (e.g. the layer was switched off).
    void cancel();
    [[nodiscard]] bool busy() const { return job_.isRunning(); }
    [[nodiscard]] std::uint64_t latestGeneration() const { return generation_; }

    /// The cell codes of a request's grid: manifold_grid_latents over the cell centres.
    [[nodiscard]] static Matrix cellLatents(const Request& request);
    /// The computation itself, as the pool thread runs it (tests call it to check values).
    /// `mixture` is reused when it was made from the request's model and snapshot, else
    /// replaced.
    [[nodiscard]] static Result compute(const Request& request,
                                        std::shared_ptr<const Mixture>& mixture);

signals:
    /// GUI thread: the newest request's map.
    void computed(std::shared_ptr<const vae::ui::LatentMapService::Result> result);

private:
    /// What a computation hands back: its map, and the mixture it used for the next one.
    using Computed = std::pair<std::shared_ptr<const Result>, std::shared_ptr<const Mixture>>;

    void start(Request request, std::uint64_t generation);
    void finish(const Computed& out, std::uint64_t generation);

    std::uint64_t generation_ = 0;
    BackgroundJob<Computed> job_;
    std::optional<std::pair<Request, std::uint64_t>> queued_;
    std::shared_ptr<const Mixture> mixture_; ///< GUI thread; the jobs get a copy of the pointer
};

} // namespace vae::ui

Q_DECLARE_METATYPE(std::shared_ptr<const vae::ui::LatentMapService::Result>)
