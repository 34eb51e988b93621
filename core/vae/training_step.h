#pragma once

#include "data/dataset.h"
#include "nn/adam_optimizer.h"
#include "vae/discriminator.h"
#include "vae/vae_model.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

namespace vae {

class WorkerPool;

/// Per-step knobs (the trainer may change them every step).
struct StepOptions {
    float beta = 1.0f;      ///< weight of the KL term
    float free_bits = 0.0f; ///< KL floor per latent dim in nats (0: off)
    float learning_rate = 1e-3f;
    float clip_norm = 0.0f; ///< global gradient-norm clip (0: off)
    /// Weight lambda of the MMD between the batch's posterior samples and as many prior samples
    /// (InfoVAE / MMD-VAE; see mmd_objective.h). 0: off (and not computed).
    float mmd_weight = 0.0f;
    /// VAE-GAN (needs TrainingStepConfig::discriminator): weight gamma of the non-saturating
    /// adversarial loss -log D(x~) of the reconstructions and prior samples, averaged.
    float adversarial_weight = 0.0f;
    /// VAE-GAN: weight of the feature-matching reconstruction ||f(x) - f(x~)||^2 in the
    /// discriminator's last hidden layer, per sample.
    float feature_matching_weight = 0.0f;
    float discriminator_learning_rate = 2e-4f;
};

/// What one step measured. Values are per-sample averages over the minibatch, in nats.
struct StepReport {
    /// The objective minimised: recon + beta * sum_d max(kl_d, free_bits) + mmd_weight * mmd
    /// + adversarial_weight * adversarial + feature_matching_weight * feature_matching.
    double loss = 0.0;
    double recon = 0.0; ///< -log p(x|z), summed over dimensions
    double kl = 0.0;    ///< KL(q(z|x) || p(z)) summed over latent dims (no beta, no free bits)
    double mmd = 0.0;   ///< MMD^2 of the batch (unweighted); 0 when mmd_weight is 0
    // VAE-GAN (0 without a discriminator). The fakes are the reconstructions of the batch and
    // as many decoded prior samples.
    double adversarial = 0.0;        ///< -log D(x~), mean over the fakes (unweighted)
    double feature_matching = 0.0;   ///< ||f(x) - f(x~)||^2, mean over the reconstructions
    double discriminator_loss = 0.0; ///< -log D(x) mean + -log(1 - D(x~)) mean over the fakes
    double d_real = 0.0;             ///< mean D(x) of the data (a probability)
    double d_fake = 0.0;             ///< mean D(x~) of the fakes
    std::vector<double> kl_per_dim;  ///< size latent_dim, batch means
    double grad_norm = 0.0;          ///< L2 norm of the gradient before clipping
    /// Entries of the batch's encoder log-variance held by the clamp [kMinLogvar, kMaxLogvar]
    /// (vae_objective.h), and log sigmas held by their floor kMinLogSigma: both pass no gradient.
    std::size_t clamped_logvar = 0;
    std::size_t floored_log_sigma = 0;
    bool finite = false; ///< loss and gradient finite; only then were the weights updated
    [[nodiscard]] double elbo() const { return -(recon + kl); }
};

/// Everything a rollback needs: parameters, Adam state and the step counter (which picks the
/// reparameterisation noise). A value type.
struct TrainingCheckpoint {
    std::vector<float> parameters;
    AdamState optimizer;
    std::uint64_t steps = 0;
    std::vector<float> discriminator; ///< empty without one
    AdamState discriminator_optimizer;
};

/// The VAE-GAN's discriminator: its shape (input_dim is the model's) and its own Adam, with
/// the momentum 0.5 that GANs are usually trained with.
struct DiscriminatorConfig {
    /// Conv layers on the model's image before the hidden ones; empty: an MLP discriminator.
    std::vector<ConvStage> conv;
    std::vector<std::size_t> hidden = {256, 128};
    Activation activation = Activation::LeakyReLU;
    AdamConfig optimizer{0.5f, 0.999f, 1e-8f, 0.0f, false};
};

/// Construction settings.
struct TrainingStepConfig {
    AdamConfig optimizer;    ///< Adam, or AdamW with decoupled = true
    std::uint64_t seed = 1;  ///< reparameterisation noise: stream (seed, step number)
    std::size_t threads = 0; ///< 0: all cores (WorkerPool::default_threads())
    /// Set: train a discriminator beside the VAE (VAE-GAN). It is training-only; model() stays
    /// a plain VAE.
    std::optional<DiscriminatorConfig> discriminator;
};

/// One minibatch of training: forward, loss, backward, optimiser. Owns the model being trained,
/// its gradient buffer (same layout as the parameters), the optimiser state, the workspaces and
/// the worker threads. The minibatch is split into one contiguous shard per thread; each
/// thread's gradient is summed in thread order, so the same seed and thread count give bitwise
/// identical results (a different thread count changes only the summation order).
/// Not thread-safe: one thread drives it; copy model() to hand it to others.
/// With a discriminator, each step also decodes B prior samples, scores the data, the
/// reconstructions and those samples with the discriminator (all with its weights before the
/// step), and then updates both players from that one pass: the VAE with the gradient of
/// report.loss, the discriminator with that of report.discriminator_loss.
class TrainingStep {
public:
    TrainingStep(VaeModel model, const TrainingStepConfig& config);
    ~TrainingStep();
    TrainingStep(const TrainingStep&) = delete;
    TrainingStep& operator=(const TrainingStep&) = delete;

    /// batch: B x input_dim rows (B >= 1; throws std::invalid_argument otherwise, and when
    /// adversarial or feature-matching weights are set without a discriminator). Updates the
    /// weights only when report.finite (a non-finite learning rate also counts as not finite).
    StepReport step(const Eigen::Ref<const Matrix>& batch, const StepOptions& options);
    /// Gathers data.row(rows[i]) into a reused buffer, then step(). Throws std::out_of_range for a
    /// row index past the data.
    StepReport step(const Matrix& data, std::span<const std::size_t> rows,
                    const StepOptions& options);
    /// Forward and backward only: fills gradient() and the report (grad_norm, finite), changes
    /// no weights, and does not advance the step counter.
    StepReport compute_gradient(const Eigen::Ref<const Matrix>& batch, const StepOptions& options);

    [[nodiscard]] const VaeModel& model() const { return model_; }
    /// Gradient of report.loss from the last step/compute_gradient (before clipping).
    [[nodiscard]] std::span<const float> gradient() const { return gradients_[0]; }
    /// The discriminator (nullptr without one), and the gradient of report.discriminator_loss
    /// w.r.t. its parameters from the last step/compute_gradient.
    [[nodiscard]] const Discriminator* discriminator() const { return discriminator_.get(); }
    [[nodiscard]] std::span<const float> discriminator_gradient() const;
    [[nodiscard]] const AdamOptimizer& optimizer() const { return optimizer_; }
    /// Steps taken (calls of step(), finite or not).
    [[nodiscard]] std::uint64_t steps() const { return steps_; }
    [[nodiscard]] std::size_t threads() const;

    /// The random stream of the prior samples of step `step` (drawn with fill_standard_normal
    /// from the config's seed, B x latent_dim): independent of the reparameterisation noise,
    /// whose stream is the step number itself.
    static std::uint64_t prior_sample_stream(std::uint64_t step) {
        return step ^ 0x8000000000000000ULL;
    }

    [[nodiscard]] TrainingCheckpoint checkpoint() const;
    /// Restores a checkpoint of this model (sizes must match; throws std::invalid_argument).
    void restore(const TrainingCheckpoint& checkpoint);

private:
    // Shard s of a VAE-GAN step, after its encoder pass: decodes its posterior and prior
    // samples, scores them and its data rows, fills the discriminator's gradient of the shard,
    // and leaves in workspaces_[s].d_output the decoder-output gradient of both row blocks.
    void gan_shard(std::size_t s, const Eigen::Ref<const Matrix>& x, Eigen::Index begin,
                   const StepOptions& options, double inv_rows);
    StepReport forward_backward(const Eigen::Ref<const Matrix>& batch, const StepOptions& options,
                                std::uint64_t noise_stream);

    VaeModel model_;
    AdamOptimizer optimizer_;
    std::uint64_t seed_ = 1;
    std::uint64_t steps_ = 0;
    std::unique_ptr<WorkerPool> pool_;
    std::vector<VaeWorkspace> workspaces_;     ///< one per thread
    std::vector<AlignedFloats> gradients_;     ///< one per thread; [0] is the total
    std::vector<std::vector<double>> kl_sums_; ///< one per thread, size L
    std::vector<double> recon_sums_;           ///< one per thread
    std::vector<std::size_t> clamped_counts_;  ///< one per thread: logvar entries on the clamp
    std::vector<double> norm_parts_;           ///< one per thread
    Matrix eps_;                               ///< B x L noise of the whole batch
    Matrix prior_;                             ///< B x L prior samples (MMD, VAE-GAN)
    Matrix z_all_;                             ///< B x L posterior samples of the batch (MMD)
    Matrix d_mmd_;                             ///< B x L weighted MMD gradient
    struct GanShard;
    std::unique_ptr<Discriminator> discriminator_;
    AdamOptimizer discriminator_optimizer_;
    std::vector<GanShard> gan_; ///< one per thread, with a discriminator only
    Matrix gathered_;           ///< reused batch buffer for row lists
};

} // namespace vae
