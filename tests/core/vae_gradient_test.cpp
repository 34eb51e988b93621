#include "finite_difference.h"
#include "vae/training_step.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <vector>

using vae::Activation;
using vae::Likelihood;

namespace {

// Finite differences of the double reference objective against the engine's float gradient,
// for every parameter of a small VAE.
void check_full_gradient(const vae::VaeArchitecture& arch, double beta, bool with_free_bits,
                         std::size_t threads) {
    const vae::test::PerturbedVae setup =
        vae::test::perturbed_vae(arch, arch.likelihood != Likelihood::Bernoulli);
    const vae::Matrix& x = setup.x;
    const vae::VaeModel& model = setup.model;
    const std::vector<float>& p = setup.p;

    vae::TrainingStepConfig config;
    config.seed = 13;
    config.threads = threads;
    vae::TrainingStep step(model, config);
    vae::StepOptions options;
    options.beta = static_cast<float>(beta);
    vae::StepReport probe = step.compute_gradient(x, options);
    if (with_free_bits) {
        // A floor between the smallest and largest dimension's KL: some dims held, some not.
        const auto [lo, hi] = std::minmax_element(probe.kl_per_dim.begin(), probe.kl_per_dim.end());
        options.free_bits = static_cast<float>(0.5 * (*lo + *hi));
    }
    const vae::StepReport report = step.compute_gradient(x, options);
    REQUIRE(report.finite);

    const vae::test::MatrixD xd = x.cast<double>();
    const vae::test::MatrixD ed = vae::test::standard_normal_d(
        config.seed, 0, x.rows(), static_cast<Eigen::Index>(arch.latent_dim));
    const std::vector<double> pd(p.begin(), p.end());
    auto loss = [&](const std::vector<double>& q) {
        return vae::test::vae_loss_reference(model, q, xd, ed, beta, options.free_bits);
    };
    CHECK(report.loss == Approx(loss(pd)).epsilon(1e-5));
    const auto grad = step.gradient();
    REQUIRE(grad.size() == p.size());
    CHECK(vae::test::gradient_mismatches(loss, pd, grad, "parameter") == 0);
}

} // namespace

TEST_CASE("full VAE gradient matches double finite differences for every activation",
          "[vae][gradient]") {
    for (const Activation a : {Activation::ReLU, Activation::LeakyReLU, Activation::ELU,
                               Activation::SiLU, Activation::Tanh, Activation::Sigmoid}) {
        INFO(vae::activation_name(a));
        vae::VaeArchitecture arch;
        arch.input_dim = 5;
        arch.hidden = {7, 4};
        arch.latent_dim = 3;
        arch.activation = a;
        check_full_gradient(arch, 1.0, false, 1);
    }
}

TEST_CASE("full VAE gradient matches for every likelihood, beta and free bits, 1 and 2 threads",
          "[vae][gradient]") {
    for (const auto lik : {Likelihood::Bernoulli, Likelihood::GaussianFixed,
                           Likelihood::GaussianLearned, Likelihood::GaussianLearnedPerDim})
        for (const std::size_t threads : {1u, 2u}) {
            INFO(vae::likelihood_name(lik) << ", threads " << threads);
            vae::VaeArchitecture arch;
            arch.input_dim = 6;
            arch.hidden = {5};
            arch.latent_dim = 3;
            arch.activation = Activation::Tanh;
            arch.likelihood = lik;
            arch.sigma = 0.8f;
            check_full_gradient(arch, 0.6, true, threads);
        }
}

TEST_CASE("a conv VAE's gradient matches finite differences through every layer kind",
          "[vae][gradient][conv]") {
    // A 6x6x2 image: conv k4 s2 p1 -> 3x3x3, conv k3 s1 p1 -> 3x3x2, dense 4, heads; the decoder
    // mirrors it with two transposed convs. Both likelihood families, 1 and 2 threads.
    for (const auto lik : {Likelihood::Bernoulli, Likelihood::GaussianLearnedPerDim})
        for (const std::size_t threads : {1u, 2u}) {
            INFO(vae::likelihood_name(lik) << ", threads " << threads);
            vae::VaeArchitecture arch;
            arch.image = {6, 6, 2};
            arch.input_dim = 72;
            arch.conv = {{3, 4, 2, 1}, {2, 3, 1, 1}};
            arch.hidden = {4};
            arch.latent_dim = 2;
            arch.activation = Activation::Tanh;
            arch.likelihood = lik;
            REQUIRE(vae::architecture_error(arch).empty());
            check_full_gradient(arch, 0.8, false, threads);
        }
}

TEST_CASE("a VAE without hidden layers has a correct gradient too", "[vae][gradient]") {
    vae::VaeArchitecture arch;
    arch.input_dim = 4;
    arch.hidden = {};
    arch.latent_dim = 2;
    check_full_gradient(arch, 1.0, false, 2);
}

TEST_CASE("the gradient is right where log sigma is floored and logvar clamped",
          "[vae][gradient]") {
    vae::VaeArchitecture arch;
    arch.input_dim = 6;
    arch.hidden = {5};
    arch.latent_dim = 3;
    arch.activation = Activation::Tanh;
    arch.likelihood = Likelihood::GaussianLearnedPerDim;
    vae::test::PerturbedVae setup = vae::test::perturbed_vae(arch, true);
    std::vector<float>& p = setup.p;
    const vae::DenseLayer& logvar_head = setup.model.logvar_head();
    // Latent dim 0 far under the clamp for every row; columns 0 and 1 under the sigma floor.
    p[logvar_head.bias_offset() + 0] = -40.0f;
    p[setup.model.log_sigma_offset() + 0] = -9.0f;
    p[setup.model.log_sigma_offset() + 1] = -7.5f;
    const vae::VaeModel model(arch, p);
    CHECK(model.floored_log_sigma_count() == 2);

    vae::TrainingStepConfig config;
    config.seed = 13;
    config.threads = 2;
    vae::TrainingStep step(model, config);
    const vae::StepReport report = step.compute_gradient(setup.x, {});
    REQUIRE(report.finite);
    CHECK(report.clamped_logvar == static_cast<std::size_t>(setup.x.rows()));
    CHECK(report.floored_log_sigma == 2);

    const vae::test::MatrixD xd = setup.x.cast<double>();
    const vae::test::MatrixD ed = vae::test::standard_normal_d(config.seed, 0, setup.x.rows(), 3);
    const std::vector<double> pd(p.begin(), p.end());
    auto loss = [&](const std::vector<double>& q) {
        return vae::test::vae_loss_reference(model, q, xd, ed, 1.0, 0.0);
    };
    CHECK(report.loss == Approx(loss(pd)).epsilon(1e-5));
    const auto grad = step.gradient();
    CHECK(vae::test::gradient_mismatches(loss, pd, grad, "parameter") == 0);
    // The clamped and floored parameters get exactly no gradient.
    CHECK(grad[logvar_head.bias_offset() + 0] == 0.0f);
    CHECK(grad[model.log_sigma_offset() + 0] == 0.0f);
    CHECK(grad[model.log_sigma_offset() + 1] == 0.0f);
    CHECK(grad[model.log_sigma_offset() + 2] != 0.0f);
}

TEST_CASE("a log-variance above the clamp passes no gradient and keeps the loss finite",
          "[vae][gradient]") {
    vae::VaeArchitecture arch;
    arch.input_dim = 4;
    arch.hidden = {5};
    arch.latent_dim = 2;
    vae::test::PerturbedVae setup = vae::test::perturbed_vae(arch, false);
    const vae::DenseLayer& head = setup.model.logvar_head();
    // exp(200) overflows a float: unclamped, the KL and z are infinite.
    setup.p[head.bias_offset() + 1] = 200.0f;
    vae::TrainingStep step(vae::VaeModel(arch, setup.p), {});
    const vae::StepReport report = step.compute_gradient(setup.x, {});
    REQUIRE(report.finite);
    CHECK(report.clamped_logvar == static_cast<std::size_t>(setup.x.rows()));
    CHECK(report.kl_per_dim[1] ==
          Approx(0.5 * (std::exp(vae::kMaxLogvar) - 1.0 - vae::kMaxLogvar)).epsilon(1e-3));
    const auto grad = step.gradient();
    CHECK(grad[head.bias_offset() + 1] == 0.0f);
    for (std::size_t k = 0; k < head.inputs; ++k)
        CHECK(grad[head.offset + k * head.outputs + 1] == 0.0f);
}
