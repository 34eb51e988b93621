#pragma once

#include "data/seeded_random.h"
#include "nn/activation.h"

#include <cstddef>
#include <optional>
#include <span>

namespace vae {

/// Draws `weights` normal values into params[offset..) and zeroes the `biases` after them: std
/// sqrt(2 / fan_in) (He) before a ReLU-family activation (ReLU, LeakyReLU, ELU, SiLU), sqrt(2 /
/// (fan_in + fan_out)) (Xavier) before tanh, sigmoid or none. He keeps the variance of ReLU-like
/// units' outputs constant with depth; Xavier does the same for units that are linear around 0.
/// Every layer kind stores its biases right after its weights; each says what its fans are.
void draw_weights(std::span<float> params, std::size_t offset, std::size_t weights,
                  std::size_t biases, std::optional<Activation> activation, double fan_in,
                  double fan_out, SeededRandom& rng);

} // namespace vae
