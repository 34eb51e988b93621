#include "data/seeded_random.h"
#include "metrics/pairwise_distances.h"
#include "metrics/sample_diversity.h"
#include "nn/worker_pool.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <vector>

using vae::Matrix;

namespace {

Matrix random_rows(Eigen::Index n, Eigen::Index d, std::uint64_t seed) {
    vae::SeededRandom rng(seed);
    Matrix m(n, d);
    for (Eigen::Index i = 0; i < m.size(); ++i)
        m.data()[i] = static_cast<float>(rng.normal());
    return m;
}

/// n rows on a grid with spacing 10: every pair at least 10 apart.
Matrix far_apart(Eigen::Index n) {
    Matrix m(n, 3);
    for (Eigen::Index i = 0; i < n; ++i) {
        const Eigen::Index line = i / 7; // 7 points a grid line: integer division on purpose
        m.row(i) << static_cast<float>(10 * (i % 7)), static_cast<float>(10 * line), 1.0f;
    }
    return m;
}

Matrix with_rows(const Matrix& m, const std::vector<Eigen::RowVectorXf>& extra) {
    Matrix out(m.rows() + static_cast<Eigen::Index>(extra.size()), m.cols());
    out.topRows(m.rows()) = m;
    for (std::size_t i = 0; i < extra.size(); ++i)
        out.row(m.rows() + static_cast<Eigen::Index>(i)) = extra[i];
    return out;
}

} // namespace

TEST_CASE("diversity: nearest other rows match brute force across blocks and threads",
          "[metrics]") {
    const Matrix x = random_rows(700, 5, 11); // more than one 512-row block
    vae::WorkerPool pool(2);
    for (vae::WorkerPool* p : {static_cast<vae::WorkerPool*>(nullptr), &pool}) {
        const vae::NearestWithin nn = vae::nearest_within(x, 3, p);
        for (Eigen::Index i = 0; i < x.rows(); i += 37) {
            std::vector<std::pair<double, Eigen::Index>> all;
            for (Eigen::Index j = 0; j < x.rows(); ++j)
                if (j != i)
                    all.emplace_back(
                        (x.row(i).cast<double>() - x.row(j).cast<double>()).squaredNorm(), j);
            std::sort(all.begin(), all.end());
            for (Eigen::Index c = 0; c < 3; ++c) {
                CHECK(nn.index(i, c) == all[static_cast<std::size_t>(c)].second);
                CHECK(nn.d2(i, c) == Approx(all[static_cast<std::size_t>(c)].first));
            }
        }
    }
}

TEST_CASE("diversity: every distance block is visited once", "[metrics]") {
    const Matrix a = random_rows(300, 4, 1);
    const Matrix b = random_rows(2100, 4, 2);
    Eigen::MatrixXi seen = Eigen::MatrixXi::Zero(300, 2100);
    double worst = 0.0;
    vae::for_each_distance_block(a, b, nullptr, [&](std::size_t, const vae::DistanceBlock& blk) {
        for (std::size_t i = 0; i < blk.rows; ++i)
            for (std::size_t j = 0; j < blk.cols; ++j) {
                const auto r = static_cast<Eigen::Index>(blk.a_first + i);
                const auto c = static_cast<Eigen::Index>(blk.b_first + j);
                ++seen(r, c);
                const double exact =
                    (a.row(r).cast<double>() - b.row(c).cast<double>()).squaredNorm();
                worst = std::max(worst, std::abs(blk.at(i, j) - exact));
            }
    });
    CHECK(seen.minCoeff() == 1);
    CHECK(seen.maxCoeff() == 1);
    CHECK(worst < 1e-4);
}

TEST_CASE("diversity: the duplicate threshold is a quantile of the NN distances", "[metrics]") {
    const std::vector<double> d = {5, 1, 4, 2, 3};
    CHECK(vae::duplicate_threshold(d, 0.5) == Approx(3.0));
    CHECK(vae::duplicate_threshold(d, 0.25) == Approx(2.0));
    CHECK(vae::duplicate_threshold(d, 0.1) == Approx(1.4));
    CHECK(vae::duplicate_threshold(d, 0.0) == Approx(1.0));
    CHECK_THROWS_WITH(vae::duplicate_threshold(d, 1.5), Catch::Contains("[0, 1]"));
    CHECK_THROWS_WITH(vae::duplicate_threshold({}, 0.5), Catch::Contains("no nearest"));
}

TEST_CASE("diversity: injected duplicates raise the duplicate rate by the expected amount",
          "[metrics]") {
    const Eigen::Index n = 40;
    const Matrix distinct = far_apart(n);
    CHECK(vae::duplicate_rate(distinct, 1.0, nullptr) == 0.0);

    // m exact copies of m different rows: each copy and its original are duplicates.
    const std::size_t m = 5;
    std::vector<Eigen::RowVectorXf> copies;
    for (std::size_t i = 0; i < m; ++i)
        copies.emplace_back(distinct.row(static_cast<Eigen::Index>(3 * i)));
    vae::WorkerPool pool(2);
    CHECK(vae::duplicate_rate(with_rows(distinct, copies), 1.0, &pool) ==
          Approx(2.0 * m / static_cast<double>(n + m)));

    // m copies of one row: m + 1 duplicates.
    const std::vector<Eigen::RowVectorXf> same(m, distinct.row(7));
    CHECK(vae::duplicate_rate(with_rows(distinct, same), 1.0, nullptr) ==
          Approx((m + 1.0) / static_cast<double>(n + m)));

    // Near copies count within the threshold only.
    Eigen::RowVectorXf near = distinct.row(0);
    near[2] += 0.9f;
    CHECK(vae::duplicate_rate(with_rows(distinct, {near}), 1.0, nullptr) ==
          Approx(2.0 / static_cast<double>(n + 1)));
    CHECK(vae::duplicate_rate(with_rows(distinct, {near}), 0.85, nullptr) == 0.0);
}

TEST_CASE("diversity: the mean pairwise distance scales with the spread", "[metrics]") {
    const Matrix real = random_rows(60, 4, 5);
    const Matrix squeezed = (real * 0.5f).eval();
    // All pairs (60 * 59 / 2 < 5000): exact.
    CHECK(vae::diversity_ratio(squeezed, real, 5000, 1) == Approx(0.5));
    CHECK(vae::diversity_ratio(real, real, 5000, 1) == Approx(1.0));
    Matrix two(2, 2);
    two << 0, 0, 3, 4;
    CHECK(vae::mean_pairwise_distance(two, 10, 1) == Approx(5.0));
    // Sampled pairs estimate the same mean.
    const Matrix big = random_rows(400, 4, 6);
    const double all = vae::mean_pairwise_distance(big, 1'000'000, 1);
    CHECK(vae::mean_pairwise_distance(big, 20000, 1) == Approx(all).epsilon(0.02));
    CHECK_THROWS_WITH(vae::mean_pairwise_distance(Matrix(1, 3), 10, 1),
                      Catch::Contains("at least 2 rows"));
    CHECK_THROWS_WITH(vae::duplicate_rate(Matrix(1, 3), 1.0, nullptr),
                      Catch::Contains("at least 2 samples"));
}

TEST_CASE("distances: a cancel stops the blocks after the ones under way", "[metrics]") {
    // 1200 x 5000 rows: 5 x 3 = 15 blocks of 256 x 2048. Stop at the 4th check.
    const Matrix a = random_rows(1200, 4, 1);
    const Matrix b = random_rows(5000, 4, 2);
    vae::WorkerPool pool(2);
    std::atomic<int> checks{0}, visited{0};
    const vae::CancelCheck cancel = [&] { return ++checks > 3; };
    CHECK_THROWS_AS(
        vae::for_each_distance_block(
            a, b, &pool, [&](std::size_t, const vae::DistanceBlock&) { ++visited; }, cancel),
        vae::MetricsCancelled);
    // Each thread stops at its next check: at most the 3 allowed blocks were visited.
    CHECK(visited.load() <= 3);
    CHECK(checks.load() <= 3 + 2);
    int all = 0;
    vae::for_each_distance_block(a, b, &pool,
                                 [&](std::size_t, const vae::DistanceBlock&) { ++all; });
    CHECK(all == 15);

    // The triangle of one set (nearest_within, behind the duplicate rate and the k-NN radii):
    // 3000 rows are 6 x 7 / 2 = 21 blocks of 512 x 512.
    const Matrix x = random_rows(3000, 4, 3);
    checks = 0;
    CHECK_THROWS_AS(vae::nearest_within(x, 1, &pool, [&] { return ++checks > 5; }),
                    vae::MetricsCancelled);
    CHECK(checks.load() <= 5 + 2);
    checks = 0;
    CHECK_THROWS_AS(vae::duplicate_rate(x, 0.1, &pool, [&] { return ++checks > 5; }),
                    vae::MetricsCancelled);
    CHECK(checks.load() <= 5 + 2);
    checks = 0;
    vae::nearest_within(x, 1, &pool, [&] { return ++checks < 0; });
    CHECK(checks.load() == 21); // asked once per block when nobody cancels
}
