#include "training/training_defaults.h"

namespace vae {

Likelihood default_likelihood(const Dataset& data) {
    if (data.values.size() > 0 && data.values.minCoeff() >= 0.0f && data.values.maxCoeff() <= 1.0f)
        return Likelihood::Bernoulli;
    return Likelihood::GaussianLearned;
}

} // namespace vae
