#pragma once

#include "data/dataset.h"
#include "latent/nearest_rows.h"

#include <cstddef>
#include <span>
#include <vector>

namespace vae {

/// One training row near a sample: its index and its Euclidean distance in stored units.
struct Neighbour {
    std::size_t row = 0;
    double distance = 0.0;
};

/// The k nearest rows of `data` to `query` (1 x D) with their exact distances, nearest first.
/// `index` must have been built over `data`. Throws as NearestRowIndex::nearest.
[[nodiscard]] std::vector<Neighbour>
nearest_neighbours(const NearestRowIndex& index, const Matrix& data,
                   const Eigen::Ref<const Eigen::RowVectorXf>& query, std::size_t k);

/// For each of `rows` (indices into `data`), the distance to its nearest OTHER row: the data's
/// own nearest-neighbour distances, what a sample's distance to the data is judged against.
/// An exact duplicate elsewhere gives 0. `index` must be built over `data`. Throws
/// std::out_of_range for a row beyond the data, std::invalid_argument for fewer than 2 rows.
[[nodiscard]] std::vector<double> nearest_other_distances(const NearestRowIndex& index,
                                                          const Matrix& data,
                                                          std::span<const std::size_t> rows);

/// min(k, n) row indices spread evenly over 0..n-1 (i * n / k), the subsample the scale uses.
[[nodiscard]] std::vector<std::size_t> spread_rows(std::size_t n, std::size_t k);

/// The q-quantile (q in [0, 1]) of `values` by linear interpolation between order statistics
/// (numpy's default). Throws std::invalid_argument for no values or q outside [0, 1].
[[nodiscard]] double quantile(std::vector<double> values, double q);

/// What "close" and "far" mean for one dataset: percentiles of its rows' distances to their
/// nearest other row.
struct NearestDistanceScale {
    double low = 0.0;  ///< 1st percentile: below it a sample is as close as near-duplicates are
    double high = 0.0; ///< 99th percentile: above it no training row is as far from its nearest
    std::size_t sampled = 0; ///< rows the percentiles come from
};

/// The scale from a set of nearest-neighbour distances (nearest_other_distances). Throws as
/// quantile for an empty set.
[[nodiscard]] NearestDistanceScale nearest_distance_scale(const std::vector<double>& distances);

enum class NearestVerdict {
    NearCopy, ///< distance <= scale.low: about as close as the data's closest pairs
    Typical,  ///< between the two
    Unlike,   ///< distance > scale.high: farther than almost every row is from its neighbour
};

[[nodiscard]] NearestVerdict nearest_verdict(double distance, const NearestDistanceScale& scale);

} // namespace vae
