#include "data/seeded_random.h"
#include "finite_difference.h"
#include "regulariser_reference.h"
#include "vae/mmd_objective.h"
#include "vae/training_step.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

using vae::test::MatrixD;
using vae::test::random_d;

TEST_CASE("MMD has its known values: 0 for equal sets, the closed form for single points",
          "[vae][mmd]") {
    vae::SeededRandom rng(3);
    const MatrixD z = random_d(7, 3, rng, 1.0);
    CHECK(vae::mmd_rbf<double>(z, z, 6.0, 1.0, nullptr) == Approx(0.0).margin(1e-12));
    MatrixD a(1, 2), b(1, 2);
    a << 0.0, 0.0;
    b << 1.0, 2.0; // squared distance 5
    CHECK(vae::mmd_rbf<double>(a, b, 4.0, 1.0, nullptr) == Approx(2.0 - 2.0 * std::exp(-1.25)));
    CHECK(vae::mmd_bandwidth(16) == 32.0);
    // A batch far from the prior has a larger MMD than one drawn from it.
    const MatrixD prior = random_d(64, 2, rng, 1.0);
    const MatrixD near = random_d(64, 2, rng, 1.0);
    const MatrixD far = random_d(64, 2, rng, 0.2, 3.0);
    CHECK(vae::mmd_rbf<double>(far, prior, 4.0, 1.0, nullptr) >
          10 * vae::mmd_rbf<double>(near, prior, 4.0, 1.0, nullptr));
}

TEST_CASE("MMD gradient matches central differences (double), and float agrees", "[vae][mmd]") {
    vae::SeededRandom rng(11);
    const Eigen::Index b = 5, m = 6, l = 3;
    const MatrixD z = random_d(b, l, rng, 1.2, 0.4);
    const MatrixD p = random_d(m, l, rng, 1.0);
    const double h = vae::mmd_bandwidth(l);
    const double weight = 2.5;
    MatrixD d_z;
    const double value = vae::mmd_rbf<double>(z, p, h, weight, &d_z);
    CHECK(value > 0.0);
    const std::vector<double> flat(z.data(), z.data() + z.size());
    auto f = [&](const std::vector<double>& q) {
        const MatrixD zq = Eigen::Map<const MatrixD>(q.data(), b, l);
        return weight * vae::mmd_rbf<double>(zq, p, h, 1.0, nullptr);
    };
    for (std::size_t i = 0; i < flat.size(); ++i)
        CHECK(d_z.data()[i] ==
              Approx(vae::test::central_difference(f, flat, i)).margin(1e-9).epsilon(1e-6));

    vae::Matrix d_z_f;
    const double value_f = vae::mmd_rbf<float>(z.cast<float>(), p.cast<float>(),
                                               static_cast<float>(h), float(weight), &d_z_f);
    CHECK(value_f == Approx(value).margin(1e-6));
    CHECK((d_z_f.cast<double>() - d_z).cwiseAbs().maxCoeff() < 1e-5);
}

TEST_CASE("the training step's gradient with an MMD term matches finite differences of its loss",
          "[vae][mmd][gradient]") {
    for (const std::size_t threads : {1u, 2u}) {
        INFO("threads " << threads);
        vae::VaeArchitecture arch;
        arch.input_dim = 6;
        arch.hidden = {5};
        arch.latent_dim = 3;
        arch.activation = vae::Activation::Tanh;
        const vae::test::PerturbedVae setup = vae::test::perturbed_vae(arch, false);
        const vae::Matrix& x = setup.x;
        const vae::VaeModel& model = setup.model;
        const std::vector<float>& p = setup.p;

        vae::TrainingStepConfig config;
        config.seed = 13;
        config.threads = threads;
        vae::TrainingStep step(model, config);
        vae::StepOptions options;
        options.beta = 0.7f;
        options.mmd_weight = 40.0f; // large, so the MMD dominates the encoder's gradient
        const vae::StepReport report = step.compute_gradient(x, options);
        REQUIRE(report.finite);
        REQUIRE(report.mmd > 0.0);

        const MatrixD xd = x.cast<double>();
        const MatrixD ed = vae::test::standard_normal_d(config.seed, 0, x.rows(), 3);
        const MatrixD pd_prior = vae::test::standard_normal_d(
            config.seed, vae::TrainingStep::prior_sample_stream(0), x.rows(), 3);
        vae::test::RegulariserReference extras;
        extras.prior = &pd_prior;
        extras.mmd_weight = options.mmd_weight;
        const std::vector<double> pd(p.begin(), p.end());
        auto loss = [&](const std::vector<double>& q) {
            return vae::test::regularised_loss_reference(model, q, xd, ed, options.beta, 0.0,
                                                         extras);
        };
        CHECK(report.loss == Approx(loss(pd)).epsilon(1e-5));
        // Without the MMD the loss would differ by exactly its weighted value.
        vae::test::RegulariserReference none;
        CHECK(report.loss - options.mmd_weight * report.mmd ==
              Approx(
                  vae::test::regularised_loss_reference(model, pd, xd, ed, options.beta, 0.0, none))
                  .epsilon(1e-5));
        CHECK(vae::test::gradient_mismatches(loss, pd, step.gradient(), "parameter") == 0);
    }
}
