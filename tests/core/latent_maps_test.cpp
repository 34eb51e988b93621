#include "latent/latent_maps.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>
#include <stdexcept>

using vae::Matrix;

namespace {

/// A 2-D model whose encoder mean and decoder are both the identity (no hidden layers, a
/// Gaussian decoder so that its output is linear): encode(decode(z)) == z exactly.
vae::VaeModel identity_model(float decoder_scale = 1.0f) {
    vae::VaeArchitecture arch;
    arch.input_dim = 2;
    arch.latent_dim = 2;
    arch.hidden = {};
    arch.likelihood = vae::Likelihood::GaussianFixed;
    vae::VaeModel model(arch, 1);
    auto p = model.mutable_parameters();
    std::fill(p.begin(), p.end(), 0.0f);
    const auto set_identity = [&](const vae::DenseLayer& layer, float scale) {
        REQUIRE(layer.inputs == 2);
        REQUIRE(layer.outputs == 2);
        p[layer.offset + 0] = scale; // W is inputs x outputs, row-major
        p[layer.offset + 3] = scale;
    };
    set_identity(model.mean_head(), 1.0f);
    REQUIRE(model.decoder().layers().size() == 1);
    set_identity(std::get<vae::DenseLayer>(model.decoder().layers().front()), decoder_scale);
    return model;
}

} // namespace

TEST_CASE("latent maps: one encoding at the origin with unit variance is the prior",
          "[latent][maps]") {
    const Matrix means = Matrix::Zero(1, 3);
    const Matrix logvars = Matrix::Zero(1, 3);
    Matrix z(4, 3);
    z << 0, 0, 0, 1, -2, 0.5, 3, 3, 3, -0.1, 0.2, 7;
    const Eigen::VectorXd ratio = vae::posterior_prior_log_ratio(z, means, logvars);
    for (Eigen::Index i = 0; i < z.rows(); ++i)
        CHECK(ratio(i) == Approx(0.0).margin(1e-9));
    // The prior itself: log N(0; 0, I) in 3-D.
    CHECK(vae::log_standard_normal(z)(0) == Approx(-1.5 * std::log(2.0 * std::numbers::pi)));
}

TEST_CASE("latent maps: the mixture density matches the formula for two components",
          "[latent][maps]") {
    Matrix means(2, 2);
    means << 1, 0, -1, 2;
    Matrix logvars(2, 2);
    logvars << 0, std::log(4.0f), std::log(0.25f), 0;
    Matrix z(2, 2);
    z << 0.5, 0.5, -3, 1;
    const auto normal = [](double x, double m, double v) {
        return std::exp(-0.5 * (x - m) * (x - m) / v) / std::sqrt(2.0 * std::numbers::pi * v);
    };
    const Eigen::VectorXd log_q = vae::log_aggregate_posterior(z, means, logvars);
    for (Eigen::Index g = 0; g < 2; ++g) {
        const double q = 0.5 * (normal(z(g, 0), 1, 1) * normal(z(g, 1), 0, 4) +
                                normal(z(g, 0), -1, 0.25) * normal(z(g, 1), 2, 1));
        CHECK(log_q(g) == Approx(std::log(q)).epsilon(1e-6));
    }
    // Far from every encoding the log stays finite (a log-sum-exp, not log(0)).
    Matrix far(1, 2);
    far << 200, -300;
    CHECK(std::isfinite(vae::log_aggregate_posterior(far, means, logvars)(0)));
    CHECK(vae::posterior_prior_log_ratio(far, means, logvars)(0) > 0.0); // wide beats unit
}

TEST_CASE("latent maps: a kernel density estimate uses Scott's bandwidth", "[latent][maps]") {
    Matrix means(4, 2);
    means << 0, 0, 2, 0, 0, 2, 2, 2; // per-dimension sd = sqrt(4/3)
    const double h = std::sqrt(4.0 / 3.0) * std::pow(4.0, -1.0 / 6.0);
    CHECK(vae::kde_bandwidth(means) == Approx(h));
    const Matrix lv = vae::kde_logvars(means);
    CHECK(lv.rows() == 4);
    CHECK(lv.cols() == 2);
    CHECK(lv(3, 1) == Approx(2.0 * std::log(h)));
    // No spread at all: unit scale rather than a zero-width kernel.
    CHECK(vae::kde_bandwidth(Matrix::Zero(1, 2)) == Approx(1.0));
}

TEST_CASE("latent maps: shapes are checked", "[latent][maps]") {
    const Matrix means = Matrix::Zero(3, 2);
    CHECK_THROWS_AS(vae::log_aggregate_posterior(Matrix::Zero(1, 3), means, Matrix::Zero(3, 2)),
                    std::invalid_argument);
    CHECK_THROWS_AS(vae::log_aggregate_posterior(Matrix::Zero(1, 2), means, Matrix::Zero(2, 2)),
                    std::invalid_argument);
    CHECK_THROWS_AS(vae::log_aggregate_posterior(Matrix::Zero(1, 2), Matrix(0, 2), Matrix(0, 2)),
                    std::invalid_argument);
    CHECK_THROWS_AS(vae::kde_bandwidth(Matrix(0, 2)), std::invalid_argument);
    CHECK(vae::log_aggregate_posterior(Matrix(0, 2), means, Matrix::Zero(3, 2)).size() == 0);
    CHECK_THROWS_AS(vae::decoding_consistency(identity_model(), Matrix::Zero(2, 3)),
                    std::invalid_argument);
}

TEST_CASE("latent maps: an identity encoder and decoder are perfectly consistent",
          "[latent][maps]") {
    Matrix z(3, 2);
    z << 0, 0, 1.5, -2, -0.25, 4;
    const Eigen::VectorXd d = vae::decoding_consistency(identity_model(), z);
    REQUIRE(d.size() == 3);
    for (Eigen::Index i = 0; i < 3; ++i)
        CHECK(d(i) == Approx(0.0).margin(1e-6));
    // A decoder that doubles its codes comes back at 2z: the distance is ||z||.
    const Eigen::VectorXd doubled = vae::decoding_consistency(identity_model(2.0f), z);
    for (Eigen::Index i = 0; i < 3; ++i)
        CHECK(doubled(i) == Approx(z.row(i).cast<double>().norm()).margin(1e-6));
}
