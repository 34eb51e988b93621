#pragma once

#include "metrics/cancel_check.h"

#include <Eigen/Core>

#include <cstddef>

namespace vae {

/// Eigenvalues (largest first) and their unit eigenvectors (columns, same order).
struct Eigenpairs {
    Eigen::VectorXd values;  ///< count
    Eigen::MatrixXd vectors; ///< D x count
};

/// The min(count, D) leading eigenpairs of a symmetric positive semi-definite matrix s (D x D).
/// Up to 1024 rows: the exact decomposition (Eigen's SelfAdjointEigenSolver, O(D^3) but under
/// a second there). Larger: block subspace iteration with Rayleigh-Ritz (Halko, Martinsson &
/// Tropp 2011) on a block of 2 * count (at least count + 16) seeded vectors, its products in
/// float by the GEMM, until the leading Ritz values move less than 1e-7 of the largest: the
/// exact solver would take minutes at 3072 rows (32 x 32 colour images), this takes seconds.
/// `cancel` is asked before the exact decomposition and before each iteration
/// (MetricsCancelled). Reentrant. Throws std::invalid_argument when s is not square or count
/// is 0.
Eigenpairs leading_eigenpairs(const Eigen::MatrixXd& s, std::size_t count,
                              const CancelCheck& cancel = {});

} // namespace vae
