#include "nn/activation.h"

#include <array>
#include <utility>

namespace vae {

namespace {

struct ActivationName {
    std::string_view name;
    Activation activation;
};

// The first entry of each activation is its canonical name; the rest are accepted aliases.
constexpr std::array<ActivationName, 8> activation_names{{
    {"relu", Activation::ReLU},
    {"leaky_relu", Activation::LeakyReLU},
    {"leakyrelu", Activation::LeakyReLU},
    {"elu", Activation::ELU},
    {"silu", Activation::SiLU},
    {"swish", Activation::SiLU},
    {"tanh", Activation::Tanh},
    {"sigmoid", Activation::Sigmoid},
}};

} // namespace

std::optional<Activation> parse_activation(std::string_view name) {
    for (const auto& entry : activation_names)
        if (entry.name == name)
            return entry.activation;
    return std::nullopt;
}

std::string activation_name(Activation a) {
    for (const auto& entry : activation_names)
        if (entry.activation == a)
            return std::string(entry.name);
    return "unknown";
}

} // namespace vae
