#include "metrics/sample_diversity.h"

#include "metrics/pairwise_distances.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

namespace vae {

double duplicate_threshold(std::span<const double> nn_distances, double quantile) {
    if (nn_distances.empty())
        throw std::invalid_argument("duplicate_threshold: no nearest-neighbour distances");
    if (!(quantile >= 0.0 && quantile <= 1.0))
        throw std::invalid_argument("duplicate_threshold: the quantile must be in [0, 1], not " +
                                    std::to_string(quantile));
    std::vector<double> d(nn_distances.begin(), nn_distances.end());
    std::sort(d.begin(), d.end());
    const double pos = quantile * static_cast<double>(d.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(pos));
    const std::size_t hi = std::min(lo + 1, d.size() - 1);
    const double t = pos - static_cast<double>(lo);
    return d[lo] + t * (d[hi] - d[lo]);
}

double duplicate_rate(const Matrix& samples, double threshold, WorkerPool* pool,
                      const CancelCheck& cancel) {
    if (samples.rows() < 2)
        throw std::invalid_argument("duplicate_rate: needs at least 2 samples, not " +
                                    std::to_string(samples.rows()));
    const NearestWithin nn = nearest_within(samples, 1, pool, cancel);
    const double t2 = threshold * threshold;
    std::size_t duplicates = 0;
    for (Eigen::Index i = 0; i < nn.d2.rows(); ++i)
        duplicates += nn.d2(i, 0) <= t2 ? 1 : 0;
    return static_cast<double>(duplicates) / static_cast<double>(samples.rows());
}

double diversity_ratio(const Matrix& samples, const Matrix& real, std::size_t max_pairs,
                       std::uint64_t seed) {
    if (samples.cols() != real.cols())
        throw std::invalid_argument("diversity_ratio: samples have " +
                                    std::to_string(samples.cols()) + " values, real rows " +
                                    std::to_string(real.cols()));
    const double g = mean_pairwise_distance(samples, max_pairs, seed);
    const double r = mean_pairwise_distance(real, max_pairs, seed + 1);
    if (r > 0.0)
        return g / r;
    return g > 0.0 ? std::numeric_limits<double>::infinity() : 1.0;
}

} // namespace vae
