#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace vae {

enum class Activation { ReLU, LeakyReLU, ELU, SiLU, Tanh, Sigmoid };

/// "relu", "leaky_relu", "elu", "silu", "tanh", "sigmoid" (also "leakyrelu", "swish").
std::optional<Activation> parse_activation(std::string_view name);
std::string activation_name(Activation a);

} // namespace vae
