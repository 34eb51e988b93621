#pragma once

// Double-precision references of the training objective with its regularisers (MMD, and the
// VAE-GAN terms when a discriminator is given), written with the naive loops of
// vae_reference.h, for finite-difference checks of the engine's float gradients.

#include "vae/mmd_objective.h"
#include "vae_reference.h"

#include <vector>

namespace vae::test {

/// What the reference adds to the plain objective.
struct RegulariserReference {
    const MatrixD* prior = nullptr; ///< B x L prior samples (MMD)
    double mmd_weight = 0.0;
};

/// vae_loss_reference plus mmd_weight * MMD^2(z, prior).
inline double regularised_loss_reference(const VaeModel& model, const std::vector<double>& p,
                                         const MatrixD& x, const MatrixD& eps, double beta,
                                         double free_bits, const RegulariserReference& r) {
    double loss = vae_loss_reference(model, p, x, eps, beta, free_bits);
    if (r.mmd_weight != 0.0) {
        const MatrixD h = mlp_reference(model.encoder(), p, x);
        const MatrixD mean = dense_reference(model.mean_head(), p, h);
        const MatrixD logvar = dense_reference(model.logvar_head(), p, h);
        const MatrixD z = (mean.array() + (0.5 * logvar.array()).exp() * eps.array()).matrix();
        loss += r.mmd_weight *
                mmd_rbf<double>(z, *r.prior, mmd_bandwidth(model.latent_dim()), 1.0, nullptr);
    }
    return loss;
}

} // namespace vae::test
