#pragma once

#include "data/dataset.h"

#include <cstddef>

namespace vae {

class WorkerPool;

/// Improved precision and recall (Kynkäänniemi et al. 2019).
struct PrecisionRecall {
    double precision = 0.0; ///< share of generated rows inside the real manifold
    double recall = 0.0;    ///< share of real rows inside the generated manifold
};

/// Each set's manifold is the union of balls around its rows, of radius the distance to the
/// row's k-th nearest other row of the same set. A row is inside a manifold when it lies within
/// (<=) the radius of at least one of its rows. real: N x D, generated: M x D, both with more
/// than k rows (k >= 1). Distances by the GEMM expansion (float), so center features far from
/// the origin first. pool may be null. Throws std::invalid_argument on bad sizes or k.
PrecisionRecall knn_precision_recall(const Matrix& real, const Matrix& generated, std::size_t k,
                                     WorkerPool* pool);

} // namespace vae
