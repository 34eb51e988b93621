#include "vae/vae_architecture.h"

#include <array>
#include <cmath>

namespace vae {

namespace {

struct LikelihoodName {
    std::string_view name;
    Likelihood likelihood;
};

constexpr std::array<LikelihoodName, 4> likelihood_names{{
    {"bernoulli", Likelihood::Bernoulli},
    {"gaussian", Likelihood::GaussianFixed},
    {"gaussian-learned", Likelihood::GaussianLearned},
    {"gaussian-learned-per-dim", Likelihood::GaussianLearnedPerDim},
}};

} // namespace

std::optional<Likelihood> parse_likelihood(std::string_view name) {
    for (const auto& entry : likelihood_names)
        if (entry.name == name)
            return entry.likelihood;
    return std::nullopt;
}

std::string likelihood_name(Likelihood l) {
    for (const auto& entry : likelihood_names)
        if (entry.likelihood == l)
            return std::string(entry.name);
    return "unknown";
}

std::string architecture_error(const VaeArchitecture& a) {
    if (a.input_dim == 0)
        return "input_dim is 0: the data needs at least one column";
    if (a.latent_dim == 0 || a.latent_dim > 64)
        return "latent_dim is " + std::to_string(a.latent_dim) + ": use 1 to 64";
    for (std::size_t i = 0; i < a.hidden.size(); ++i)
        if (a.hidden[i] == 0)
            return "hidden layer " + std::to_string(i + 1) + " has width 0: use 1 or more";
    if (!std::isfinite(a.sigma) || a.sigma <= 0.0f)
        return "sigma is " + std::to_string(a.sigma) + ": use a positive number";
    return {};
}

} // namespace vae
