#pragma once

#include "vae/training_step.h"

#include <cstddef>
#include <vector>

namespace vae {

/// Where a run stood when it ended, for continuing it as if it had not stopped: the epoch and
/// minibatch reached (so the KL warm-up and the shuffles go on), the optimisers' moments and
/// step counts (which are also the learning-rate schedule's position), the train/validation
/// split (so no validation row is trained on), and the rollbacks' learning-rate factor. A
/// value type; Trainer::run returns one in every result.
struct TrainingState {
    std::size_t epoch = 0; ///< epochs completed
    /// Minibatches of the next epoch already taken (a run stopped mid-epoch); equal to the
    /// epoch's count when only its evaluation is missing.
    std::size_t batch = 0;
    /// Weights, Adam state and step counter of the VAE (and of the discriminator, if any).
    TrainingCheckpoint checkpoint;
    std::size_t data_rows = 0; ///< rows of the dataset the split below belongs to
    std::vector<std::size_t> train_rows;
    std::vector<std::size_t> validation_rows;
    /// The learning-rate factor left by rollbacks (each halves it; 1 = none).
    double learning_rate_factor = 1.0;
};

} // namespace vae
