#pragma once

#include "data/dataset.h"

#include <cstddef>
#include <cstdint>

namespace vae {

/// Dimension of the embedded ("10d") variants of the toy tables.
inline constexpr int kToyEmbeddingDims = 10;

/// Two interleaving half circles (as scikit-learn's make_moons): label 0 is the upper arc
/// (cos t, sin t), label 1 the lower arc (1 - cos t, 0.5 - sin t), t uniform in [0, pi], plus
/// Gaussian noise of sd 0.1 on each coordinate. Rows alternate labels, so classes are balanced
/// to within one row. Columns "x", "y"; factors (rows x 1) "angle" = t; label_names "0", "1".
/// Deterministic per seed. Pure and thread-safe.
[[nodiscard]] Dataset make_moons(std::size_t rows, std::uint64_t seed);

/// Three concentric rings of radius 1, 2 and 3 (labels 0, 1, 2 named "inner", "middle",
/// "outer"; rows cycle through them), angle uniform, Gaussian noise of sd 0.1 on each
/// coordinate. Columns "x", "y"; factors "angle". Deterministic per seed. Pure, thread-safe.
[[nodiscard]] Dataset make_rings(std::size_t rows, std::uint64_t seed);

/// Embeds a 2-D toy table in kToyEmbeddingDims dimensions: each row (x, y) becomes
/// x * q0 + y * q1 + noise, where q0, q1 are two orthonormal directions of a fixed random
/// rotation (the same for every seed and platform) and noise is Gaussian with sd 0.05 per
/// coordinate (drawn from `seed`). Norms and distances of the 2-D set are kept up to the
/// noise, so a model must discover a 2-D manifold in 10-D. Columns become "x0".."x9";
/// labels and factors are kept.
[[nodiscard]] Dataset embed_toy_table(Dataset planar, std::uint64_t seed);

/// The two embedding directions (kToyEmbeddingDims x 2, orthonormal columns).
[[nodiscard]] Eigen::MatrixXf toy_embedding_basis();

} // namespace vae
