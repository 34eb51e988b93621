// Samples of a learned-Gaussian model are draws from p(x | z): the decoded mean plus the
// likelihood's own noise, with each column's sigma as learned (and floored).

#include "vae/latent_ops.h"
#include "vae/vae_model.h"
#include "vae/vae_objective.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace vae;

namespace {

VaeModel model_with(Likelihood likelihood, std::size_t dims) {
    VaeArchitecture arch;
    arch.input_dim = dims;
    arch.hidden = {};
    arch.latent_dim = 2;
    arch.likelihood = likelihood;
    return VaeModel(arch, 7);
}

double column_sd(const Matrix& m, Eigen::Index j) {
    const double mean = m.col(j).cast<double>().mean();
    return std::sqrt((m.col(j).cast<double>().array() - mean).square().mean());
}

} // namespace

TEST_CASE("observation draws add each column's learned sigma around the means", "[latent]") {
    VaeModel model = model_with(Likelihood::GaussianLearnedPerDim, 3);
    auto params = model.mutable_parameters();
    const float log_sigmas[] = {std::log(0.5f), std::log(2.0f), -40.0f};
    for (std::size_t j = 0; j < 3; ++j)
        params[model.log_sigma_offset() + j] = log_sigmas[j];
    Matrix decoded = Matrix::Constant(20000, 3, 10.0f);
    draw_observations(model, decoded, 3);
    CHECK(decoded.col(0).mean() == Approx(10.0f).margin(0.02));
    CHECK(column_sd(decoded, 0) == Approx(0.5).epsilon(0.03));
    CHECK(column_sd(decoded, 1) == Approx(2.0).epsilon(0.03));
    // Below the floor the likelihood uses the floor, and so do the draws.
    CHECK(column_sd(decoded, 2) == Approx(std::exp(kMinLogSigma)).epsilon(0.03));
    // The same seed draws the same noise; another seed other noise.
    Matrix again = Matrix::Constant(20000, 3, 10.0f);
    draw_observations(model, again, 3);
    CHECK(again == decoded);
    Matrix other = Matrix::Constant(20000, 3, 10.0f);
    draw_observations(model, other, 4);
    CHECK(other != decoded);
}

TEST_CASE("observation draws share one sigma, or leave Bernoulli and fixed means alone",
          "[latent]") {
    VaeModel shared = model_with(Likelihood::GaussianLearned, 2);
    shared.mutable_parameters()[shared.log_sigma_offset()] = std::log(0.25f);
    Matrix decoded = Matrix::Zero(20000, 2);
    draw_observations(shared, decoded, 1);
    CHECK(column_sd(decoded, 0) == Approx(0.25).epsilon(0.03));
    CHECK(column_sd(decoded, 1) == Approx(0.25).epsilon(0.03));
    for (const Likelihood l : {Likelihood::Bernoulli, Likelihood::GaussianFixed}) {
        const VaeModel m = model_with(l, 2);
        Matrix means = Matrix::Constant(10, 2, 0.5f);
        draw_observations(m, means, 1);
        CHECK((means.array() == 0.5f).all());
    }
}
