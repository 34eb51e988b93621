#pragma once

#include "data/dataset.h"
#include "vae/active_units.h"
#include "vae/vae_model.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace vae {

/// Settings of evaluate_vae().
struct EvaluationOptions {
    std::size_t batch_size = 500;
    /// K for the importance-weighted bound (Burda et al. 2015); 0: skip it.
    std::size_t iwae_samples = 0;
    std::uint64_t seed = 1; ///< noise stream (seed, batch index): independent of thread count
    std::size_t threads = 1;
    /// A unit is active when Cov_x(E[z_d|x]) exceeds this (is_active_unit()).
    double active_threshold = kActiveUnitThreshold;
    /// Asked before each batch, from the evaluation's threads (so thread-safe and cheap: an
    /// atomic load): true skips the batches not yet started, so that a caller that wants to
    /// stop (a Stop or Close of the app) waits for at most one batch. Empty: never stop.
    std::function<bool()> stop;
};

/// Held-out figures, all per sample in nats.
struct EvaluationResult {
    std::size_t samples = 0;
    double elbo = 0.0;  ///< -(recon + kl), one z sample per row
    double recon = 0.0; ///< -log p(x|z)
    double kl = 0.0;    ///< analytic KL summed over latent dims
    std::vector<double> kl_per_dim;
    std::vector<double> mean_variance; ///< per latent dim: variance over x of E[z_d|x]
    std::size_t active_units = 0;
    /// log-mean-exp over K samples of log p(x|z_k) + log p(z_k) - log q(z_k|x); set when
    /// iwae_samples > 0. A lower bound on log p(x) that is >= the ELBO and grows with K.
    std::optional<double> iwae;
    /// Batches evaluated; fewer than the data's when `stop` said stop, and then `stopped` is
    /// set and no figure above is meaningful.
    std::size_t batches = 0;
    bool stopped = false;
};

/// Evaluates `model` on the rows of `data` (N x input_dim, N >= 1). Const and thread-safe: uses
/// its own workspaces (and options.threads threads of its own). Results do not depend on the
/// thread count.
EvaluationResult evaluate_vae(const VaeModel& model, const Eigen::Ref<const Matrix>& data,
                              const EvaluationOptions& options);

} // namespace vae
