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

// Direct double-precision convolution, written from the definition (no im2col, no GEMM) so
// that it shares no code with the layer it checks.
inline MatrixD conv_reference(const Conv2dLayer& layer, const std::vector<double>& p,
                              const MatrixD& x) {
    const ConvGeometry& g = layer.geometry;
    const int ho = g.out_height(), wo = g.out_width();
    MatrixD y(x.rows(), static_cast<Eigen::Index>(layer.outputs()));
    for (Eigen::Index b = 0; b < x.rows(); ++b)
        for (int oy = 0; oy < ho; ++oy)
            for (int ox = 0; ox < wo; ++ox)
                for (int co = 0; co < g.out_channels; ++co) {
                    double z = p[layer.bias_offset() + static_cast<std::size_t>(co)];
                    for (int ky = 0; ky < g.kernel; ++ky)
                        for (int kx = 0; kx < g.kernel; ++kx) {
                            const int iy = oy * g.stride - g.padding + ky;
                            const int ix = ox * g.stride - g.padding + kx;
                            if (iy < 0 || iy >= g.in_height || ix < 0 || ix >= g.in_width)
                                continue;
                            for (int ci = 0; ci < g.in_channels; ++ci) {
                                const auto w = static_cast<std::size_t>(
                                    ((ky * g.kernel + kx) * g.in_channels + ci) * g.out_channels +
                                    co);
                                z += p[layer.offset + w] *
                                     x(b, (iy * g.in_width + ix) * g.in_channels + ci);
                            }
                        }
                    y(b, (oy * wo + ox) * g.out_channels + co) =
                        layer.activation ? activation_value(*layer.activation, z) : z;
                }
    return y;
}

// Direct double-precision transposed convolution: every input value scatters through the
// kernel onto the output, overlaps adding, then bias and activation.
inline MatrixD conv_transpose_reference(const ConvTranspose2dLayer& layer,
                                        const std::vector<double>& p, const MatrixD& x) {
    const ConvGeometry& g = layer.geometry;
    const int ho = g.transposed_out_height(), wo = g.transposed_out_width();
    MatrixD z = MatrixD::Zero(x.rows(), static_cast<Eigen::Index>(layer.outputs()));
    for (Eigen::Index b = 0; b < x.rows(); ++b)
        for (int iy = 0; iy < g.in_height; ++iy)
            for (int ix = 0; ix < g.in_width; ++ix)
                for (int ky = 0; ky < g.kernel; ++ky)
                    for (int kx = 0; kx < g.kernel; ++kx) {
                        const int oy = iy * g.stride - g.padding + ky;
                        const int ox = ix * g.stride - g.padding + kx;
                        if (oy < 0 || oy >= ho || ox < 0 || ox >= wo)
                            continue;
                        for (int co = 0; co < g.out_channels; ++co)
                            for (int ci = 0; ci < g.in_channels; ++ci) {
                                const auto w = static_cast<std::size_t>(
                                    ((ky * g.kernel + kx) * g.out_channels + co) * g.in_channels +
                                    ci);
                                z(b, (oy * wo + ox) * g.out_channels + co) +=
                                    p[layer.offset + w] *
                                    x(b, (iy * g.in_width + ix) * g.in_channels + ci);
                            }
                    }
    for (Eigen::Index b = 0; b < z.rows(); ++b)
        for (Eigen::Index i = 0; i < z.cols(); ++i) {
            const auto co = static_cast<std::size_t>(i % g.out_channels);
            const double pre = z(b, i) + p[layer.bias_offset() + co];
            z(b, i) = layer.activation ? activation_value(*layer.activation, pre) : pre;
        }
    return z;
}

inline MatrixD layer_reference(const Layer& layer, const std::vector<double>& p, const MatrixD& x) {
    if (const auto* d = std::get_if<DenseLayer>(&layer))
        return dense_reference(*d, p, x);
    if (const auto* c = std::get_if<Conv2dLayer>(&layer))
        return conv_reference(*c, p, x);
    return conv_transpose_reference(std::get<ConvTranspose2dLayer>(layer), p, x);
}

inline MatrixD mlp_reference(const LayerStack& mlp, const std::vector<double>& p, MatrixD x) {
    for (const auto& layer : mlp.layers())
        x = layer_reference(layer, p, x);
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
