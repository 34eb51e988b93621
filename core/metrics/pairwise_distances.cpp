#include "metrics/pairwise_distances.h"

#include "data/seeded_random.h"
#include "nn/gemm.h"
#include "nn/worker_pool.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace vae {
namespace {

constexpr std::size_t kBlockRows = 256;
constexpr std::size_t kBlockCols = 2048;
/// Square blocks of the triangle: a diagonal block wastes half its pairs, so keep them small
/// enough that the waste is a few percent, yet large enough for the GEMM to run at speed.
constexpr std::size_t kTriangleBlock = 512;

std::vector<float> squared_norms(const Matrix& x) {
    std::vector<float> n(static_cast<std::size_t>(x.rows()));
    for (Eigen::Index i = 0; i < x.rows(); ++i)
        n[static_cast<std::size_t>(i)] = static_cast<float>(x.row(i).cast<double>().squaredNorm());
    return n;
}

struct Task {
    std::size_t a_first, rows, b_first, cols;
};

/// Runs the tasks on the pool (or inline), each computing one distance block.
void run_blocks(const Matrix& a, const Matrix& b, const std::vector<Task>& tasks, WorkerPool* pool,
                const std::function<void(std::size_t, const DistanceBlock&)>& visit,
                const CancelCheck& cancel) {
    if (a.cols() != b.cols())
        throw std::invalid_argument("distances between rows of " + std::to_string(a.cols()) +
                                    " and of " + std::to_string(b.cols()) + " values");
    const std::vector<float> na = squared_norms(a);
    const std::vector<float> nb = &a == &b ? na : squared_norms(b);
    const int d = static_cast<int>(a.cols());
    std::atomic<std::size_t> next{0};
    std::atomic<bool> stopped{false};
    const auto work = [&](std::size_t thread) {
        std::vector<float> buffer;
        for (std::size_t t = next++; t < tasks.size() && !stopped.load(); t = next++) {
            if (cancel && cancel()) {
                stopped = true;
                break;
            }
            const Task& task = tasks[t];
            buffer.resize(task.rows * task.cols);
            const int m = static_cast<int>(task.rows);
            const int n = static_cast<int>(task.cols);
            if (d > 0)
                gemm(Transpose::No, Transpose::Yes, m, n, d,
                     a.data() + static_cast<std::ptrdiff_t>(task.a_first) * d, d,
                     b.data() + static_cast<std::ptrdiff_t>(task.b_first) * d, d, buffer.data(), n,
                     false);
            else
                std::fill(buffer.begin(), buffer.end(), 0.0f);
            for (std::size_t i = 0; i < task.rows; ++i) {
                const float ni = na[task.a_first + i];
                float* row = buffer.data() + i * task.cols;
                const float* nbj = nb.data() + task.b_first;
                for (std::size_t j = 0; j < task.cols; ++j)
                    row[j] = std::max(ni + nbj[j] - 2.0f * row[j], 0.0f);
            }
            visit(thread,
                  DistanceBlock{task.a_first, task.b_first, task.rows, task.cols, buffer.data()});
        }
    };
    if (pool == nullptr || tasks.size() < 2)
        work(0);
    else
        pool->run(work);
    if (stopped.load())
        throw MetricsCancelled();
}

/// Per thread: the k best candidates of every row found so far, sorted ascending.
struct Candidates {
    std::size_t k;
    std::vector<float> d2;
    std::vector<std::int64_t> index;

    Candidates(std::size_t rows, std::size_t k_)
        : k(k_), d2(rows * k_, std::numeric_limits<float>::infinity()), index(rows * k_, -1) {}

    void offer(std::size_t row, float value, std::int64_t j) {
        float* d = d2.data() + row * k;
        std::int64_t* idx = index.data() + row * k;
        if (!(value < d[k - 1]))
            return;
        std::size_t p = k - 1;
        while (p > 0 && value < d[p - 1]) {
            d[p] = d[p - 1];
            idx[p] = idx[p - 1];
            --p;
        }
        d[p] = value;
        idx[p] = j;
    }
};

} // namespace

void for_each_distance_block(const Matrix& a, const Matrix& b, WorkerPool* pool,
                             const std::function<void(std::size_t, const DistanceBlock&)>& visit,
                             const CancelCheck& cancel) {
    const auto na = static_cast<std::size_t>(a.rows());
    const auto nb = static_cast<std::size_t>(b.rows());
    std::vector<Task> tasks;
    for (std::size_t i = 0; i < na; i += kBlockRows)
        for (std::size_t j = 0; j < nb; j += kBlockCols)
            tasks.push_back({i, std::min(kBlockRows, na - i), j, std::min(kBlockCols, nb - j)});
    run_blocks(a, b, tasks, pool, visit, cancel);
}

std::vector<double> NearestWithin::kth_distance() const {
    std::vector<double> out(static_cast<std::size_t>(d2.rows()));
    for (Eigen::Index i = 0; i < d2.rows(); ++i)
        out[static_cast<std::size_t>(i)] = std::sqrt(d2(i, d2.cols() - 1));
    return out;
}

NearestWithin nearest_within(const Matrix& x, std::size_t k, WorkerPool* pool,
                             const CancelCheck& cancel) {
    if (k == 0)
        throw std::invalid_argument("nearest_within: k must be at least 1");
    const auto n = static_cast<std::size_t>(x.rows());
    std::vector<Task> tasks;
    for (std::size_t i = 0; i < n; i += kTriangleBlock)
        for (std::size_t j = i; j < n; j += kTriangleBlock)
            tasks.push_back(
                {i, std::min(kTriangleBlock, n - i), j, std::min(kTriangleBlock, n - j)});
    const std::size_t threads = pool == nullptr ? 1 : pool->size();
    std::vector<Candidates> found(threads, Candidates(n, k));
    run_blocks(
        x, x, tasks, pool,
        [&](std::size_t thread, const DistanceBlock& block) {
            Candidates& c = found[thread];
            for (std::size_t r = 0; r < block.rows; ++r) {
                const std::size_t i = block.a_first + r;
                for (std::size_t s = 0; s < block.cols; ++s) {
                    const std::size_t j = block.b_first + s;
                    if (j <= i) // each unordered pair once, self never
                        continue;
                    const float v = block.at(r, s);
                    c.offer(i, v, static_cast<std::int64_t>(j));
                    c.offer(j, v, static_cast<std::int64_t>(i));
                }
            }
        },
        cancel);

    NearestWithin out;
    out.k = k;
    const auto rows = static_cast<Eigen::Index>(n);
    const auto cols = static_cast<Eigen::Index>(k);
    out.d2.setConstant(rows, cols, std::numeric_limits<double>::infinity());
    out.index.setConstant(rows, cols, -1);
    std::vector<std::pair<double, std::int64_t>> merged;
    for (std::size_t i = 0; i < n; ++i) {
        merged.clear();
        for (const Candidates& c : found)
            for (std::size_t p = 0; p < k; ++p) {
                const std::int64_t j = c.index[i * k + p];
                if (j < 0)
                    break;
                merged.emplace_back(static_cast<double>(c.d2[i * k + p]), j);
            }
        const std::size_t keep = std::min(k, merged.size());
        std::partial_sort(merged.begin(), merged.begin() + static_cast<std::ptrdiff_t>(keep),
                          merged.end());
        merged.resize(keep);
        const auto xi = x.row(static_cast<Eigen::Index>(i)).cast<double>();
        for (auto& [d, j] : merged)
            d = (xi - x.row(static_cast<Eigen::Index>(j)).cast<double>()).squaredNorm();
        std::sort(merged.begin(), merged.end());
        for (std::size_t p = 0; p < keep; ++p) {
            out.d2(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(p)) = merged[p].first;
            out.index(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(p)) =
                merged[p].second;
        }
    }
    return out;
}

double mean_pairwise_distance(const Matrix& x, std::size_t max_pairs, std::uint64_t seed) {
    const auto n = static_cast<std::uint64_t>(x.rows());
    if (n < 2)
        throw std::invalid_argument("a mean pairwise distance needs at least 2 rows, not " +
                                    std::to_string(n));
    const auto distance = [&](std::uint64_t i, std::uint64_t j) {
        return (x.row(static_cast<Eigen::Index>(i)).cast<double>() -
                x.row(static_cast<Eigen::Index>(j)).cast<double>())
            .norm();
    };
    double sum = 0.0;
    const std::uint64_t all = n * (n - 1) / 2;
    if (all <= max_pairs) {
        for (std::uint64_t i = 0; i < n; ++i)
            for (std::uint64_t j = i + 1; j < n; ++j)
                sum += distance(i, j);
        return sum / static_cast<double>(all);
    }
    SeededRandom rng(seed, 0x7061697273ULL);
    for (std::size_t p = 0; p < max_pairs; ++p) {
        const std::uint64_t i = rng.below(n);
        std::uint64_t j = rng.below(n - 1);
        j += j >= i ? 1 : 0;
        sum += distance(i, j);
    }
    return sum / static_cast<double>(max_pairs);
}

} // namespace vae
