#include "metrics/precision_recall.h"

#include "metrics/pairwise_distances.h"
#include "metrics/seeded_subsample.h"
#include "nn/worker_pool.h"

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace vae {
namespace {

std::vector<float> squared_radii(const Matrix& x, std::size_t k, WorkerPool* pool,
                                 const CancelCheck& cancel) {
    const NearestWithin nn = nearest_within(x, k, pool, cancel);
    std::vector<float> r(static_cast<std::size_t>(x.rows()));
    for (Eigen::Index i = 0; i < x.rows(); ++i)
        r[static_cast<std::size_t>(i)] = static_cast<float>(nn.d2(i, nn.d2.cols() - 1));
    return r;
}

double share(const std::vector<std::uint8_t>& flags) {
    std::size_t count = 0;
    for (const std::uint8_t f : flags)
        count += f;
    return static_cast<double>(count) / static_cast<double>(flags.size());
}

} // namespace

PrecisionRecall knn_precision_recall(const Matrix& real_set, const Matrix& generated_set,
                                     std::size_t k, WorkerPool* pool, std::uint64_t seed,
                                     const CancelCheck& cancel) {
    if (k == 0)
        throw std::invalid_argument("precision/recall: k must be at least 1");
    if (real_set.cols() != generated_set.cols())
        throw std::invalid_argument("precision/recall: real rows have " +
                                    std::to_string(real_set.cols()) + " values, generated rows " +
                                    std::to_string(generated_set.cols()));
    for (const auto& [name, rows] : {std::pair<const char*, Eigen::Index>{"real", real_set.rows()},
                                     {"generated", generated_set.rows()}})
        if (static_cast<std::size_t>(rows) <= k)
            throw std::invalid_argument(std::string("precision/recall: the ") + name + " set has " +
                                        std::to_string(rows) + " rows; k = " + std::to_string(k) +
                                        " needs more than k");

    const auto size = static_cast<std::size_t>(std::min(real_set.rows(), generated_set.rows()));
    const Matrix real = subsample_rows(real_set, size, seed);
    const Matrix generated = subsample_rows(generated_set, size, seed);
    const std::vector<float> real_r2 = squared_radii(real, k, pool, cancel);
    const std::vector<float> gen_r2 = squared_radii(generated, k, pool, cancel);
    // Per-thread flags, merged at the end: blocks of one row or column may run on any thread.
    const std::size_t threads = pool == nullptr ? 1 : pool->size();
    const auto m = static_cast<std::size_t>(generated.rows());
    const auto n = static_cast<std::size_t>(real.rows());
    std::vector<std::vector<std::uint8_t>> gen_in(threads, std::vector<std::uint8_t>(m, 0));
    std::vector<std::vector<std::uint8_t>> real_in(threads, std::vector<std::uint8_t>(n, 0));
    for_each_distance_block(
        generated, real, pool,
        [&](std::size_t t, const DistanceBlock& b) {
            std::uint8_t* real_inside = real_in[t].data();
            for (std::size_t i = 0; i < b.rows; ++i) {
                const std::size_t g = b.a_first + i;
                const float* d2 = b.d2 + i * b.cols;
                const float g_r2 = gen_r2[g];
                bool in = false;
                for (std::size_t j = 0; j < b.cols; ++j) {
                    const std::size_t r = b.b_first + j;
                    in = in || d2[j] <= real_r2[r];
                    real_inside[r] |= static_cast<std::uint8_t>(d2[j] <= g_r2);
                }
                gen_in[t][g] |= static_cast<std::uint8_t>(in);
            }
        },
        cancel);
    std::vector<std::uint8_t> gen_inside(m, 0), real_inside(n, 0);
    for (std::size_t t = 0; t < threads; ++t) {
        for (std::size_t g = 0; g < m; ++g)
            gen_inside[g] |= gen_in[t][g];
        for (std::size_t r = 0; r < n; ++r)
            real_inside[r] |= real_in[t][r];
    }
    return {share(gen_inside), share(real_inside), size};
}

} // namespace vae
