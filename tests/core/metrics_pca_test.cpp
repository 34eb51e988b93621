#include "data/seeded_random.h"
#include "metrics/leading_eigenpairs.h"
#include "metrics/pca_features.h"
#include "nn/worker_pool.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

using vae::Matrix;

TEST_CASE("PCA: recovers a known principal axis and its variance", "[metrics]") {
    // x = mean + 10 t u + noise (std 0.1): the first axis is u, with variance ~100.
    const Eigen::Vector3d u = Eigen::Vector3d(1.0, -2.0, 2.0) / 3.0;
    vae::SeededRandom rng(4);
    Matrix x(2000, 3);
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
        const double t = rng.normal();
        for (Eigen::Index j = 0; j < 3; ++j)
            x(i, j) = static_cast<float>(5.0 + 10.0 * t * u[j] + 0.1 * rng.normal());
    }
    vae::WorkerPool pool(2);
    const vae::PcaFeatures pca = vae::fit_pca(x, 2, &pool);
    REQUIRE(pca.components() == 2);
    CHECK(std::abs(pca.axes.col(0).dot(u)) > 0.9999);
    // The sign rule: the largest entry (|-2/3|) is made positive.
    CHECK(pca.axes(1, 0) > 0.0);
    CHECK(pca.variance[0] == Approx(100.0).epsilon(0.1));
    CHECK(pca.variance[1] == Approx(0.01).epsilon(0.2));
    CHECK(std::abs(pca.axes.col(1).dot(pca.axes.col(0))) < 1e-9);
    CHECK(pca.mean[0] == Approx(5.0).epsilon(0.1));

    const Matrix f = pca.transform(x);
    REQUIRE(f.rows() == 2000);
    REQUIRE(f.cols() == 2);
    CHECK(std::abs(f.col(0).cast<double>().mean()) < 1e-3);
    // The first feature is the coordinate along the axis: here 10 t up to the axis' sign.
    CHECK(f.col(0).cast<double>().squaredNorm() / 1999.0 == Approx(pca.variance[0]).epsilon(1e-3));
}

TEST_CASE("PCA: more components than columns keeps all columns", "[metrics]") {
    Matrix x(4, 2);
    x << 0, 0, 1, 0, 0, 2, 1, 2;
    const vae::PcaFeatures pca = vae::fit_pca(x, 50, nullptr);
    CHECK(pca.components() == 2);
    // Variances of the columns: 1/3 and 4/3, uncorrelated.
    CHECK(pca.variance[0] == Approx(4.0 / 3));
    CHECK(pca.variance[1] == Approx(1.0 / 3));
}

TEST_CASE("PCA: bad input is named", "[metrics]") {
    CHECK_THROWS_WITH(vae::fit_pca(Matrix::Zero(1, 3), 2, nullptr),
                      Catch::Contains("at least 2 rows, not 1"));
    CHECK_THROWS_WITH(vae::fit_pca(Matrix::Zero(4, 3), 0, nullptr),
                      Catch::Contains("at least 1 component"));
    const vae::PcaFeatures pca = vae::fit_pca(Matrix::Random(5, 3), 2, nullptr);
    CHECK_THROWS_WITH(pca.transform(Matrix::Zero(2, 4)),
                      Catch::Contains("4 values") && Catch::Contains("fitted on 3"));
}

TEST_CASE("leading eigenpairs: subspace iteration on a large matrix finds the top pairs",
          "[metrics]") {
    // 1100 rows (over the exact solver's limit): eigenvalues 1 / (1 + i) at shuffled positions,
    // two of them (the largest and the fourth) mixed by a 45-degree rotation.
    const Eigen::Index d = 1100;
    std::vector<Eigen::Index> where(static_cast<std::size_t>(d));
    std::iota(where.begin(), where.end(), Eigen::Index{0});
    vae::SeededRandom rng(5);
    for (std::size_t i = where.size(); i > 1; --i)
        std::swap(where[i - 1], where[rng.below(i)]);
    Eigen::MatrixXd s = Eigen::MatrixXd::Zero(d, d);
    for (Eigen::Index i = 0; i < d; ++i)
        s(where[static_cast<std::size_t>(i)], where[static_cast<std::size_t>(i)]) =
            1.0 / (1.0 + static_cast<double>(i));
    const Eigen::Index a = where[0], b = where[3];
    Eigen::VectorXd u = Eigen::VectorXd::Zero(d), v = Eigen::VectorXd::Zero(d);
    u[a] = v[a] = std::sqrt(0.5);
    u[b] = std::sqrt(0.5);
    v[b] = -std::sqrt(0.5);
    s(a, a) = s(b, b) = 0.5 * (1.0 + 0.25);
    s(a, b) = s(b, a) = 0.5 * (1.0 - 0.25); // u has eigenvalue 1, v 1/4

    const vae::Eigenpairs e = vae::leading_eigenpairs(s, 5);
    REQUIRE(e.values.size() == 5);
    for (Eigen::Index k = 0; k < 5; ++k)
        CHECK(e.values[k] == Approx(1.0 / (1.0 + static_cast<double>(k))).epsilon(1e-5));
    CHECK(std::abs(e.vectors.col(0).dot(u)) > 0.9999);
    CHECK(std::abs(e.vectors.col(3).dot(v)) > 0.9999);
    CHECK(std::abs(e.vectors(where[1], 1)) > 0.9999);
    CHECK((e.vectors.transpose() * e.vectors - Eigen::MatrixXd::Identity(5, 5)).norm() < 1e-9);
    CHECK_THROWS_WITH(vae::leading_eigenpairs(Eigen::MatrixXd::Zero(2, 3), 1),
                      Catch::Contains("2 x 3") && Catch::Contains("square"));
}

TEST_CASE("PCA: a cancel stops the covariance blocks and the eigen-iterations", "[metrics]") {
    // 300 columns: 5 covariance blocks of 64 columns, on one thread.
    const Matrix x = Matrix::Random(50, 300);
    int checks = 0;
    CHECK_THROWS_AS(vae::fit_pca(x, 2, nullptr, [&] { return ++checks > 2; }),
                    vae::MetricsCancelled);
    CHECK(checks == 3);
    checks = 0;
    vae::fit_pca(x, 2, nullptr, [&] { return ++checks < 0; });
    CHECK(checks == 5 + 1); // the blocks, then the decomposition
    // Subspace iteration (over 1024 rows) is asked before every iteration.
    const Eigen::MatrixXd s = Eigen::VectorXd::LinSpaced(1100, 1.0, 2.0).asDiagonal();
    checks = 0;
    CHECK_THROWS_AS(vae::leading_eigenpairs(s, 3, [&] { return ++checks > 2; }),
                    vae::MetricsCancelled);
    CHECK(checks == 3);
}
