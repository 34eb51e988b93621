#include "data/seeded_random.h"
#include "vae/evaluate_vae.h"
#include "vae/training_step.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <numeric>
#include <vector>

namespace {

// 4 binary prototypes of 12 pixels with 5% of the pixels flipped: a VAE with 2 latent dims can
// learn them almost perfectly.
vae::Matrix prototype_data(std::size_t rows, std::uint64_t seed) {
    vae::SeededRandom rng(seed);
    vae::Matrix x(static_cast<Eigen::Index>(rows), 12);
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
        const auto proto = static_cast<int>(rng.below(4));
        for (Eigen::Index j = 0; j < 12; ++j) {
            bool on = (j / 3) == proto;
            if (rng.uniform() < 0.05)
                on = !on;
            x(i, j) = on ? 1.0f : 0.0f;
        }
    }
    return x;
}

vae::VaeArchitecture small_architecture() {
    vae::VaeArchitecture arch;
    arch.input_dim = 12;
    arch.hidden = {32, 16};
    arch.latent_dim = 2;
    return arch;
}

std::vector<double> train(std::size_t threads, std::uint64_t seed, int steps,
                          std::vector<float>* params_out = nullptr) {
    const vae::Matrix data = prototype_data(256, 4);
    vae::TrainingStepConfig config;
    config.seed = seed;
    config.threads = threads;
    vae::TrainingStep step(vae::VaeModel(small_architecture(), seed), config);
    std::vector<double> losses;
    vae::StepOptions options;
    options.learning_rate = 3e-3f;
    for (int s = 0; s < steps; ++s) {
        std::vector<std::size_t> rows(64);
        std::iota(rows.begin(), rows.end(), static_cast<std::size_t>((s % 4) * 64));
        losses.push_back(step.step(data, rows, options).loss);
    }
    if (params_out != nullptr)
        params_out->assign(step.model().parameters().begin(), step.model().parameters().end());
    return losses;
}

} // namespace

TEST_CASE("same seed and thread count give bitwise identical training", "[vae][training]") {
    for (const std::size_t threads : {1u, 2u}) {
        std::vector<float> p1, p2;
        const auto a = train(threads, 9, 20, &p1);
        const auto b = train(threads, 9, 20, &p2);
        CHECK(a == b);
        CHECK(p1 == p2);
    }
    CHECK(train(2, 9, 5) != train(2, 10, 5));
    // Another thread count only reorders sums: close, not necessarily identical.
    const auto one = train(1, 9, 5);
    const auto two = train(2, 9, 5);
    for (std::size_t i = 0; i < one.size(); ++i)
        CHECK(one[i] == Approx(two[i]).epsilon(1e-3));
}

TEST_CASE("the VAE fits a tiny dataset", "[vae][training]") {
    const vae::Matrix data = prototype_data(256, 4);
    vae::TrainingStepConfig config;
    config.threads = 2;
    vae::TrainingStep step(vae::VaeModel(small_architecture(), 3), config);
    vae::EvaluationOptions eval;
    const double before = vae::evaluate_vae(step.model(), data, eval).elbo;
    vae::StepOptions options;
    options.learning_rate = 1e-2f;
    std::vector<std::size_t> rows(32);
    vae::SeededRandom rng(1);
    for (int s = 0; s < 600; ++s) {
        for (auto& r : rows)
            r = rng.below(256);
        REQUIRE(step.step(data, rows, options).finite);
    }
    const vae::EvaluationResult after = vae::evaluate_vae(step.model(), data, eval);
    INFO("ELBO before " << before << ", after " << after.elbo);
    // From about -10.5 nats (random decoder) to about -4; 3 nats is a clear margin. The
    // noise floor is 12 * H(0.05) = 2.4 nats.
    CHECK(before < -7.0);
    CHECK(after.elbo > before + 3.0);
    CHECK(after.active_units >= 1);
}

TEST_CASE("non-finite losses or gradients never reach the weights", "[vae][training]") {
    vae::Matrix data = prototype_data(64, 2);
    vae::TrainingStepConfig config;
    config.threads = 2;
    vae::TrainingStep step(vae::VaeModel(small_architecture(), 1), config);
    const std::vector<float> before(step.model().parameters().begin(),
                                    step.model().parameters().end());
    data(5, 3) = std::nanf("");
    const vae::StepReport bad = step.step(data, vae::StepOptions{});
    CHECK_FALSE(bad.finite);
    CHECK(std::equal(before.begin(), before.end(), step.model().parameters().begin()));
    CHECK(step.optimizer().state().steps == 0);

    // An absurd learning rate: whatever happens, the weights stay finite.
    data(5, 3) = 0.0f;
    vae::StepOptions huge;
    huge.learning_rate = 1e30f;
    int rejected = 0;
    for (int s = 0; s < 5; ++s)
        rejected += step.step(data, huge).finite ? 0 : 1;
    CHECK(rejected > 0);
    for (const float p : step.model().parameters())
        REQUIRE(std::isfinite(p));
}

TEST_CASE("a checkpoint restores parameters, optimiser state and noise", "[vae][training]") {
    const vae::Matrix data = prototype_data(64, 2);
    vae::TrainingStepConfig config;
    config.threads = 1;
    vae::TrainingStep step(vae::VaeModel(small_architecture(), 1), config);
    step.step(data, vae::StepOptions{});
    const vae::TrainingCheckpoint saved = step.checkpoint();
    const vae::StepReport first = step.step(data, vae::StepOptions{});
    const std::vector<float> after_first(step.model().parameters().begin(),
                                         step.model().parameters().end());
    step.restore(saved);
    CHECK(step.steps() == 1);
    const vae::StepReport again = step.step(data, vae::StepOptions{});
    CHECK(again.loss == first.loss);
    CHECK(std::equal(after_first.begin(), after_first.end(), step.model().parameters().begin()));
    vae::TrainingCheckpoint wrong = saved;
    wrong.parameters.pop_back();
    CHECK_THROWS_WITH(step.restore(wrong), Catch::Contains("parameters"));
}

TEST_CASE("the step rejects batches of the wrong width", "[vae][training]") {
    vae::TrainingStep step(vae::VaeModel(small_architecture(), 1), vae::TrainingStepConfig{});
    CHECK_THROWS_WITH(step.step(vae::Matrix::Zero(4, 11), vae::StepOptions{}),
                      Catch::Contains("11 columns") && Catch::Contains("expects 12"));
}
