#include "training/training_defaults.h"

#include "data/dataset_loader.h"

namespace vae {

Likelihood default_likelihood(const Dataset& data) {
    // z-scored values are centred on 0 by construction, so they are never probabilities, even
    // when every column happens to be constant (all stored values 0).
    // A table's columns are different quantities, each with its own noise: one learned sigma
    // per column lets a column the latent cannot explain keep its spread (sigma near 1 in
    // z units) while the explained ones get sharp. Pixels share one sigma.
    if (data.normalization.kind == Normalization::Kind::ZScore)
        return data.image_shape ? Likelihood::GaussianLearned : Likelihood::GaussianLearnedPerDim;
    if (data.values.size() > 0) {
        const auto [lo, hi] = stored_extent(data); // no scan when the loader computed it
        if (lo >= 0.0f && hi <= 1.0f)
            return Likelihood::Bernoulli;
    }
    return Likelihood::GaussianLearned;
}

void fit_image_to(VaeArchitecture& a, const Dataset& data) {
    if (a.conv.empty() || a.image.values() != 0 || !data.image_shape)
        return;
    a.image = {data.image_shape->height, data.image_shape->width, data.image_shape->channels};
}

} // namespace vae
