#include "data/seeded_random.h"
#include "metrics/precision_recall.h"
#include "nn/worker_pool.h"

#include <catch2/catch.hpp>

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
