#pragma once

#include "data/dataset.h"
#include "metrics/cancel_check.h"

#include <cstddef>
#include <cstdint>
#include <span>

namespace vae {

class WorkerPool;

/// The q-quantile (0 <= q <= 1, linear interpolation between order statistics) of the
/// distances to each real row's nearest other real row: the scale under which two rows of the
/// data itself are rarely found, so two samples closer than it are copies. nn_distances: one per
/// real row (see nearest_within()), at least 1. Throws std::invalid_argument otherwise.
double duplicate_threshold(std::span<const double> nn_distances, double quantile);

/// Share of rows of `samples` (N >= 2) that have another row within `threshold` (Euclidean,
/// inclusive). Exact pairs of identical rows always count. pool may be null. The threshold
/// should come from as many real rows as there are samples: nearest-neighbour distances
/// shrink as a set grows. `cancel` as for nearest_within().
double duplicate_rate(const Matrix& samples, double threshold, WorkerPool* pool,
                      const CancelCheck& cancel = {});

/// Mean pairwise distance of the samples over that of the real rows (see
/// mean_pairwise_distance(); max_pairs per set, seeded): below 1 means the samples are less
/// varied than the data. Both sets need at least 2 rows and the same width.
double diversity_ratio(const Matrix& samples, const Matrix& real, std::size_t max_pairs,
                       std::uint64_t seed);

} // namespace vae
