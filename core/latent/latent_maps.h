#pragma once

#include "data/dataset.h"
#include "vae/vae_model.h"

#include <Eigen/Core>

namespace vae {

/// log N(z; 0, I) of each row of `z` (G x L): the VAE's prior density, in nats.
[[nodiscard]] Eigen::VectorXd log_standard_normal(const Matrix& z);

/// log q(z) of each row of `z` (G x L) under the aggregate posterior estimated from encodings:
/// q(z) = 1/N sum_i N(z; means_i, diag(exp(logvars_i))), means and logvars N x L (the encoder's
/// outputs for N data rows). Summed as a log-sum-exp in double precision, so cells far from
/// every encoding give a large negative number, not -inf. Cost O(G N L) through two matrix
/// products per block of cells. Pure; safe from any thread. Throws std::invalid_argument naming
/// the shapes when N is 0, the column counts differ, or logvars is not N x L.
[[nodiscard]] Eigen::VectorXd log_aggregate_posterior(const Matrix& z, const Matrix& means,
                                                      const Matrix& logvars);

/// log q(z) - log p(z) per row: > 0 where the encodings are denser than the prior, < 0 where
/// the prior expects data that the encoder never produces (the "holes" whose decodes look
/// like no training sample). Throws as log_aggregate_posterior.
[[nodiscard]] Eigen::VectorXd posterior_prior_log_ratio(const Matrix& z, const Matrix& means,
                                                        const Matrix& logvars);

/// A Gaussian kernel bandwidth for `means` (N x L, N >= 1) by Scott's rule,
/// h = N^(-1/(L+4)) * the mean per-dimension standard deviation (1 when they have none): the
/// stand-in for the encoder's own variances when only means are known. Pass
/// kde_logvars(means) to the functions above for a kernel density estimate.
[[nodiscard]] double kde_bandwidth(const Matrix& means);
/// N x L, every entry 2 log kde_bandwidth(means).
[[nodiscard]] Matrix kde_logvars(const Matrix& means);

/// How far each code comes back through the model: d_g = ||z_g - mean_encoder(decode(z_g))||
/// for each row of `z` (G x latent_dim), decoded and re-encoded in one batch each. Small where
/// the decoder's output is recognised by the encoder as coming from z (the decodes there look
/// like data the encoder was trained on), large where it decodes to something the encoder maps
/// elsewhere. Const on the model: safe from any thread. Throws std::invalid_argument when z's
/// columns are not the model's latent dimension.
[[nodiscard]] Eigen::VectorXd decoding_consistency(const VaeModel& model, const Matrix& z);

} // namespace vae
