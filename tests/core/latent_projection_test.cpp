#include "latent/latent_projection.h"

#include <Eigen/Geometry>
#include <catch2/catch.hpp>

#include <cmath>
#include <stdexcept>

using vae::LatentProjection;
using vae::Matrix;
using vae::Vector;

namespace {

Vector vec(std::initializer_list<float> v) {
    Vector out(static_cast<Eigen::Index>(v.size()));
    Eigen::Index k = 0;
    for (const float x : v)
        out(k++) = x;
    return out;
}

} // namespace

TEST_CASE("latent projection: two dimensions of a 2-D latent space is the identity", "[latent]") {
    const auto p = LatentProjection::dimensions(2, 0, 1);
    CHECK(p.kind() == LatentProjection::Kind::Dimensions);
    Matrix z(3, 2);
    z << 0.5f, -1.25f, 3.0f, 0.0f, -7.5f, 2.0f;
    CHECK(p.project(z) == z);
    CHECK(p.lift(z) == z);
    CHECK(p.lift(0.5, -1.25) == vec({0.5f, -1.25f}));
    // Swapped dimensions swap the axes.
    const auto q = LatentProjection::dimensions(2, 1, 0);
    CHECK(q.lift(1.0, 2.0) == vec({2.0f, 1.0f}));
    CHECK(q.project(z).col(0) == z.col(1));
}

TEST_CASE("latent projection: chosen dimensions keep the others at the reference", "[latent]") {
    const Vector ref = vec({10.0f, 20.0f, 30.0f, 40.0f});
    const auto p = LatentProjection::dimensions(4, 2, 0, ref);
    CHECK(p.dims() == std::array<std::size_t, 2>{2, 0});
    CHECK(p.lift(1.5, -2.0) == vec({-2.0f, 20.0f, 1.5f, 40.0f}));
    Matrix z(2, 4);
    z << 1, 2, 3, 4, //
        5, 6, 7, 8;
    Matrix expected(2, 2);
    expected << 3, 1, //
        7, 5;
    CHECK(p.project(z) == expected);
    // Off the plane a code comes back with the reference's other dimensions, not its own.
    CHECK(p.lift(p.project(z)).row(0) == vec({1.0f, 20.0f, 3.0f, 40.0f}).transpose());
    // Without a reference the other dimensions are zero.
    const auto zero = LatentProjection::dimensions(4, 1, 3);
    CHECK(zero.lift(2.0, 3.0) == vec({0.0f, 2.0f, 0.0f, 3.0f}));
}

TEST_CASE("latent projection: PCA of points on a line recovers its direction", "[latent]") {
    // Direction (1, -3, 2)/sqrt(14): its largest component is negative, so the sign convention
    // must flip it to (-1, 3, -2)/sqrt(14).
    const Eigen::Vector3d dir = Eigen::Vector3d(1, -3, 2) / std::sqrt(14.0);
    const Eigen::Vector3d c(0.5, 1.0, -2.0);
    Matrix means(7, 3);
    for (int r = 0; r < 7; ++r)
        means.row(r) = (c + (r - 3) * 0.75 * dir).cast<float>().transpose();
    const auto p = LatentProjection::pca(means);
    CHECK(p.kind() == LatentProjection::Kind::Pca);
    CHECK((p.centre() - c).norm() < 1e-6);
    CHECK((p.axes().col(0) + dir).norm() < 1e-6);
    CHECK(std::abs(p.axes().col(1).dot(dir)) < 1e-6);
    CHECK(std::abs(p.axes().col(1).norm() - 1.0) < 1e-9);
    CHECK(p.explained_variance_ratio()[0] == Approx(1.0).margin(1e-9));
    CHECK(p.explained_variance_ratio()[1] == Approx(0.0).margin(1e-9));
    // The points land on the x axis at -t (the flipped direction), y = 0.
    const Matrix xy = p.project(means);
    for (int r = 0; r < 7; ++r) {
        CHECK(xy(r, 0) == Approx(-(r - 3) * 0.75).margin(1e-5));
        CHECK(xy(r, 1) == Approx(0.0).margin(1e-5));
    }
}

TEST_CASE("latent projection: PCA explained variance and axes of a known covariance", "[latent]") {
    // Points +-3 e0, +-2 e1, +-1 e2 (mean 0): variances 18, 8, 2 (times 1/5) along e0, e1, e2,
    // then rotated by R; the axes must be R e0 and R e1 and the ratios 18/28 and 8/28. At this
    // angle the solver returns both axes with their largest component negative.
    Eigen::Matrix3d raw = Eigen::Matrix3d::Zero();
    raw.diagonal() << 3, 2, 1;
    const Eigen::Matrix3d rot =
        (Eigen::AngleAxisd(1.9, Eigen::Vector3d(1, 2, 3).normalized())).toRotationMatrix();
    Matrix means(6, 3);
    for (int k = 0; k < 3; ++k) {
        means.row(2 * k) = (rot * raw.col(k)).cast<float>().transpose();
        means.row(2 * k + 1) = (-rot * raw.col(k)).cast<float>().transpose();
    }
    const auto p = LatentProjection::pca(means);
    CHECK(p.explained_variance_ratio()[0] == Approx(18.0 / 28.0).epsilon(1e-6));
    CHECK(p.explained_variance_ratio()[1] == Approx(8.0 / 28.0).epsilon(1e-6));
    for (int k = 0; k < 2; ++k) {
        const Eigen::Vector3d axis = rot.col(k);
        // Equal up to the sign, which the convention fixes: largest |component| positive.
        CHECK(std::abs(std::abs(p.axes().col(k).dot(axis)) - 1.0) < 1e-6);
        Eigen::Index at = 0;
        p.axes().col(k).cwiseAbs().maxCoeff(&at);
        CHECK(p.axes()(at, k) > 0.0);
    }
}

TEST_CASE("latent projection: the PCA sign convention survives negated and reordered data",
          "[latent]") {
    Matrix means = Matrix::Random(50, 5);
    means.col(2) *= 4.0f;
    means.col(0) += 0.5f * means.col(2);
    const auto p = LatentProjection::pca(means);
    // Negating every code and reversing the rows leaves the covariance unchanged; the solver's
    // eigenvector signs may differ, the convention must not.
    const Matrix flipped = -means.colwise().reverse();
    const auto q = LatentProjection::pca(flipped);
    CHECK((p.axes() - q.axes()).norm() < 1e-9);
    CHECK((p.centre() + q.centre()).norm() < 1e-6);
}

TEST_CASE("latent projection: lift inverts project on the plane through the reference",
          "[latent]") {
    Matrix means = Matrix::Random(40, 4);
    means.col(1) *= 3.0f;
    const Vector ref = vec({0.3f, -0.2f, 0.9f, 1.1f});
    for (const bool with_ref : {false, true}) {
        const auto p = with_ref ? LatentProjection::pca(means, ref) : LatentProjection::pca(means);
        Matrix xy(5, 2);
        xy << 0, 0, 1, 0, 0, 1, -2.5f, 0.75f, 3, -4;
        const Matrix z = p.lift(xy);
        CHECK((p.project(z) - xy).cwiseAbs().maxCoeff() < 1e-5f);
        CHECK((p.lift(p.project(z)) - z).cwiseAbs().maxCoeff() < 1e-5f);
        for (Eigen::Index r = 0; r < xy.rows(); ++r)
            CHECK(p.lift(xy(r, 0), xy(r, 1)).transpose() == z.row(r));
        // The plane goes through the reference (the centre when none is given).
        const Vector through = with_ref ? ref : Vector(p.centre().cast<float>());
        const Matrix r = through.transpose();
        CHECK((p.lift(p.project(r)) - r).cwiseAbs().maxCoeff() < 1e-5f);
    }
}

TEST_CASE("latent projection: with_reference keeps the plane and moves the off-plane part",
          "[latent]") {
    const Vector ref = vec({10.0f, 20.0f, 30.0f, 40.0f});
    const auto dims = LatentProjection::dimensions(4, 2, 0).with_reference(ref);
    CHECK(dims.dims() == std::array<std::size_t, 2>{2, 0});
    CHECK(dims.lift(1.5, -2.0) == vec({-2.0f, 20.0f, 1.5f, 40.0f}));
    CHECK(dims.with_reference({}).lift(1.5, -2.0) == vec({-2.0f, 0.0f, 1.5f, 0.0f}));

    // A refit with the reference and the fit moved to another reference agree exactly.
    Matrix means = Matrix::Random(40, 4);
    means.col(3) *= 4.0f;
    const auto fitted = LatentProjection::pca(means, ref);
    const auto moved = LatentProjection::pca(means).with_reference(ref);
    CHECK(moved.axes() == fitted.axes());
    CHECK(moved.centre() == fitted.centre());
    CHECK(moved.explained_variance_ratio() == fitted.explained_variance_ratio());
    CHECK(moved.reference() == fitted.reference());
    CHECK(moved.lift(0.5, -1.0) == fitted.lift(0.5, -1.0));
    // Empty goes back to the centre: lift(0, 0) is the centre again.
    CHECK((moved.with_reference({}).lift(0.0, 0.0).cast<double>() - fitted.centre())
              .cwiseAbs()
              .maxCoeff() < 1e-6);
    CHECK_THROWS_WITH(moved.with_reference(vec({1, 2})), Catch::Contains("has 2 values"));
}

TEST_CASE("latent projection: codes without variance get axes e0 and e1", "[latent]") {
    const Matrix same = Matrix::Constant(4, 3, 2.0f);
    const auto p = LatentProjection::pca(same);
    CHECK(p.axes().col(0) == Eigen::Vector3d(1, 0, 0));
    CHECK(p.axes().col(1) == Eigen::Vector3d(0, 1, 0));
    CHECK(p.explained_variance_ratio() == std::array<double, 2>{0.0, 0.0});
    CHECK(p.lift(1.0, 0.0) == vec({3.0f, 2.0f, 2.0f}));
}

TEST_CASE("latent projection: invalid arguments are named", "[latent]") {
    using Catch::Contains;
    CHECK_THROWS_WITH(LatentProjection::dimensions(3, 3, 0),
                      Contains("latent dimension 3 does not exist") && Contains("0..2"));
    CHECK_THROWS_WITH(LatentProjection::dimensions(3, 0, 7), Contains("dimension 7"));
    CHECK_THROWS_WITH(LatentProjection::dimensions(3, 1, 1), Contains("got 1 twice"));
    CHECK_THROWS_WITH(LatentProjection::dimensions(1, 0, 0), Contains("the model has 1"));
    CHECK_THROWS_WITH(LatentProjection::dimensions(3, 0, 1, vec({1, 2})),
                      Contains("has 2 values") && Contains("latent dimension is 3"));
    CHECK_THROWS_WITH(LatentProjection::pca(Matrix(0, 3)), Contains("got 0 rows"));
    CHECK_THROWS_WITH(LatentProjection::pca(Matrix::Zero(5, 1)), Contains("codes have 1"));
    Matrix bad = Matrix::Zero(3, 2);
    bad(2, 1) = std::nanf("");
    CHECK_THROWS_WITH(LatentProjection::pca(bad),
                      Contains("latent code 2") && Contains("nan") && Contains("dimension 1"));
    const auto p = LatentProjection::dimensions(3, 0, 1);
    CHECK_THROWS_WITH(p.project(Matrix::Zero(2, 4)),
                      Contains("4 values per row") && Contains("for 3 dimensions"));
    CHECK_THROWS_WITH(p.lift(Matrix::Zero(2, 3)), Contains("got 3"));
}
