#include "nn/weight_init.h"

#include <algorithm>
#include <cmath>

namespace vae {

void draw_weights(std::span<float> params, std::size_t offset, std::size_t weights,
                  std::size_t biases, std::optional<Activation> activation, double fan_in,
                  double fan_out, SeededRandom& rng) {
    const bool relu_family =
        activation && (*activation == Activation::ReLU || *activation == Activation::LeakyReLU ||
                       *activation == Activation::ELU || *activation == Activation::SiLU);
    const double std_dev =
        relu_family ? std::sqrt(2.0 / fan_in) : std::sqrt(2.0 / (fan_in + fan_out));
    for (std::size_t i = 0; i < weights; ++i)
        params[offset + i] = static_cast<float>(std_dev * rng.normal());
    std::fill_n(params.begin() + static_cast<std::ptrdiff_t>(offset + weights), biases, 0.0f);
}

} // namespace vae
