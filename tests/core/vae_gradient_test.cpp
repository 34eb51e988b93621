#include "data/seeded_random.h"
#include "vae/standard_normal_noise.h"
#include "vae/training_step.h"
#include "vae_reference.h"

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
    vae::SeededRandom rng(101);
    const Eigen::Index rows = 6;
    vae::Matrix x(rows, static_cast<Eigen::Index>(arch.input_dim));
    for (Eigen::Index i = 0; i < x.size(); ++i)
        x.data()[i] = arch.likelihood == Likelihood::Bernoulli ? static_cast<float>(rng.uniform())
                                                               : static_cast<float>(rng.normal());
    vae::VaeModel model(arch, 7);
    // Move the weights away from the initialisation so the heads and sigma matter.
    std::vector<float> p(model.parameters().begin(), model.parameters().end());
    for (float& v : p)
        v += static_cast<float>(0.2 * rng.normal());
    model = vae::VaeModel(arch, p);

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

    vae::Matrix eps(rows, static_cast<Eigen::Index>(arch.latent_dim));
    vae::fill_standard_normal(config.seed, 0, eps);
    const vae::test::MatrixD xd = x.cast<double>();
    const vae::test::MatrixD ed = eps.cast<double>();
    const std::vector<double> pd(p.begin(), p.end());
    auto loss = [&](const std::vector<double>& q) {
        return vae::test::vae_loss_reference(model, q, xd, ed, beta, options.free_bits);
    };
    CHECK(report.loss == Approx(loss(pd)).epsilon(1e-5));
    const auto grad = step.gradient();
    REQUIRE(grad.size() == p.size());
    std::size_t bad = 0;
    for (std::size_t i = 0; i < p.size(); ++i) {
        const double numeric = vae::test::central_difference(loss, pd, i, 1e-5);
        if (std::abs(grad[i] - numeric) > 1e-4 + 1e-3 * std::abs(numeric)) {
            ++bad;
            UNSCOPED_INFO("parameter " << i << ": analytic " << grad[i] << " numeric " << numeric);
        }
    }
    CHECK(bad == 0);
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

TEST_CASE("a VAE without hidden layers has a correct gradient too", "[vae][gradient]") {
    vae::VaeArchitecture arch;
    arch.input_dim = 4;
    arch.hidden = {};
    arch.latent_dim = 2;
    check_full_gradient(arch, 1.0, false, 2);
}
