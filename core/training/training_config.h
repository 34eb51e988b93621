#pragma once

#include "vae/vae_architecture.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vae {

enum class OptimizerKind { Adam, AdamW };
enum class LrSchedule { Constant, Cosine };

/// How the KL weight reaches beta. Linear: one ramp from 0 over warmup_epochs. Cyclical (Fu et
/// al. 2019): the ramp repeats every cycle_epochs, rising over the first cycle_ratio of each
/// cycle and holding beta for the rest, so that the decoder is re-taught to use z each cycle.
enum class WarmupSchedule { Linear, Cyclical };

/// "linear", "cyclical".
std::optional<WarmupSchedule> parse_warmup_schedule(std::string_view name);
std::string warmup_schedule_name(WarmupSchedule s);

/// Everything that decides a training run. A value type: the GUI edits a copy and hands it
/// to the trainer, which keeps its own.
struct TrainingConfig {
    VaeArchitecture architecture; ///< input_dim is taken from the data when 0

    float beta = 1.0f;             ///< weight of the KL term after warm-up
    std::size_t warmup_epochs = 0; ///< KL weight rises linearly from 0 to beta over these epochs
    float free_bits = 0.0f;        ///< KL floor per latent dimension, in nats (0 = off)
    WarmupSchedule warmup_schedule = WarmupSchedule::Linear;
    double cycle_epochs = 2.5; ///< Cyclical: length of one cycle in epochs (> 0)
    double cycle_ratio = 0.5;  ///< Cyclical: fraction of each cycle spent ramping, in (0, 1]
    /// Weight lambda of the MMD between the aggregate posterior and the prior (InfoVAE); 0 = off.
    /// Against a loss summed over the input's dimensions, useful values are in the hundreds.
    float mmd_weight = 0.0f;

    /// VAE-GAN (Larsen et al. 2016): weight gamma of the adversarial loss -log D(x~) of the
    /// reconstructions and prior samples. The discriminator trains whenever gan_weight or
    /// feature_matching is above 0; it is training-only (the saved model is a plain VAE).
    float gan_weight = 0.0f;
    /// VAE-GAN: weight of ||f(x) - f(x~)||^2 in the discriminator's last hidden layer.
    float feature_matching = 0.0f;
    float gan_learning_rate = 2e-4f; ///< the discriminator's Adam (beta1 0.5)
    /// The discriminator's two hidden widths; a second width of 0 leaves one hidden layer. (A
    /// fixed array rather than a vector: a second vector in this struct sets off false
    /// use-after-free warnings of g++ 12 wherever a config is returned by value.)
    std::array<std::size_t, 2> discriminator_hidden = {256, 128};

    /// Whether the run trains a discriminator.
    [[nodiscard]] bool gan_enabled() const { return gan_weight > 0.0f || feature_matching > 0.0f; }

    std::size_t epochs = 10;
    std::size_t batch_size = 128;
    float learning_rate = 1e-3f;
    OptimizerKind optimizer = OptimizerKind::Adam;
    float weight_decay = 0.0f; ///< AdamW only
    float clip_norm = 0.0f;    ///< global gradient-norm clip (0 = off)
    LrSchedule schedule = LrSchedule::Constant;

    std::uint64_t seed = 1;
    int threads = 0;                     ///< 0 = all cores
    double validation_split = 0.1;       ///< fraction of rows held out (0 = none)
    std::size_t metrics_every = 20;      ///< steps between metrics samples
    std::size_t snapshot_points = 10000; ///< rows in a latent snapshot (a fixed subsample)
    std::size_t snapshot_every = 0;      ///< steps between latent snapshots (0 = each epoch)
    int max_rollbacks = 3;               ///< divergences survived before the run stops
};

/// The settings a user may change while a run goes on. They replace the run's TrainingConfig
/// values of the same names from the next minibatch on.
struct LiveSettings {
    float beta = 1.0f;
    float learning_rate = 1e-3f; ///< the schedule's base rate
    std::size_t warmup_epochs = 0;
    // The regularisers' weights, as in TrainingConfig.
    float free_bits = 0.0f;
    float mmd_weight = 0.0f;
    float gan_weight = 0.0f;
    float feature_matching = 0.0f;

    friend bool operator==(const LiveSettings&, const LiveSettings&) = default;
};

/// The discriminator's hidden widths of `c` (one or two layers).
std::vector<std::size_t> discriminator_widths(const TrainingConfig& c);

/// The settings of `c` that may change during a run.
LiveSettings live_settings_of(const TrainingConfig& c);

/// A one-line reason when `c` cannot be trained (latent 0, batch 0, ...), else empty.
std::string validate(const TrainingConfig& c);
/// The same for settings changed during a run (beta < 0, a learning rate <= 0, ...).
std::string live_settings_error(const LiveSettings& s);

} // namespace vae
