#pragma once

#include <functional>
#include <stdexcept>

// How the long loops of the sample-quality metrics learn that the caller wants them to stop.
// A plain callable, not a Qt type: the app hands in a reader of its job's cancel flag.
namespace vae {

/// Asked by the metrics' long loops (each pairwise-distance block, classifier minibatch,
/// covariance block and eigen-iteration): true when the computation should stop. It is asked
/// from any thread of the metrics' worker pool and often, so it must be thread-safe and cheap
/// (an atomic load). Empty: never stop.
using CancelCheck = std::function<bool()>;

/// What the metrics throw when their CancelCheck says stop; what() is "cancelled".
class MetricsCancelled : public std::runtime_error {
public:
    MetricsCancelled() : std::runtime_error("cancelled") {}
};

/// Throws MetricsCancelled when `cancel` says stop.
inline void throw_if_cancelled(const CancelCheck& cancel) {
    if (cancel && cancel())
        throw MetricsCancelled();
}

} // namespace vae
