#pragma once

#include "data/dataset.h"
#include "vae/vae_model.h"

#include <cstddef>
#include <cstdint>
#include <span>

namespace vae {

/// Encoder means and log-variances of the given rows of `values` (all rows when `rows` is
/// empty), in batches. means, logvars: rows x latent_dim. Const on the model: safe from any
/// thread.
void encode_rows(const VaeModel& model, const Matrix& values, std::span<const std::size_t> rows,
                 Matrix& means, Matrix& logvars);

/// Decodes each row of `z` (N x latent_dim) to N x input_dim in stored units, in batches.
Matrix decode_latents(const VaeModel& model, const Matrix& z);

/// `count` draws z ~ N(0, I) from the stream `seed`: count x latent_dim.
Matrix sample_prior_latents(const VaeModel& model, std::size_t count, std::uint64_t seed);

/// Draws x ~ p(x | z) around decoded means (stored units, in place): mean + sigma * eps for a
/// learned Gaussian likelihood, with sigma as the likelihood floors it; other likelihoods keep
/// their means (a fixed sigma is a modelling choice, not a fit, and Bernoulli means are the
/// pixel intensities shown). Tables want this: a column the latent does not explain decodes
/// to a near-constant mean, and samples of means would understate its spread.
void draw_observations(const VaeModel& model, Matrix& decoded, std::uint64_t seed);

/// `steps` points from `from` to `to` inclusive (steps >= 2): straight-line, or spherical
/// (slerp: constant angular speed on the great circle, with the norms interpolated linearly,
/// which keeps intermediate points at the typical radius of a Gaussian prior instead of
/// cutting through its low-density centre). Parallel or zero vectors fall back to linear.
Matrix interpolate_latents(const Vector& from, const Vector& to, std::size_t steps, bool slerp);

} // namespace vae
