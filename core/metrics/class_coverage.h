#pragma once

#include "data/dataset.h"
#include "metrics/cancel_check.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace vae {

class WorkerPool;

/// How generated samples spread over the classes of the real data.
struct ClassCoverage {
    std::vector<double> sample_share; ///< per class: share of samples whose nearest real row has it
    std::vector<double> real_share;   ///< per class: share of real rows with it
    double sample_entropy = 0.0;      ///< entropy of sample_share, nats
    double real_entropy = 0.0;        ///< entropy of real_share, nats
};

/// Entropy in nats of a distribution (shares summing to 1; zero shares contribute 0).
double entropy_nats(std::span<const double> shares);

/// Gives each sample the label of its exact nearest real row (NearestRowIndex, stored units)
/// and counts. samples: M x D; real: N x D with labels (N values in [0, classes)). Queries are
/// split over the pool's threads (pool may be null); `cancel` is asked before each chunk of 64
/// (MetricsCancelled). Throws std::invalid_argument on empty sets, different widths, a label
/// count that is not N, or a label outside [0, classes).
ClassCoverage class_coverage(const Matrix& samples, const Matrix& real,
                             std::span<const std::int32_t> labels, std::size_t classes,
                             WorkerPool* pool, const CancelCheck& cancel = {});

} // namespace vae
