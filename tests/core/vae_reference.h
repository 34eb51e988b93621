#pragma once

// A plain double-precision VAE forward pass, written independently of the engine's float code
// (naive loops, no GEMM), for finite-difference checks of the engine's analytic gradients.

#include "nn/activation_kernels.h"
#include "vae/vae_model.h"
#include "vae/vae_objective.h"

#include <algorithm>
#include <vector>

namespace vae::test {

using MatrixD = RowMatrixT<double>;

inline MatrixD dense_reference(const DenseLayer& layer, const std::vector<double>& p,
                               const MatrixD& x) {
    MatrixD y(x.rows(), static_cast<Eigen::Index>(layer.outputs));
    for (Eigen::Index i = 0; i < x.rows(); ++i)
        for (std::size_t o = 0; o < layer.outputs; ++o) {
            double z = p[layer.bias_offset() + o];
            for (std::size_t k = 0; k < layer.inputs; ++k)
                z += x(i, static_cast<Eigen::Index>(k)) * p[layer.offset + k * layer.outputs + o];
            y(i, static_cast<Eigen::Index>(o)) =
                layer.activation ? activation_value(*layer.activation, z) : z;
        }
    return y;
}

inline MatrixD mlp_reference(const Mlp& mlp, const std::vector<double>& p, MatrixD x) {
    for (const auto& layer : mlp.layers())
        x = dense_reference(layer, p, x);
    return x;
}

/// The training objective (per-sample mean) of `model`'s layout with parameters p, for the
/// batch x and the noise eps (B x L).
inline double vae_loss_reference(const VaeModel& model, const std::vector<double>& p,
                                 const MatrixD& x, const MatrixD& eps, double beta,
                                 double free_bits) {
    const MatrixD h = mlp_reference(model.encoder(), p, x);
    const MatrixD mean = dense_reference(model.mean_head(), p, h);
    const MatrixD logvar = dense_reference(model.logvar_head(), p, h)
                               .cwiseMax(kMinLogvar)
                               .cwiseMin(kMaxLogvar); // the engine's clamp
    const MatrixD z = (mean.array() + (0.5 * logvar.array()).exp() * eps.array()).matrix();
    const MatrixD out = mlp_reference(model.decoder(), p, z);
    std::vector<double> log_sigma;
    const auto ls = model.log_sigma();
    if (model.learned_log_sigma_count() > 0)
        for (std::size_t i = 0; i < model.learned_log_sigma_count(); ++i)
            log_sigma.push_back(p[model.log_sigma_offset() + i]);
    else
        log_sigma.assign(ls.begin(), ls.end());
    const auto rows = static_cast<double>(x.rows());
    const double recon = reconstruction_nll<double>(model.architecture().likelihood, x, out,
                                                    log_sigma, 1.0, nullptr, {});
    std::vector<double> kl(model.latent_dim(), 0.0);
    add_kl_per_dim<double>(mean, logvar, kl);
    for (double& k : kl)
        k /= rows;
    return recon / rows + free_bits_kl(kl, beta, free_bits);
}

} // namespace vae::test
