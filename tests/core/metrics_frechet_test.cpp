#include "data/seeded_random.h"
#include "metrics/frechet_distance.h"

#include <catch2/catch.hpp>

#include <Eigen/LU>
#include <Eigen/QR>

#include <cmath>

using vae::GaussianMoments;

namespace {

GaussianMoments gaussian(const Eigen::VectorXd& mean, const Eigen::MatrixXd& cov) {
    return {mean, cov};
}

} // namespace

TEST_CASE("Fréchet distance: diagonal Gaussians match the closed form", "[metrics]") {
    // |mu1 - mu2|^2 + sum (sqrt a - sqrt b)^2
    const Eigen::Vector3d a(4.0, 1.0, 9.0), b(1.0, 1.0, 16.0);
    const Eigen::Vector3d m1(0.0, 1.0, 2.0), m2(1.0, 1.0, 0.0);
    const double expected = 5.0 + (2.0 - 1.0) * (2.0 - 1.0) + 0.0 + (3.0 - 4.0) * (3.0 - 4.0);
    const GaussianMoments g1 = gaussian(m1, a.asDiagonal().toDenseMatrix());
    const GaussianMoments g2 = gaussian(m2, b.asDiagonal().toDenseMatrix());
    CHECK(vae::frechet_distance(g1, g2) == Approx(expected).epsilon(1e-12));
    CHECK(vae::frechet_distance(g2, g1) == Approx(expected).epsilon(1e-12));

    // The same pair rotated by one orthogonal Q: non-diagonal covariances that do not commute
    // with most matrices, same distance.
    vae::SeededRandom rng(3);
    Eigen::Matrix3d r;
    for (Eigen::Index i = 0; i < 9; ++i)
        r.data()[i] = rng.normal();
    const Eigen::Matrix3d q = Eigen::HouseholderQR<Eigen::Matrix3d>(r).householderQ();
    const GaussianMoments r1 = gaussian(q * m1, q * g1.covariance * q.transpose());
    const GaussianMoments r2 = gaussian(q * m2, q * g2.covariance * q.transpose());
    CHECK(vae::frechet_distance(r1, r2) == Approx(expected).epsilon(1e-10));
}

TEST_CASE("Fréchet distance: a non-commuting pair matches the 2-D closed form", "[metrics]") {
    // For 2 x 2 PSD matrices, tr sqrt(M) = sqrt(tr M + 2 sqrt(det M)) with
    // M = S1^1/2 S2 S1^1/2 (tr M = tr(S1 S2), det M = det S1 det S2).
    Eigen::Matrix2d s1, s2;
    s1 << 2.0, 0.5, 0.5, 1.0;
    s2 << 1.0, -0.3, -0.3, 3.0;
    const double tr = (s1 * s2).trace();
    const double root = std::sqrt(tr + 2.0 * std::sqrt(s1.determinant() * s2.determinant()));
    const double expected = s1.trace() + s2.trace() - 2.0 * root;
    CHECK(vae::frechet_distance(gaussian(Eigen::Vector2d::Zero(), s1),
                                gaussian(Eigen::Vector2d::Zero(), s2)) ==
          Approx(expected).epsilon(1e-12));
}

TEST_CASE("Fréchet distance: identical features give 0", "[metrics]") {
    vae::SeededRandom rng(8);
    vae::Matrix x(500, 6);
    for (Eigen::Index i = 0; i < x.size(); ++i)
        x.data()[i] = static_cast<float>(rng.normal() * static_cast<double>(1 + i % 6));
    const GaussianMoments g = vae::gaussian_moments(x);
    CHECK(vae::frechet_distance(g, g) == Approx(0.0).margin(1e-9));
    // A rank-deficient covariance (a constant feature) stays finite and 0.
    x.col(2).setConstant(1.0f);
    const GaussianMoments flat = vae::gaussian_moments(x);
    CHECK(vae::frechet_distance(flat, flat) == Approx(0.0).margin(1e-9));
    // A shift adds its squared length.
    vae::Matrix shifted = x;
    shifted.col(0).array() += 3.0f;
    CHECK(vae::frechet_distance(flat, vae::gaussian_moments(shifted)) == Approx(9.0).epsilon(1e-6));
}

TEST_CASE("Fréchet distance: moments and errors", "[metrics]") {
    vae::Matrix x(4, 2);
    x << 0, 0, 2, 0, 0, 4, 2, 4;
    const GaussianMoments g = vae::gaussian_moments(x);
    CHECK(g.mean[0] == Approx(1.0));
    CHECK(g.mean[1] == Approx(2.0));
    CHECK(g.covariance(0, 0) == Approx(4.0 / 3));
    CHECK(g.covariance(1, 1) == Approx(16.0 / 3));
    CHECK(g.covariance(0, 1) == Approx(0.0).margin(1e-12));
    CHECK_THROWS_WITH(vae::gaussian_moments(vae::Matrix::Zero(1, 2)),
                      Catch::Contains("at least 2 rows, not 1"));
    const GaussianMoments three = {Eigen::VectorXd::Zero(3), Eigen::MatrixXd::Identity(3, 3)};
    CHECK_THROWS_WITH(vae::frechet_distance(g, three), Catch::Contains("2 and 3 dimensions"));
}
