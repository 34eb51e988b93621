#include "data/seeded_random.h"
#include "metrics/precision_recall.h"
#include "metrics/seeded_subsample.h"
#include "nn/worker_pool.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <vector>

using vae::Matrix;

namespace {

/// n rows of standard normal noise around `centre` (on every axis).
Matrix blob(Eigen::Index n, float centre, std::uint64_t seed) {
    vae::SeededRandom rng(seed);
    Matrix m(n, 3);
    for (Eigen::Index i = 0; i < m.size(); ++i)
        m.data()[i] = centre + static_cast<float>(rng.normal());
    return m;
}

Matrix stacked(const Matrix& a, const Matrix& b) {
    Matrix m(a.rows() + b.rows(), a.cols());
    m << a, b;
    return m;
}

} // namespace

TEST_CASE("precision/recall: identical sets give 1 and 1", "[metrics]") {
    const Matrix real = stacked(blob(150, 0.0f, 1), blob(150, 30.0f, 2));
    vae::WorkerPool pool(2);
    const auto pr = vae::knn_precision_recall(real, real, 3, &pool);
    CHECK(pr.precision == 1.0);
    CHECK(pr.recall == 1.0);
}

TEST_CASE("precision/recall: far-away samples give 0 and 0", "[metrics]") {
    const Matrix real = blob(100, 0.0f, 1);
    const Matrix off = blob(100, 100.0f, 2);
    const auto pr = vae::knn_precision_recall(real, off, 3, nullptr);
    CHECK(pr.precision == 0.0);
    CHECK(pr.recall == 0.0);
}

TEST_CASE("precision/recall: a dropped mode costs recall, not precision", "[metrics]") {
    const Matrix real = stacked(blob(200, 0.0f, 1), blob(200, 30.0f, 2));
    const Matrix one_mode = blob(400, 0.0f, 3); // all samples in the first mode only
    vae::WorkerPool pool(2);
    const auto pr = vae::knn_precision_recall(real, one_mode, 3, &pool);
    CHECK(pr.precision > 0.95);
    CHECK(pr.recall > 0.4);
    CHECK(pr.recall <= 0.5); // no real row of the second mode is covered
    // The single-thread run gives the same answer.
    const auto one = vae::knn_precision_recall(real, one_mode, 3, nullptr);
    CHECK(one.precision == pr.precision);
    CHECK(one.recall == pr.recall);
}

TEST_CASE("precision/recall: a spread-out generator covers the data but is rarely realistic",
          "[metrics]") {
    // Recall uses the samples' radii, precision the real rows': 30 samples spread 10x wider
    // than a tight real blob have radii that cover every real row, while few of them fall in
    // the blob's small balls.
    const Matrix real = blob(300, 0.0f, 1);
    const Matrix spread = (blob(30, 0.0f, 2) * 10.0f).eval();
    const auto pr = vae::knn_precision_recall(real, spread, 3, nullptr);
    CHECK(pr.recall == 1.0);
    CHECK(pr.precision < 0.3);
}

TEST_CASE("precision/recall: bad input is named", "[metrics]") {
    const Matrix real = blob(3, 0.0f, 1);
    CHECK_THROWS_WITH(vae::knn_precision_recall(real, blob(10, 0.0f, 2), 3, nullptr),
                      Catch::Contains("real set has 3 rows; k = 3"));
    CHECK_THROWS_WITH(vae::knn_precision_recall(real, real, 0, nullptr),
                      Catch::Contains("k must be at least 1"));
    CHECK_THROWS_WITH(vae::knn_precision_recall(real, Matrix::Zero(5, 2), 1, nullptr),
                      Catch::Contains("real rows have 3 values, generated rows 2"));
}

TEST_CASE("precision/recall: samples from the data's distribution score near 1, at equal sizes "
          "whichever set is larger",
          "[metrics]") {
    // Kynkäänniemi et al. compare sets of equal size (a k-NN radius depends on how many rows
    // its set has): the larger set is brought down to the smaller one's size by a seeded
    // subsample, so the figures are those of the equal-size computation.
    const Matrix real = blob(1000, 0.0f, 1);
    const Matrix more = blob(3000, 0.0f, 3);
    vae::WorkerPool pool(2);
    const std::uint64_t seed = 7;
    const Matrix more_cut = vae::subsample_rows(more, 1000, seed);
    REQUIRE(more_cut.rows() == 1000);

    const auto more_samples = vae::knn_precision_recall(real, more, 3, &pool, seed);
    const auto equal = vae::knn_precision_recall(real, more_cut, 3, &pool, seed);
    CHECK(more_samples.precision == equal.precision);
    CHECK(more_samples.recall == equal.recall);
    CHECK(more_samples.rows == 1000);
    CHECK(equal.precision > 0.9);
    CHECK(equal.recall > 0.9);

    const auto more_real = vae::knn_precision_recall(more, real, 3, &pool, seed);
    const auto equal_real = vae::knn_precision_recall(more_cut, real, 3, &pool, seed);
    CHECK(more_real.precision == equal_real.precision);
    CHECK(more_real.recall == equal_real.recall);
    CHECK(equal_real.precision > 0.9);
    CHECK(equal_real.recall > 0.9);
}

TEST_CASE("seeded subsample: distinct ascending indices, the same for a seed, uniform",
          "[metrics]") {
    const auto a = vae::seeded_subsample(100, 30, 5);
    REQUIRE(a.size() == 30);
    CHECK(std::is_sorted(a.begin(), a.end()));
    CHECK(std::adjacent_find(a.begin(), a.end()) == a.end());
    CHECK(a.back() < 100);
    CHECK(vae::seeded_subsample(100, 30, 5) == a);
    CHECK(vae::seeded_subsample(100, 30, 6) != a);
    CHECK(vae::seeded_subsample(4, 9, 1) == std::vector<std::size_t>{0, 1, 2, 3});
    // Each index is drawn with probability count / n: 2000 draws of 10 of 20 pick each about
    // 1000 times (standard deviation 22).
    std::vector<int> picked(20, 0);
    for (std::uint64_t s = 0; s < 2000; ++s)
        for (const std::size_t i : vae::seeded_subsample(20, 10, s))
            ++picked[i];
    CHECK(*std::min_element(picked.begin(), picked.end()) > 900);
    CHECK(*std::max_element(picked.begin(), picked.end()) < 1100);
    const Matrix x = blob(5, 0.0f, 1);
    CHECK(vae::subsample_rows(x, 5, 1) == x);
    const Matrix two = vae::subsample_rows(x, 2, 3);
    const auto rows = vae::seeded_subsample(5, 2, 3);
    CHECK(two.row(1) == x.row(static_cast<Eigen::Index>(rows[1])));
}
