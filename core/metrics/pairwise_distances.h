#pragma once

#include "data/dataset.h"
#include "metrics/cancel_check.h"

#include <Eigen/Core>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

namespace vae {

class WorkerPool;

/// Squared Euclidean distances of a block of rows of A against a block of rows of B, row-major
/// (rows x cols, row stride `cols`), computed by the GEMM expansion ||a||^2 + ||b||^2 - 2 a.b
/// and clamped at 0. Center the data first (subtract a common mean) when it sits far from the
/// origin: the expansion's rounding error grows with the norms.
struct DistanceBlock {
    std::size_t a_first = 0; ///< index in A of the block's first row
    std::size_t b_first = 0; ///< index in B of the block's first column
    std::size_t rows = 0;
    std::size_t cols = 0;
    const float* d2 = nullptr;

    [[nodiscard]] float at(std::size_t i, std::size_t j) const { return d2[i * cols + j]; }
};

/// Calls visit(thread, block) for every block of the a.rows() x b.rows() distance matrix, each
/// exactly once, on the pool's threads (thread in [0, pool size)); `pool` may be null (one
/// thread). Blocks are at most 256 x 2048 so the scratch stays small (2 MiB per thread) whatever
/// the sizes. a and b: N x D and M x D with the same D. `visit` must only write to per-thread
/// state or to rows/columns that no other block touches. `cancel` is asked before each block;
/// once it says stop, no thread starts another block and MetricsCancelled is thrown when the
/// blocks under way are done.
void for_each_distance_block(const Matrix& a, const Matrix& b, WorkerPool* pool,
                             const std::function<void(std::size_t, const DistanceBlock&)>& visit,
                             const CancelCheck& cancel = {});

/// The k nearest other rows of each row of x (self excluded, duplicates count at distance 0).
struct NearestWithin {
    std::size_t k = 0;
    /// rows x k, nearest first: exact squared distances (recomputed in double), +inf where x has
    /// fewer than k other rows.
    Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> d2;
    /// rows x k: the row index of each neighbour (-1 where there is none).
    Eigen::Matrix<std::int64_t, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> index;

    /// Distance (not squared) of each row to its k-th nearest other row.
    [[nodiscard]] std::vector<double> kth_distance() const;
};

/// Each row's k nearest other rows of x (N x D), by blocks of the upper triangle only (each pair
/// is scored once). The neighbours are picked by the float expansion, so near-ties may be
/// picked in either order; their reported distances are exact. Scratch: per thread N x k
/// candidates plus the 2 MiB block. pool may be null. Cancelled between blocks as
/// for_each_distance_block().
NearestWithin nearest_within(const Matrix& x, std::size_t k, WorkerPool* pool,
                             const CancelCheck& cancel = {});

/// Mean Euclidean distance between distinct rows of x: over all pairs when there are at most
/// max_pairs, else over max_pairs pairs drawn (seeded) uniformly among distinct pairs. Exact
/// per pair (double). x needs at least 2 rows.
double mean_pairwise_distance(const Matrix& x, std::size_t max_pairs, std::uint64_t seed);

} // namespace vae
