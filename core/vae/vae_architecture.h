#pragma once

#include "nn/activation.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vae {

/// How the decoder's output is scored against the data.
enum class Likelihood {
    Bernoulli,            ///< decoder outputs logits; data in [0,1]
    GaussianFixed,        ///< decoder outputs means; sigma fixed (VaeArchitecture::sigma)
    GaussianLearned,      ///< decoder outputs means; one learned log-sigma shared by all outputs
    GaussianLearnedPerDim ///< decoder outputs means; one learned log-sigma per output dimension
};

/// "bernoulli", "gaussian" (fixed), "gaussian-learned", "gaussian-learned-per-dim".
std::optional<Likelihood> parse_likelihood(std::string_view name);
std::string likelihood_name(Likelihood l);

/// The shape of a VAE: input_dim -> hidden... -> (mean, log-variance heads of latent_dim);
/// latent_dim -> reversed hidden... -> input_dim. A value type; everything needed to rebuild
/// the network from a parameter vector.
struct VaeArchitecture {
    std::size_t input_dim = 0;
    std::size_t latent_dim = 2;                   ///< 1..64
    std::vector<std::size_t> hidden = {512, 256}; ///< encoder widths; the decoder mirrors them
    Activation activation = Activation::ReLU;
    Likelihood likelihood = Likelihood::Bernoulli;
    float sigma = 1.0f; ///< GaussianFixed: the fixed standard deviation; else the initial one

    friend bool operator==(const VaeArchitecture&, const VaeArchitecture&) = default;
};

/// Empty when `a` can be built; otherwise what is wrong and what to change ("latent_dim is 0:
/// use 1 to 64"). Checks input_dim >= 1, latent_dim in 1..64, every hidden width >= 1, sigma > 0
/// and finite.
std::string architecture_error(const VaeArchitecture& a);

} // namespace vae
