#pragma once

#include "data/dataset.h"

#include <Eigen/Core>

namespace vae {

/// Mean and covariance of a set of feature rows, in double.
struct GaussianMoments {
    Eigen::VectorXd mean;       ///< F
    Eigen::MatrixXd covariance; ///< F x F, sample covariance (divides by N - 1)
};

/// The moments of rows (N x F, N >= 2). Throws std::invalid_argument otherwise.
GaussianMoments gaussian_moments(const Matrix& rows);

/// Fréchet (2-Wasserstein) distance between N(mu1, S1) and N(mu2, S2), squared as in FID:
/// |mu1 - mu2|^2 + tr(S1 + S2 - 2 (S1^1/2 S2 S1^1/2)^1/2). Both square roots come from
/// symmetric eigendecompositions in double (tiny negative eigenvalues of the PSD inputs are
/// clamped to 0), which stays stable where the matrix square root of the non-symmetric S1 S2
/// does not. A result within rounding of 0 below it is reported as 0. Throws
/// std::invalid_argument when the sizes differ.
double frechet_distance(const GaussianMoments& a, const GaussianMoments& b);

} // namespace vae
