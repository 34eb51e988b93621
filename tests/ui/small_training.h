#pragma once

// A training run small enough for widget tests: a few hundred sprites and a tiny network, one
// metrics sample per step, so a run takes well under a second and every step is visible.

#include "training/training_config.h"

#include <cstddef>

namespace vae::test {

/// Rows of builtin:sprites the tests load.
inline constexpr std::size_t kSmallSpriteRows = 600;

/// Makes `c` small and fast; architecture fields other than the hidden layers are kept.
inline TrainingConfig make_small(TrainingConfig c, std::size_t epochs) {
    c.architecture.hidden = {32};
    c.batch_size = 32;
    c.epochs = epochs;
    c.threads = 1;
    c.metrics_every = 1;
    c.snapshot_points = 100;
    return c;
}

} // namespace vae::test
