#pragma once

#include "data/dataset.h"
#include "training/training_config.h"
#include "training/training_control.h"
#include "training/training_events.h"
#include "training/training_state.h"
#include "vae/vae_model.h"

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace vae {

/// One setting change that would likely stop a divergence: named as the settings panel and the
/// CLI name it, so the message can say exactly what to change and the GUI can offer to apply it.
struct SuggestedFix {
    enum class Setting { LearningRate, ClipNorm, Normalization } setting = Setting::LearningRate;
    std::string label;    ///< the settings panel's name, e.g. "Learning rate"
    std::string cli_flag; ///< the flag with its value, e.g. "--lr 0.0002"
    double value = 0.0;   ///< the new value; Normalization: a Normalization::Kind as a number
};

/// How a run ended, and what it produced.
struct TrainingResult {
    std::shared_ptr<const VaeModel> model; ///< the trained (or last good) weights
    enum class End { Completed, Stopped, Diverged } end = End::Completed;
    std::string message;                       ///< a sentence for the user
    std::optional<SuggestedFix> suggested_fix; ///< set when the run diverged
    int rollbacks = 0;
    std::size_t steps = 0;
    std::size_t epochs_completed = 0;
    std::optional<EpochSummary> last_epoch;
    double seconds = 0.0;
    double samples_per_sec = 0.0; ///< training samples per second of training time
    /// Where the run stood at its end: hand it to a Trainer to continue the run.
    std::shared_ptr<const TrainingState> state;
};

/// Trains a VAE on a dataset: shuffled minibatch epochs over the training rows, a validation
/// pass after each epoch, KL warm-up (linear or cyclical), the MMD regulariser and the VAE-GAN
/// discriminator when configured, the learning-rate schedule, the metrics stream, latent
/// snapshots, and the divergence guard (a step whose loss or gradient is not finite changes
/// nothing; the trainer restores the last good weights, halves the learning rate and goes on,
/// and stops after TrainingConfig::max_rollbacks rollbacks).
/// Deterministic: the same data, config (seed and threads included) give bitwise-identical
/// losses. run() is called on one thread (a worker); `control` may be used from any other.
class Trainer {
public:
    /// Keeps a reference to `data`, which must outlive the trainer and not change. Throws
    /// std::invalid_argument when the config is invalid for this data (the message says why).
    /// With `continue_from` (a TrainingResult::state), run() carries that run on: its split,
    /// epoch and minibatch, warm-up, schedule position, optimiser moments and rollback factor;
    /// config.epochs counts the whole run's epochs from its first start. Throws
    /// std::invalid_argument when the state belongs to other data or has done all the epochs.
    Trainer(const Dataset& data, TrainingConfig config,
            std::shared_ptr<const TrainingState> continue_from = nullptr);
    ~Trainer();
    Trainer(const Trainer&) = delete;
    Trainer& operator=(const Trainer&) = delete;

    /// Starts from `initial` when given (fine-tuning a loaded model), else from the weights of
    /// the state continued from, else from fresh weights.
    TrainingResult run(TrainingControl& control, const TrainingCallbacks& callbacks,
                       const std::shared_ptr<const VaeModel>& initial = nullptr);

    [[nodiscard]] const TrainingConfig& config() const { return config_; }
    /// Rows used for training and for validation (a seeded split of the dataset).
    [[nodiscard]] const std::vector<std::size_t>& training_rows() const { return train_rows_; }
    [[nodiscard]] const std::vector<std::size_t>& validation_rows() const { return val_rows_; }

private:
    void split_rows(std::size_t n);

    const Dataset& data_;
    TrainingConfig config_;
    std::vector<std::size_t> train_rows_;
    std::vector<std::size_t> val_rows_;
    std::vector<std::size_t> snapshot_rows_;
    std::shared_ptr<const TrainingState> continue_from_;
};

/// The KL weight at fractional epoch `epoch` (0 at the start): beta, ramped linearly from 0
/// over the first `warmup_epochs` epochs.
double kl_weight(double beta, std::size_t warmup_epochs, double epoch);

/// The cyclical KL weight (Fu et al. 2019) at fractional epoch `epoch`: with t the position in
/// the current cycle (epoch mod cycle_epochs, over cycle_epochs), beta * min(1, t / ratio).
/// cycle_epochs > 0, ratio in (0, 1].
double cyclical_kl_weight(double beta, double cycle_epochs, double ratio, double epoch);

} // namespace vae
