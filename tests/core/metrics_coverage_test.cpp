#include "data/seeded_random.h"
#include "metrics/class_coverage.h"
#include "nn/worker_pool.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

using vae::Matrix;

namespace {

/// rows around the centre of their class: class c sits at 20 * c on every axis.
Matrix clustered(const std::vector<std::int32_t>& classes, std::uint64_t seed) {
    vae::SeededRandom rng(seed);
    Matrix m(static_cast<Eigen::Index>(classes.size()), 4);
    for (Eigen::Index i = 0; i < m.rows(); ++i)
        for (Eigen::Index j = 0; j < m.cols(); ++j)
            m(i, j) =
                static_cast<float>(20.0 * classes[static_cast<std::size_t>(i)] + rng.normal());
    return m;
}

} // namespace

TEST_CASE("coverage: entropy in nats", "[metrics]") {
    CHECK(vae::entropy_nats(std::vector<double>{1.0, 0.0}) == 0.0);
    CHECK(vae::entropy_nats(std::vector<double>{0.5, 0.5}) == Approx(std::log(2.0)));
    CHECK(vae::entropy_nats(std::vector<double>(4, 0.25)) == Approx(std::log(4.0)));
}

TEST_CASE("coverage: a distribution missing a class loses its coverage and entropy", "[metrics]") {
    std::vector<std::int32_t> real_labels;
    real_labels.reserve(90);
    for (int i = 0; i < 90; ++i)
        real_labels.push_back(i % 3);
    const Matrix real = clustered(real_labels, 1);

    // Samples of all classes, in shares 1/2, 1/4, 1/4.
    std::vector<std::int32_t> all = {0, 0, 1, 2, 0, 0, 1, 2, 0, 0, 1, 2, 0, 0, 1, 2};
    vae::WorkerPool pool(2);
    const auto full = vae::class_coverage(clustered(all, 2), real, real_labels, 3, &pool);
    CHECK(full.sample_share == std::vector<double>{0.5, 0.25, 0.25});
    CHECK(full.real_share[0] == Approx(1.0 / 3));
    CHECK(full.real_entropy == Approx(std::log(3.0)));
    CHECK(full.sample_entropy == Approx(1.5 * std::log(2.0)));

    // The same without class 2.
    std::vector<std::int32_t> missing = {0, 1, 0, 1, 0, 1, 0, 1};
    const auto lost = vae::class_coverage(clustered(missing, 3), real, real_labels, 3, nullptr);
    CHECK(lost.sample_share == std::vector<double>{0.5, 0.5, 0.0});
    CHECK(lost.sample_entropy == Approx(std::log(2.0)));
    CHECK(lost.sample_entropy < full.sample_entropy);
}

TEST_CASE("coverage: bad input is named", "[metrics]") {
    const Matrix real = Matrix::Zero(3, 2);
    const std::vector<std::int32_t> labels = {0, 1, 2};
    CHECK_THROWS_WITH(vae::class_coverage(Matrix::Zero(1, 2), real, labels, 2, nullptr),
                      Catch::Contains("row 2 has label 2 outside 0..2-1"));
    CHECK_THROWS_WITH(
        vae::class_coverage(Matrix::Zero(1, 2), real, std::vector<std::int32_t>{0}, 3, nullptr),
        Catch::Contains("1 labels for 3 real rows"));
    CHECK_THROWS_WITH(vae::class_coverage(Matrix::Zero(1, 5), real, labels, 3, nullptr),
                      Catch::Contains("5 values") && Catch::Contains("real rows 2"));
    CHECK_THROWS_WITH(vae::class_coverage(Matrix::Zero(0, 2), real, labels, 3, nullptr),
                      Catch::Contains("no samples"));
}
