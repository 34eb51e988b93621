#pragma once

#include "data/dataset.h"
#include "metrics/cancel_check.h"

#include <cstddef>
#include <cstdint>

namespace vae {

class WorkerPool;

/// Improved precision and recall (Kynkäänniemi et al. 2019).
struct PrecisionRecall {
    double precision = 0.0; ///< share of generated rows inside the real manifold
    double recall = 0.0;    ///< share of real rows inside the generated manifold
    std::size_t rows = 0;   ///< rows of each set compared: the smaller set's size
};

/// Each set's manifold is the union of balls around its rows, of radius the distance to the
/// row's k-th nearest other row of the same set. A row is inside a manifold when it lies within
/// (<=) the radius of at least one of its rows. real: N x D, generated: M x D, both with more
/// than k rows (k >= 1). The sets are compared at equal size, as in the paper: when N != M the
/// larger is replaced by subsample_rows(larger, min(N, M), seed), since a k-NN radius shrinks
/// as its set grows and unequal sizes would tilt precision against recall. Distances by the
/// GEMM expansion (float), so center features far from the origin first. pool may be null.
/// `cancel` is asked before each distance block (MetricsCancelled). Throws
/// std::invalid_argument on bad sizes or k.
PrecisionRecall knn_precision_recall(const Matrix& real, const Matrix& generated, std::size_t k,
                                     WorkerPool* pool, std::uint64_t seed = 1,
                                     const CancelCheck& cancel = {});

} // namespace vae
