#pragma once

// Double-precision references of the training objective with its regularisers (MMD, and the
// VAE-GAN terms when a discriminator is given), written with the naive loops of
// vae_reference.h, for finite-difference checks of the engine's float gradients.

#include "vae/adversarial_objective.h"
#include "vae/discriminator.h"
#include "vae/mmd_objective.h"
#include "vae_reference.h"

#include <utility>
#include <vector>

namespace vae::test {

/// What the reference adds to the plain objective.
struct RegulariserReference {
    const MatrixD* prior = nullptr; ///< B x L prior samples (MMD)
    double mmd_weight = 0.0;
    const Discriminator* discriminator = nullptr; ///< its layout; weights in discriminator_params
    std::vector<double> discriminator_params;
    double adversarial_weight = 0.0;
    double feature_matching_weight = 0.0;
};

/// The discriminator's logits (m x 1) and features (m x H) for the rows of x.
inline std::pair<MatrixD, MatrixD>
discriminator_reference(const Discriminator& d, const std::vector<double>& q, const MatrixD& x) {
    // The features are the last conv layer's outputs when there are conv layers.
    const MatrixD h = d.conv().layers().empty() ? x : mlp_reference(d.conv(), q, x);
    const MatrixD hidden = mlp_reference(d.dense(), q, h);
    MatrixD logits = dense_reference(d.head(), q, hidden);
    return {logits, d.conv().layers().empty() ? hidden : h};
}

/// The data, the reconstructions and the decoded prior samples, in data units (3B x D), as the
/// discriminator sees them.
inline MatrixD scored_reference(const VaeModel& model, const std::vector<double>& p,
                                const MatrixD& x, const MatrixD& eps, const MatrixD& prior) {
    const MatrixD h = mlp_reference(model.encoder(), p, x);
    const MatrixD mean = dense_reference(model.mean_head(), p, h);
    const MatrixD logvar = dense_reference(model.logvar_head(), p, h);
    const Eigen::Index n = x.rows();
    MatrixD zz(2 * n, mean.cols());
    zz.topRows(n) = (mean.array() + (0.5 * logvar.array()).exp() * eps.array()).matrix();
    zz.bottomRows(n) = prior;
    MatrixD out = mlp_reference(model.decoder(), p, zz);
    if (model.architecture().likelihood == Likelihood::Bernoulli)
        out = (1.0 / (1.0 + (-out.array()).exp())).matrix();
    MatrixD scored(3 * n, x.cols());
    scored.topRows(n) = x;
    scored.bottomRows(2 * n) = out;
    return scored;
}

/// The discriminator's loss: mean_real softplus(-l) + mean_fakes softplus(l).
inline double discriminator_loss_reference(const Discriminator& d, const std::vector<double>& q,
                                           const MatrixD& scored) {
    const Eigen::Index n = scored.rows() / 3;
    const MatrixD logits = discriminator_reference(d, q, scored).first;
    double real = 0.0, fake = 0.0;
    for (Eigen::Index i = 0; i < n; ++i)
        real += softplus(-logits(i, 0));
    for (Eigen::Index i = n; i < 3 * n; ++i)
        fake += softplus(logits(i, 0));
    return real / static_cast<double>(n) + fake / static_cast<double>(2 * n);
}

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
    if (r.discriminator != nullptr) {
        const MatrixD scored = scored_reference(model, p, x, eps, *r.prior);
        const auto [logits, f] =
            discriminator_reference(*r.discriminator, r.discriminator_params, scored);
        const Eigen::Index n = x.rows();
        double adversarial = 0.0, matched = 0.0;
        for (Eigen::Index i = n; i < 3 * n; ++i)
            adversarial += softplus(-logits(i, 0));
        for (Eigen::Index i = 0; i < n; ++i)
            matched += (f.row(n + i) - f.row(i)).squaredNorm();
        loss += r.adversarial_weight * adversarial / static_cast<double>(2 * n) +
                r.feature_matching_weight * matched / static_cast<double>(n);
    }
    return loss;
}

} // namespace vae::test
