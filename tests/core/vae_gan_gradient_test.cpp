#include "data/seeded_random.h"
#include "finite_difference.h"
#include "regulariser_reference.h"
#include "vae/adversarial_objective.h"
#include "vae/discriminator.h"
#include "vae/training_step.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>
#include <vector>

using vae::Likelihood;
using vae::test::MatrixD;
using vae::test::random_d;

namespace {

vae::Discriminator small_discriminator(std::size_t inputs, vae::SeededRandom& rng,
                                       bool conv = false) {
    vae::DiscriminatorArchitecture a;
    a.input_dim = inputs;
    a.hidden = {6, 4};
    if (conv) {
        // A 4x4x2 image (inputs must be 32): conv k4 s2 p1 -> 2x2x3 features.
        a.image = {4, 4, 2};
        a.conv = {{3, 4, 2, 1}};
        a.activation = vae::Activation::Tanh; // smooth, for finite differences
    }
    vae::Discriminator d(a, 5);
    std::vector<float> q(d.parameters().begin(), d.parameters().end());
    for (float& v : q)
        v += static_cast<float>(0.1 * rng.normal()); // biases away from 0: fewer kinks at 0
    return vae::Discriminator(a, q);
}

} // namespace

TEST_CASE("BCE on logits and feature matching have their known values and gradients",
          "[vae][gan][gradient]") {
    const std::vector<double> l = {-3.0, -0.4, 0.0, 0.7, 25.0};
    CHECK(vae::bce_with_logits<double>(std::vector<double>{0.0}, true, 1.0, {}) ==
          Approx(std::log(2.0)));
    CHECK(vae::bce_with_logits<double>(std::vector<double>{-40.0}, true, 1.0, {}) == Approx(40.0));
    for (const bool label : {true, false}) {
        INFO("label " << label);
        std::vector<double> d(l.size());
        const double value = vae::bce_with_logits<double>(l, label, 0.3, d);
        double direct = 0.0;
        for (const double v : l) {
            const double p = 1.0 / (1.0 + std::exp(-v));
            if (std::abs(v) < 20)
                direct += label ? -std::log(p) : -std::log1p(-p);
            else
                direct += label ? std::log1p(std::exp(-v)) : v;
        }
        CHECK(value == Approx(0.3 * direct).epsilon(1e-9));
        auto f = [&](const std::vector<double>& q) {
            return vae::bce_with_logits<double>(q, label, 0.3, {});
        };
        for (std::size_t i = 0; i < l.size(); ++i)
            CHECK(d[i] ==
                  Approx(vae::test::central_difference(f, l, i)).margin(1e-8).epsilon(1e-6));
    }
    vae::SeededRandom rng(4);
    const MatrixD real = random_d(3, 4, rng, 1.0);
    const MatrixD fake = random_d(3, 4, rng, 1.0);
    MatrixD d_fake;
    const double value = vae::feature_matching<double>(real, fake, 0.5, &d_fake);
    CHECK(value == Approx(0.5 * (fake - real).squaredNorm()));
    CHECK(vae::feature_matching<double>(real, real, 1.0, nullptr) == 0.0);
    const std::vector<double> flat(fake.data(), fake.data() + fake.size());
    auto f = [&](const std::vector<double>& q) {
        return vae::feature_matching<double>(real, Eigen::Map<const MatrixD>(q.data(), 3, 4), 0.5,
                                             nullptr);
    };
    for (std::size_t i = 0; i < flat.size(); ++i)
        CHECK(d_fake.data()[i] ==
              Approx(vae::test::central_difference(f, flat, i)).margin(1e-8).epsilon(1e-6));
}

TEST_CASE("the adversarial and feature-matching gradients reach the decoder output through the "
          "discriminator",
          "[vae][gan][gradient]") {
    const bool conv = GENERATE(false, true);
    INFO((conv ? "conv" : "mlp") << " discriminator");
    vae::SeededRandom rng(17);
    const Eigen::Index n = 4, dim = conv ? 32 : 5;
    const vae::Discriminator disc = small_discriminator(static_cast<std::size_t>(dim), rng, conv);
    CHECK(disc.feature_count() == (conv ? 12u : 4u));
    const std::vector<double> dq(disc.parameters().begin(), disc.parameters().end());
    const MatrixD real = random_d(n, dim, rng, 0.3, 0.5);
    const MatrixD fake = random_d(n, dim, rng, 0.3, 0.5); // the reconstructions of real's rows
    const double gamma = 0.7, fm = 0.4;

    // Engine (float): one forward over [real; fake], the generator's d_logits and feature
    // gradient, one backward to the input.
    vae::Matrix scored(2 * n, dim);
    scored.topRows(n) = real.cast<float>();
    scored.bottomRows(n) = fake.cast<float>();
    vae::DiscriminatorWorkspace ws;
    const vae::Matrix& logits = disc.forward(scored, ws);
    vae::Matrix d_logits = vae::Matrix::Zero(2 * n, 1);
    vae::bce_with_logits<float>(std::span<const float>(logits.data() + n, n), true,
                                float(gamma / n), std::span<float>(d_logits.data() + n, n));
    const vae::Matrix& f = disc.feature_output(ws);
    vae::Matrix d_matched;
    vae::feature_matching<float>(f.topRows(n), f.bottomRows(n), float(fm / n), &d_matched);
    vae::Matrix d_features = vae::Matrix::Zero(2 * n, f.cols());
    d_features.bottomRows(n) = d_matched;
    std::vector<float> grads(disc.parameters().size());
    vae::Matrix d_input;
    disc.backward(scored, ws, d_logits, &d_features, grads, &d_input);
    REQUIRE(d_input.rows() == 2 * n);

    // Reference (double): the generator's loss as a function of the fakes.
    auto loss = [&](const std::vector<double>& flat) {
        MatrixD s(2 * n, dim);
        s.topRows(n) = real;
        s.bottomRows(n) = Eigen::Map<const MatrixD>(flat.data(), n, dim);
        const auto [l, feats] = vae::test::discriminator_reference(disc, dq, s);
        double adv = 0.0;
        for (Eigen::Index i = n; i < 2 * n; ++i)
            adv += vae::softplus(-l(i, 0));
        return gamma * adv / n + fm * (feats.bottomRows(n) - feats.topRows(n)).squaredNorm() / n;
    };
    const std::vector<double> at(fake.data(), fake.data() + fake.size());
    const vae::Matrix d_fake = d_input.bottomRows(n);
    const std::vector<double> analytic(d_fake.data(), d_fake.data() + d_fake.size());
    CHECK(vae::test::gradient_mismatches(loss, at, analytic) == 0);
}

namespace {

struct GanCase {
    Likelihood likelihood;
    std::size_t threads;
    double gamma;
    double matching;
    bool conv = false; ///< a conv VAE on a 4x4x2 image with a conv discriminator
};

void check_gan_step(const GanCase& c) {
    vae::VaeArchitecture arch;
    arch.input_dim = 6;
    if (c.conv) {
        arch.input_dim = 32;
        arch.image = {4, 4, 2};
        arch.conv = {{3, 4, 2, 1}};
    }
    arch.hidden = {5};
    arch.latent_dim = 3;
    arch.activation = vae::Activation::Tanh;
    arch.likelihood = c.likelihood;
    arch.sigma = 0.8f;
    const vae::test::PerturbedVae setup = vae::test::perturbed_vae(arch, false);
    const vae::Matrix& x = setup.x;
    const vae::VaeModel& model = setup.model;
    const std::vector<float>& p = setup.p;

    vae::TrainingStepConfig config;
    config.seed = 13;
    config.threads = c.threads;
    config.discriminator = vae::DiscriminatorConfig{};
    config.discriminator->hidden = {6, 4};
    config.discriminator->conv = arch.conv;
    if (c.conv) // smooth, for finite differences through the conv layers' many units
        config.discriminator->activation = vae::Activation::Tanh;
    vae::TrainingStep step(model, config);
    CHECK(step.discriminator()->conv().layers().size() == arch.conv.size());
    REQUIRE(step.discriminator() != nullptr);
    vae::StepOptions options;
    options.beta = 0.7f;
    options.adversarial_weight = static_cast<float>(c.gamma);
    options.feature_matching_weight = static_cast<float>(c.matching);
    options.mmd_weight = 3.0f; // all regularisers at once
    const vae::StepReport report = step.compute_gradient(x, options);
    REQUIRE(report.finite);
    CHECK(report.adversarial > 0.0);
    CHECK(report.discriminator_loss > 0.0);
    CHECK(report.d_real > 0.0);
    CHECK(report.d_real < 1.0);
    CHECK(report.d_fake > 0.0);
    CHECK(report.d_fake < 1.0);
    if (c.matching > 0)
        CHECK(report.feature_matching > 0.0);

    const MatrixD xd = x.cast<double>();
    const MatrixD ed = vae::test::standard_normal_d(config.seed, 0, x.rows(), 3);
    const MatrixD prior_d = vae::test::standard_normal_d(
        config.seed, vae::TrainingStep::prior_sample_stream(0), x.rows(), 3);
    const vae::Discriminator& disc = *step.discriminator();
    vae::test::RegulariserReference extras;
    extras.prior = &prior_d;
    extras.mmd_weight = options.mmd_weight;
    extras.discriminator = &disc;
    extras.discriminator_params.assign(disc.parameters().begin(), disc.parameters().end());
    extras.adversarial_weight = c.gamma;
    extras.feature_matching_weight = c.matching;
    const std::vector<double> pd(p.begin(), p.end());
    auto loss = [&](const std::vector<double>& q) {
        return vae::test::regularised_loss_reference(model, q, xd, ed, options.beta, 0.0, extras);
    };
    CHECK(report.loss == Approx(loss(pd)).epsilon(1e-5));
    const std::vector<double> grad(step.gradient().begin(), step.gradient().end());
    CHECK(vae::test::gradient_mismatches(loss, pd, grad) == 0);

    // The discriminator's own gradient, with the VAE fixed.
    const MatrixD scored = vae::test::scored_reference(model, pd, xd, ed, prior_d);
    auto d_loss = [&](const std::vector<double>& q) {
        return vae::test::discriminator_loss_reference(disc, q, scored);
    };
    CHECK(report.discriminator_loss == Approx(d_loss(extras.discriminator_params)).epsilon(1e-5));
    const std::vector<double> d_grad(step.discriminator_gradient().begin(),
                                     step.discriminator_gradient().end());
    CHECK(vae::test::gradient_mismatches(d_loss, extras.discriminator_params, d_grad) == 0);
}

} // namespace

TEST_CASE("the VAE-GAN step's gradients match finite differences: the VAE's (adversarial, "
          "feature matching) and the discriminator's",
          "[vae][gan][gradient]") {
    for (const GanCase c :
         {GanCase{Likelihood::Bernoulli, 1, 0.8, 0.0}, GanCase{Likelihood::Bernoulli, 2, 0.5, 0.3},
          GanCase{Likelihood::GaussianLearned, 2, 0.6, 0.2},
          GanCase{Likelihood::Bernoulli, 1, 0.0, 0.5},
          GanCase{Likelihood::Bernoulli, 2, 0.5, 0.3, true},
          GanCase{Likelihood::GaussianLearned, 1, 0.6, 0.2, true}}) {
        INFO(vae::likelihood_name(c.likelihood)
             << ", threads " << c.threads << ", gamma " << c.gamma << ", matching " << c.matching
             << (c.conv ? ", conv" : ""));
        check_gan_step(c);
    }
}

TEST_CASE("a VAE-GAN step trains both players deterministically and survives a rollback",
          "[vae][gan]") {
    vae::VaeArchitecture arch;
    arch.input_dim = 8;
    arch.hidden = {6};
    arch.latent_dim = 2;
    vae::SeededRandom rng(3);
    vae::Matrix x(16, 8);
    for (Eigen::Index i = 0; i < x.size(); ++i)
        x.data()[i] = static_cast<float>(rng.uniform());
    vae::TrainingStepConfig config;
    config.threads = 2;
    config.discriminator = vae::DiscriminatorConfig{};
    config.discriminator->hidden = {8};
    vae::StepOptions options;
    options.adversarial_weight = 0.1f;
    options.feature_matching_weight = 0.1f;
    options.discriminator_learning_rate = 1e-2f;
    auto run = [&](int steps) {
        vae::TrainingStep step(vae::VaeModel(arch, 1), config);
        std::vector<vae::StepReport> reports;
        reports.reserve(static_cast<std::size_t>(steps));
        for (int i = 0; i < steps; ++i)
            reports.push_back(step.step(x, options));
        return std::pair{reports, std::vector<float>(step.discriminator()->parameters().begin(),
                                                     step.discriminator()->parameters().end())};
    };
    const auto [a, da] = run(30);
    const auto [b, db] = run(30);
    for (std::size_t i = 0; i < a.size(); ++i) {
        CHECK(a[i].loss == b[i].loss);
        CHECK(a[i].discriminator_loss == b[i].discriminator_loss);
    }
    CHECK(da == db);
    // A fast discriminator learns to tell the data from the fakes.
    CHECK(a.back().d_real > a.back().d_fake);
    CHECK(a.back().discriminator_loss < a.front().discriminator_loss);

    // A checkpoint restores the discriminator too: the same steps follow.
    vae::TrainingStep step(vae::VaeModel(arch, 1), config);
    for (int i = 0; i < 5; ++i)
        step.step(x, options);
    const vae::TrainingCheckpoint saved = step.checkpoint();
    const double next = step.step(x, options).discriminator_loss;
    step.step(x, options);
    step.restore(saved);
    CHECK(step.step(x, options).discriminator_loss == next);
    // The model stays a plain VAE.
    CHECK(step.model().parameters().size() ==
          vae::VaeModel::parameter_count(step.model().architecture()));

    vae::TrainingStep plain(vae::VaeModel(arch, 1), vae::TrainingStepConfig{});
    CHECK_THROWS_WITH(plain.step(x, options), Catch::Contains("discriminator"));
}
