#pragma once

#include "nn/matrix_ops.h"
#include "nn/simd_kernels.h"
#include "vae/vae_architecture.h"

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <numbers>
#include <span>
#include <type_traits>

// The terms of the VAE objective, per element and per batch. Templated on the scalar so that the
// gradient tests check these formulas in double precision; training uses float (the Bernoulli
// batch term through the vectorised kernel, which the tests compare with the double version).
namespace vae {

template <typename T>
using RowMatrixT = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

/// -log Bernoulli(x | sigmoid(l)) on the logit, stable for any |l|:
/// max(l,0) - l*x + log1p(exp(-|l|)). Defined for x in [0,1] (continuous relaxation).
template <typename T> T bernoulli_nll(T logit, T x) {
    return std::max(logit, T(0)) - logit * x + std::log1p(std::exp(-std::abs(logit)));
}
/// d bernoulli_nll / d logit = sigmoid(l) - x.
template <typename T> T bernoulli_nll_grad(T logit, T x) {
    return T(1) / (T(1) + std::exp(-logit)) - x;
}

/// The floor of a Gaussian likelihood's log sigma: log(1e-3). Without it a column that the
/// decoder can reproduce exactly (a constant column, say) is fit ever better by shrinking its
/// sigma: -log p(x|z) falls by one nat per unit of log sigma without bound, the ELBO grows
/// until it overflows, and the mean's gradient grows as 1/sigma^2. 1e-3 is far below the noise
/// of any normalised (or [0,1]) column, so the floor changes nothing for real data; it caps a
/// column's contribution at -log(1e-3) - 0.5 log(2 pi) = 5.99 nats. Below the floor the value
/// is clamped: the objective does not depend on the raw parameter, whose gradient is zero.
inline constexpr double kMinLogSigma = -6.907755278982137;

/// The clamp of the encoder's log-variance: exp(logvar) overflows a float past 88 and the KL's
/// -logvar term grows without bound as logvar falls, so a runaway head would poison the loss.
/// [-30, 20] (sigma from 3e-7 to 2.2e4) leaves every useful posterior untouched. Outside the
/// range the value is clamped and the head's gradient is zero.
inline constexpr double kMinLogvar = -30.0;
inline constexpr double kMaxLogvar = 20.0;

/// log sigma as the likelihood uses it: max(log_sigma, kMinLogSigma).
template <typename T> T floored_log_sigma(T log_sigma) {
    return std::max(log_sigma, T(kMinLogSigma));
}
/// Whether the floor holds log sigma (its gradient is then zero).
template <typename T> bool log_sigma_floored(T log_sigma) {
    return !(log_sigma > T(kMinLogSigma));
}
/// Whether a (clamped) log-variance sits on the clamp; its gradient is then zero.
template <typename T> bool logvar_clamped(T logvar) {
    return !(logvar > T(kMinLogvar) && logvar < T(kMaxLogvar));
}

/// -log N(x | mu, sigma^2) = 0.5 ((x-mu)/sigma)^2 + log sigma + 0.5 log(2 pi), log sigma floored.
template <typename T> T gaussian_nll(T mu, T x, T log_sigma) {
    const T ls = floored_log_sigma(log_sigma);
    const T r = (x - mu) * std::exp(-ls);
    return T(0.5) * r * r + ls + T(0.5 * std::log(2.0 * std::numbers::pi));
}
/// d gaussian_nll / d mu = (mu - x) / sigma^2.
template <typename T> T gaussian_nll_grad_mean(T mu, T x, T log_sigma) {
    return (mu - x) * std::exp(T(-2) * floored_log_sigma(log_sigma));
}
/// d gaussian_nll / d log sigma = 1 - ((x-mu)/sigma)^2 above the floor, 0 below it.
template <typename T> T gaussian_nll_grad_log_sigma(T mu, T x, T log_sigma) {
    if (log_sigma_floored(log_sigma))
        return T(0);
    const T r = (x - mu) * std::exp(-log_sigma);
    return T(1) - r * r;
}

/// KL(N(mu, exp(logvar)) || N(0, 1)) for one latent dimension: 0.5 (mu^2 + e^lv - 1 - lv).
template <typename T> T gaussian_kl(T mean, T logvar) {
    return T(0.5) * (mean * mean + std::exp(logvar) - T(1) - logvar);
}
/// d gaussian_kl / d mean = mean.
template <typename T> T gaussian_kl_grad_mean(T mean, T /*logvar*/) {
    return mean;
}
/// d gaussian_kl / d logvar = 0.5 (e^lv - 1).
template <typename T> T gaussian_kl_grad_logvar(T /*mean*/, T logvar) {
    return T(0.5) * (std::exp(logvar) - T(1));
}

/// Reconstruction term for a batch. x, output: B x D (output = decoder logits for Bernoulli,
/// means for Gaussians). log_sigma: empty (Bernoulli), 1 value (shared) or D values (per dim);
/// for GaussianFixed pass the fixed log sigma as its single value. Each log sigma is floored at
/// kMinLogSigma (no gradient below it).
/// Returns sum over rows and dims of -log p(x|z). If d_output is non-null it receives
/// grad_weight * d(-log p)/d(output) (B x D, resized); if d_log_sigma is non-empty (same size as
/// log_sigma) grad_weight * d(-log p)/d(log sigma) is ADDED to it.
/// Writes per-row sums into per_row when non-null (size B, resized).
template <typename T>
double reconstruction_nll(Likelihood likelihood, const Eigen::Ref<const RowMatrixT<T>>& x,
                          const Eigen::Ref<const RowMatrixT<T>>& output,
                          std::span<const T> log_sigma, T grad_weight, RowMatrixT<T>* d_output,
                          std::span<T> d_log_sigma,
                          Eigen::Matrix<T, Eigen::Dynamic, 1>* per_row = nullptr) {
    const Eigen::Index rows = x.rows();
    const Eigen::Index cols = x.cols();
    if (d_output != nullptr)
        ensure_shape(*d_output, rows, cols);
    if (per_row != nullptr && per_row->size() != rows)
        per_row->resize(rows);
    if constexpr (std::is_same_v<T, float>) {
        // Training's float path: the vectorised kernel for this CPU.
        if (likelihood == Likelihood::Bernoulli)
            return detail::simd_kernels().bernoulli_nll(
                static_cast<int>(rows), static_cast<int>(cols), x.data(),
                static_cast<int>(x.outerStride()), output.data(),
                static_cast<int>(output.outerStride()), grad_weight,
                d_output != nullptr ? d_output->data() : nullptr, static_cast<int>(cols),
                per_row != nullptr ? per_row->data() : nullptr);
    }
    double total = 0.0;
    const bool per_dim = log_sigma.size() > 1;
    for (Eigen::Index i = 0; i < rows; ++i) {
        const T* xi = x.row(i).data();
        const T* oi = output.row(i).data();
        T* gi = d_output != nullptr ? d_output->row(i).data() : nullptr;
        T row_sum = T(0);
        if (likelihood == Likelihood::Bernoulli) {
            // Whole-row array expressions so that exp/log1p/logistic run vectorised.
            const auto l = output.row(i).array();
            const auto xv = x.row(i).array();
            row_sum = (l.max(T(0)) - l * xv + (-l.abs()).exp().log1p()).sum();
            if (gi != nullptr)
                d_output->row(i).array() = grad_weight * (l.logistic() - xv);
        } else {
            for (Eigen::Index j = 0; j < cols; ++j) {
                const T raw = log_sigma[per_dim ? static_cast<std::size_t>(j) : 0];
                const T ls = floored_log_sigma(raw);
                const T inv_sigma = std::exp(-ls);
                const T r = (xi[j] - oi[j]) * inv_sigma;
                row_sum += T(0.5) * r * r + ls;
                if (gi != nullptr)
                    gi[j] = grad_weight * (-r * inv_sigma);
                if (!d_log_sigma.empty() && !log_sigma_floored(raw))
                    d_log_sigma[per_dim ? static_cast<std::size_t>(j) : 0] +=
                        grad_weight * (T(1) - r * r);
            }
            row_sum += T(static_cast<double>(cols) * 0.5 * std::log(2.0 * std::numbers::pi));
        }
        if (per_row != nullptr)
            (*per_row)(i) = row_sum;
        total += static_cast<double>(row_sum);
    }
    return total;
}

/// Adds the KL of each latent dimension, summed over the rows of a batch, to sums (size L).
/// mean, logvar: B x L.
template <typename T>
void add_kl_per_dim(const RowMatrixT<T>& mean, const RowMatrixT<T>& logvar,
                    std::span<double> sums) {
    for (Eigen::Index i = 0; i < mean.rows(); ++i)
        for (Eigen::Index d = 0; d < mean.cols(); ++d)
            sums[static_cast<std::size_t>(d)] +=
                static_cast<double>(gaussian_kl(mean(i, d), logvar(i, d)));
}

/// The weighted KL term with free bits: beta * sum_d max(kl_d, free_bits), kl_d being the
/// batch-mean KL of dimension d (Kingma et al. 2016).
inline double free_bits_kl(std::span<const double> kl_mean_per_dim, double beta, double free_bits) {
    double total = 0.0;
    for (const double kl : kl_mean_per_dim)
        total += std::max(kl, free_bits);
    return beta * total;
}

/// d free_bits_kl / d kl_d, times 1/B (the per-sample weight of each row): beta / B where
/// kl_d > free_bits, else 0 (the floor is flat, so a dimension under it gets no KL gradient).
inline double free_bits_weight(double kl_mean, double beta, double free_bits,
                               std::size_t batch_rows) {
    return kl_mean > free_bits || free_bits <= 0.0 ? beta / static_cast<double>(batch_rows) : 0.0;
}

/// Backward of the weighted KL: d_mean(i,d) += w_d * mean(i,d) and
/// d_logvar(i,d) += w_d * 0.5 (exp(logvar(i,d)) - 1), w_d = dim_weight[d] (see free_bits_weight).
template <typename T>
void add_kl_gradient(const RowMatrixT<T>& mean, const RowMatrixT<T>& logvar,
                     std::span<const T> dim_weight, RowMatrixT<T>& d_mean,
                     RowMatrixT<T>& d_logvar) {
    for (Eigen::Index i = 0; i < mean.rows(); ++i)
        for (Eigen::Index d = 0; d < mean.cols(); ++d) {
            const T w = dim_weight[static_cast<std::size_t>(d)];
            d_mean(i, d) += w * gaussian_kl_grad_mean(mean(i, d), logvar(i, d));
            d_logvar(i, d) += w * gaussian_kl_grad_logvar(mean(i, d), logvar(i, d));
        }
}

} // namespace vae
