#pragma once

#include "data/dataset.h"
#include "metrics/cancel_check.h"

#include <Eigen/Core>

#include <cstddef>

namespace vae {

class WorkerPool;

/// A principal component analysis fitted on one data set: x -> (x - mean) W, W's columns the
/// covariance's leading eigenvectors (unit length, largest eigenvalue first; each one's largest
/// entry in absolute value is made positive, so the fit is deterministic). A value type.
struct PcaFeatures {
    Eigen::RowVectorXd mean;  ///< 1 x D
    Eigen::MatrixXd axes;     ///< D x C
    Eigen::VectorXd variance; ///< C: the variance along each axis (the eigenvalue)

    [[nodiscard]] std::size_t components() const { return static_cast<std::size_t>(axes.cols()); }
    /// rows: N x D -> N x C, float. Throws std::invalid_argument when the width is not D.
    /// Thread-safe (const).
    [[nodiscard]] Matrix transform(const Matrix& rows) const;
};

/// Fits min(components, D) components on rows (N x D, N >= 2) from the eigendecomposition of
/// the sample covariance (summed in float by the GEMM on centred data; decomposed in double by
/// leading_eigenpairs(): exact up to 1024 columns). pool (may be null) splits the covariance.
/// `cancel` is asked before each 64-column block of the covariance and by
/// leading_eigenpairs() (MetricsCancelled). Throws std::invalid_argument when N < 2, D == 0 or
/// components == 0.
PcaFeatures fit_pca(const Matrix& rows, std::size_t components, WorkerPool* pool,
                    const CancelCheck& cancel = {});

} // namespace vae
