#include "metrics/class_coverage.h"

#include "latent/nearest_rows.h"
#include "nn/worker_pool.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <stdexcept>
#include <string>

namespace vae {
namespace {

std::vector<double> shares(std::span<const std::int32_t> labels, std::size_t classes) {
    std::vector<std::size_t> counts(classes, 0);
    for (const std::int32_t label : labels)
        ++counts[static_cast<std::size_t>(label)];
    std::vector<double> out(classes);
    for (std::size_t c = 0; c < classes; ++c)
        out[c] = static_cast<double>(counts[c]) / static_cast<double>(labels.size());
    return out;
}

} // namespace

double entropy_nats(std::span<const double> shares) {
    double h = 0.0;
    for (const double p : shares)
        if (p > 0.0)
            h -= p * std::log(p);
    return h;
}

ClassCoverage class_coverage(const Matrix& samples, const Matrix& real,
                             std::span<const std::int32_t> labels, std::size_t classes,
                             WorkerPool* pool, const CancelCheck& cancel) {
    if (samples.rows() == 0 || real.rows() == 0)
        throw std::invalid_argument(std::string("class_coverage: no ") +
                                    (real.rows() == 0 ? "real rows" : "samples"));
    if (samples.cols() != real.cols())
        throw std::invalid_argument("class_coverage: samples have " +
                                    std::to_string(samples.cols()) + " values, real rows " +
                                    std::to_string(real.cols()));
    if (labels.size() != static_cast<std::size_t>(real.rows()))
        throw std::invalid_argument("class_coverage: " + std::to_string(labels.size()) +
                                    " labels for " + std::to_string(real.rows()) + " real rows");
    for (std::size_t i = 0; i < labels.size(); ++i)
        if (labels[i] < 0 || static_cast<std::size_t>(labels[i]) >= classes)
            throw std::invalid_argument("class_coverage: real row " + std::to_string(i) +
                                        " has label " + std::to_string(labels[i]) + " outside 0.." +
                                        std::to_string(classes) + "-1");

    const NearestRowIndex index(real);
    const auto m = static_cast<std::size_t>(samples.rows());
    std::vector<std::int32_t> assigned(m);
    // Chunks of 64 queries, the index's own batch: against 20,000 real images a chunk of 256
    // took half a second, longer than a cancel should wait.
    constexpr std::size_t kChunk = 64;
    std::atomic<std::size_t> next{0};
    std::atomic<bool> stopped{false};
    const auto work = [&](std::size_t) {
        Matrix queries;
        for (std::size_t first = next.fetch_add(kChunk); first < m && !stopped.load();
             first = next.fetch_add(kChunk)) {
            if (cancel && cancel()) {
                stopped = true;
                break;
            }
            const std::size_t count = std::min(kChunk, m - first);
            queries = samples.middleRows(static_cast<Eigen::Index>(first),
                                         static_cast<Eigen::Index>(count));
            const auto nearest = index.nearest_batch(queries, 1);
            for (std::size_t j = 0; j < count; ++j)
                assigned[first + j] = labels[nearest[j].front()];
        }
    };
    if (pool == nullptr)
        work(0);
    else
        pool->run(work);
    if (stopped.load())
        throw MetricsCancelled();

    ClassCoverage c;
    c.sample_share = shares(assigned, classes);
    c.real_share = shares(labels, classes);
    c.sample_entropy = entropy_nats(c.sample_share);
    c.real_entropy = entropy_nats(c.real_share);
    return c;
}

} // namespace vae
