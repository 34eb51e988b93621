#pragma once

#include "nn/matrix_ops.h"
#include "vae/vae_objective.h"

#include <Eigen/Core>

#include <cmath>
#include <cstddef>

// The MMD regulariser of InfoVAE / MMD-VAE (Zhao et al. 2019): the maximum mean discrepancy
// between the aggregate posterior q(z), seen through the batch's samples z, and the prior,
// seen through as many N(0, I) samples. Templated on the scalar so that the gradient tests
// check it in double precision; training uses float.
namespace vae {

/// Bandwidth h of the RBF kernel exp(-||a - b||^2 / h) for a latent of `latent_dim`
/// dimensions: 2 * latent_dim, the expected squared distance between two prior samples, so
/// that the kernel neither saturates at 0 nor at 1 wherever the prior puts its mass. (The
/// reference code divides by latent_dim^2, which equals this at latent_dim = 2 and makes the
/// kernel needlessly wide above it.)
inline double mmd_bandwidth(std::size_t latent_dim) {
    return 2.0 * static_cast<double>(latent_dim);
}

/// MMD^2 between the rows of z (B x L, the posterior samples) and p (M x L, the prior
/// samples) with the kernel k(a, b) = exp(-||a - b||^2 / h): the biased (V-statistic)
/// estimate of the reference code, mean k(z, z) + mean k(p, p) - 2 mean k(z, p), which is
/// never negative. When d_z is non-null it receives weight * d MMD^2 / d z (B x L, resized);
/// p is a constant (the prior has no parameters). O((B + M)^2 L), single-threaded.
template <typename T>
double mmd_rbf(const Eigen::Ref<const RowMatrixT<T>>& z, const Eigen::Ref<const RowMatrixT<T>>& p,
               T h, T weight, RowMatrixT<T>* d_z) {
    const Eigen::Index b = z.rows();
    const Eigen::Index m = p.rows();
    const Eigen::Index l = z.cols();
    if (d_z != nullptr) {
        ensure_shape(*d_z, b, l);
        d_z->setZero();
    }
    auto kernel = [h, l](const T* a, const T* c) {
        T sq = T(0);
        for (Eigen::Index d = 0; d < l; ++d) {
            const T diff = a[d] - c[d];
            sq += diff * diff;
        }
        return std::exp(-sq / h);
    };
    const double inv_bb = 1.0 / (static_cast<double>(b) * static_cast<double>(b));
    const double inv_mm = 1.0 / (static_cast<double>(m) * static_cast<double>(m));
    const double inv_bm = 1.0 / (static_cast<double>(b) * static_cast<double>(m));
    // d k(a, c) / d a = -2 (a - c) / h * k(a, c). Each unordered pair of z rows appears twice
    // in the mean, hence the factor 2 on both of its rows.
    const T zz_scale = weight * T(2.0 * inv_bb) * T(-2) / h;
    const T zp_scale = weight * T(-2.0 * inv_bm) * T(-2) / h;
    double zz = static_cast<double>(b); // the diagonal: k(z_i, z_i) = 1
    for (Eigen::Index i = 0; i < b; ++i)
        for (Eigen::Index j = i + 1; j < b; ++j) {
            const T k = kernel(z.row(i).data(), z.row(j).data());
            zz += 2.0 * static_cast<double>(k);
            if (d_z != nullptr) {
                const T g = zz_scale * k;
                for (Eigen::Index d = 0; d < l; ++d) {
                    const T diff = z(i, d) - z(j, d);
                    (*d_z)(i, d) += g * diff;
                    (*d_z)(j, d) -= g * diff;
                }
            }
        }
    double pp = static_cast<double>(m);
    for (Eigen::Index i = 0; i < m; ++i)
        for (Eigen::Index j = i + 1; j < m; ++j)
            pp += 2.0 * static_cast<double>(kernel(p.row(i).data(), p.row(j).data()));
    double zp = 0.0;
    for (Eigen::Index i = 0; i < b; ++i)
        for (Eigen::Index j = 0; j < m; ++j) {
            const T k = kernel(z.row(i).data(), p.row(j).data());
            zp += static_cast<double>(k);
            if (d_z != nullptr) {
                const T g = zp_scale * k;
                for (Eigen::Index d = 0; d < l; ++d)
                    (*d_z)(i, d) += g * (z(i, d) - p(j, d));
            }
        }
    return zz * inv_bb + pp * inv_mm - 2.0 * zp * inv_bm;
}

} // namespace vae
