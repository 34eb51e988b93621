#include "data/seeded_random.h"
#include "vae/evaluate_vae.h"
#include "vae/training_step.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <numeric>

namespace {

// A briefly trained model on correlated Gaussian-ish binary data, so that the posterior is not
// the prior and importance weighting has something to gain.
vae::VaeModel trained_model(const vae::Matrix& data) {
    vae::VaeArchitecture arch;
    arch.input_dim = static_cast<std::size_t>(data.cols());
    arch.hidden = {24};
    arch.latent_dim = 3;
    vae::TrainingStepConfig config;
    config.threads = 1;
    vae::TrainingStep step(vae::VaeModel(arch, 2), config);
    vae::StepOptions options;
    options.learning_rate = 5e-3f;
    std::vector<std::size_t> rows(64);
    vae::SeededRandom rng(3);
    for (int s = 0; s < 150; ++s) {
        for (auto& r : rows)
            r = rng.below(static_cast<std::uint64_t>(data.rows()));
        step.step(data, rows, options);
    }
    return step.model();
}

vae::Matrix data_set() {
    vae::SeededRandom rng(6);
    vae::Matrix x(600, 10);
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
        const double a = rng.normal(), b = rng.normal();
        for (Eigen::Index j = 0; j < x.cols(); ++j) {
            const double logit = (j % 2 ? a : b) * 2.0 + 0.3 * static_cast<double>(j - 5);
            x(i, j) = rng.uniform() < 1.0 / (1.0 + std::exp(-logit)) ? 1.0f : 0.0f;
        }
    }
    return x;
}

} // namespace

TEST_CASE("IWAE is >= the ELBO, grows with K, and equals it in expectation at K = 1",
          "[vae][evaluation]") {
    const vae::Matrix data = data_set();
    const vae::VaeModel model = trained_model(data);
    vae::EvaluationOptions options;
    options.batch_size = 128;
    options.seed = 4;
    options.iwae_samples = 1;
    const vae::EvaluationResult k1 = vae::evaluate_vae(model, data, options);
    options.iwae_samples = 10;
    const vae::EvaluationResult k10 = vae::evaluate_vae(model, data, options);
    options.iwae_samples = 100;
    const vae::EvaluationResult k100 = vae::evaluate_vae(model, data, options);
    INFO("ELBO " << k1.elbo << " IWAE1 " << *k1.iwae << " IWAE10 " << *k10.iwae << " IWAE100 "
                 << *k100.iwae);
    // Same model and data, independent noise: K = 1 is the ELBO up to Monte Carlo error.
    CHECK(*k1.iwae == Approx(k1.elbo).epsilon(0.02));
    CHECK(*k10.iwae > k1.elbo);
    CHECK(*k100.iwae > *k10.iwae);
    CHECK(k1.elbo == Approx(-(k1.recon + k1.kl)));
    double sum = 0.0;
    for (const double v : k1.kl_per_dim)
        sum += v;
    CHECK(sum == Approx(k1.kl));
    CHECK(k1.samples == 600);
}

TEST_CASE("evaluation does not depend on the thread count or the order of batches",
          "[vae][evaluation]") {
    const vae::Matrix data = data_set();
    const vae::VaeModel model = trained_model(data);
    vae::EvaluationOptions options;
    options.batch_size = 100;
    options.iwae_samples = 5;
    options.threads = 1;
    const vae::EvaluationResult one = vae::evaluate_vae(model, data, options);
    options.threads = 2;
    const vae::EvaluationResult two = vae::evaluate_vae(model, data, options);
    CHECK(one.elbo == two.elbo);
    CHECK(*one.iwae == *two.iwae);
    CHECK(one.mean_variance == two.mean_variance);
    CHECK(one.active_units == two.active_units);
    CHECK(one.active_units <= 3);
}

TEST_CASE("a unit is active when its posterior mean varies over the data by more than the "
          "threshold, and the evaluation counts exactly those",
          "[vae][evaluation]") {
    CHECK(vae::is_active_unit(0.011));
    CHECK_FALSE(vae::is_active_unit(vae::kActiveUnitThreshold));
    CHECK_FALSE(vae::is_active_unit(0.0));
    CHECK(vae::is_active_unit(0.5, 0.4));
    CHECK_FALSE(vae::is_active_unit(0.5, 0.6));
    CHECK(vae::EvaluationOptions{}.active_threshold == vae::kActiveUnitThreshold);

    const vae::Matrix data = data_set();
    const vae::VaeModel model = trained_model(data);
    vae::EvaluationOptions options;
    options.batch_size = 100;
    const vae::EvaluationResult r = vae::evaluate_vae(model, data, options);
    REQUIRE(r.mean_variance.size() == 3);
    // A threshold between two units' variances moves the count by exactly the units it passes.
    std::vector<double> sorted = r.mean_variance;
    std::sort(sorted.begin(), sorted.end());
    for (std::size_t k = 0; k <= sorted.size(); ++k) {
        options.active_threshold = k == 0 ? sorted[0] / 2.0 : sorted[k - 1];
        const std::size_t expected = sorted.size() - k;
        CHECK(vae::evaluate_vae(model, data, options).active_units == expected);
    }
}

TEST_CASE("a stop request ends the evaluation within one batch", "[vae][evaluation]") {
    const vae::Matrix data = data_set();
    const vae::VaeModel model = trained_model(data);
    vae::EvaluationOptions o;
    o.batch_size = 50; // 12 batches
    const vae::EvaluationResult full = vae::evaluate_vae(model, data, o);
    CHECK(full.batches == 12);
    CHECK_FALSE(full.stopped);
    for (const std::size_t threads : {1u, 3u}) {
        INFO("threads " << threads);
        o.threads = threads;
        std::atomic<int> asked{0};
        o.stop = [&asked] { return asked.fetch_add(1) >= 3; }; // stop at the 4th batch
        const vae::EvaluationResult r = vae::evaluate_vae(model, data, o);
        CHECK(r.stopped);
        // Three batches done; with several threads each may have started one more before it
        // asked.
        CHECK(r.batches >= 3);
        CHECK(r.batches <= 3 + threads);
        CHECK(asked.load() <= static_cast<int>(3 + 2 * threads));
    }
}
