#pragma once

#include "data/dataset.h"
#include "training/training_config.h"
#include "vae/vae_model.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace vae {

/// One point of the metrics stream, every TrainingConfig::metrics_every steps. Losses are
/// averages over the steps since the previous sample, in nats per sample.
struct MetricsSample {
    std::size_t step = 0;
    double epoch = 0.0; ///< fractional: 2.5 = half way through the third epoch
    double elbo = 0.0;  ///< negative; higher is better
    double recon = 0.0; ///< -log p(x|z), positive
    double kl = 0.0;
    double mmd = 0.0; ///< MMD^2 between posterior and prior samples (0 unless the MMD is on)
    // VAE-GAN (all 0 without a discriminator): see StepReport.
    double adversarial = 0.0;        ///< the VAE's -log D(x~), unweighted
    double feature_matching = 0.0;   ///< ||f(x) - f(x~)||^2 per sample, unweighted
    double discriminator_loss = 0.0; ///< the discriminator's BCE (real + fake)
    double d_real = 0.0;             ///< mean D(x) on data
    double d_fake = 0.0;             ///< mean D(x~) on reconstructions and prior samples
    double beta = 0.0;
    double learning_rate = 0.0;
    double samples_per_sec = 0.0;
    double grad_norm = 0.0;
    int rollbacks = 0;               ///< rollbacks so far in the run
    std::size_t total_steps = 0;     ///< steps the whole run will take (for progress and ETA)
    std::uint64_t live_revision = 0; ///< TrainingControl::live_revision() in force
    /// The live settings in force at this sample (the user's values: beta and learning_rate
    /// above are the effective ones after warm-up, schedule and rollbacks).
    LiveSettings settings;
};

/// Once per epoch, after the validation pass.
struct EpochSummary {
    std::size_t epoch = 0; ///< 1-based
    double train_elbo = 0.0;
    double val_elbo = 0.0; ///< NaN when there is no validation split
    double recon = 0.0;
    double kl = 0.0;
    std::vector<double> kl_per_dim;
    /// Per latent dim: variance over the held-out rows of E[z_d|x]; a unit is active when
    /// is_active_unit() says so of it (vae/active_units.h).
    std::vector<double> mean_variance;
    std::size_t active_units = 0;
    /// Training means over the epoch's steps (0 when the term is off): MMD^2, and the VAE-GAN's
    /// adversarial loss, feature matching, discriminator loss, D(x) and D(x~).
    double mmd = 0.0;
    double adversarial = 0.0;
    double feature_matching = 0.0;
    double discriminator_loss = 0.0;
    double d_real = 0.0;
    double d_fake = 0.0;
    double samples_per_sec = 0.0;
    double seconds = 0.0;
    /// Encoder log-variance entries held by their clamp over the epoch's steps, and the log
    /// sigmas held by their floor at the epoch's end (vae_objective.h says why): not 0 means
    /// the data drives the model to a degenerate fit (a constant column, say).
    std::size_t clamped_logvar = 0;
    std::size_t floored_log_sigma = 0;
    /// The live settings in force at the epoch's end, so that a chart can mark where the user
    /// changed beta, the learning rate or a regulariser.
    LiveSettings settings;
};

/// Encoder means of a fixed subsample of the data, for the latent view.
struct LatentSnapshot {
    std::size_t step = 0;
    std::vector<std::size_t> rows; ///< dataset row of each point
    Matrix means;                  ///< rows.size() x latent_dim
};

/// How the trainer reports. Every callback runs on the training thread and must return
/// quickly (copy, queue, return); any of them may be empty.
struct TrainingCallbacks {
    std::function<void(const MetricsSample&)> on_metrics;
    std::function<void(const EpochSummary&)> on_epoch;
    std::function<void(std::shared_ptr<const LatentSnapshot>)> on_snapshot;
    /// A copy of the weights, with each latent snapshot: for decoding while training goes on.
    std::function<void(std::shared_ptr<const VaeModel>)> on_model;
    /// Rollbacks, early stops and other things a user should read.
    std::function<void(const std::string&)> on_message;
};

} // namespace vae
