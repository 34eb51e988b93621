#include "nn/adam_optimizer.h"
#include "nn/gradient_norm.h"
#include "nn/learning_rate_schedule.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

TEST_CASE("Adam matches a hand-computed two-step update", "[optimizer]") {
    // Step 1, g = (0.5, -1): m = 0.1 g, v = 0.001 g^2, m^ = g, v^ = g^2, update = lr*g/(|g|+eps).
    // Step 2, g = (0.1, 0.2): m = 0.9*0.1*g1 + 0.1*g2, v = 0.999*0.001*g1^2 + 0.001*g2^2,
    // m^ = m / (1 - 0.81), v^ = v / (1 - 0.998001).
    std::vector<float> p = {1.0f, -2.0f};
    vae::AdamOptimizer adam(2, vae::AdamConfig{});
    const float lr = 0.1f;
    adam.step(p, std::vector<float>{0.5f, -1.0f}, lr);
    CHECK(p[0] == Approx(1.0 - 0.1 * 0.5 / (0.5 + 1e-8)));
    CHECK(p[1] == Approx(-2.0 + 0.1));
    adam.step(p, std::vector<float>{0.1f, 0.2f}, lr);
    const double g1[2] = {0.5, -1.0}, g2[2] = {0.1, 0.2};
    const double start[2] = {0.9, -1.9};
    for (int i = 0; i < 2; ++i) {
        const double m = 0.9 * 0.1 * g1[i] + 0.1 * g2[i];
        const double v = 0.999 * 0.001 * g1[i] * g1[i] + 0.001 * g2[i] * g2[i];
        const double expected = start[i] - 0.1 * (m / 0.19) / (std::sqrt(v / 0.001999) + 1e-8);
        CHECK(p[static_cast<std::size_t>(i)] == Approx(expected).epsilon(1e-6));
    }
    CHECK(adam.state().steps == 2);
}

TEST_CASE("AdamW decays the weights outside the adaptive step; Adam adds L2 to the gradient",
          "[optimizer]") {
    vae::AdamConfig w;
    w.weight_decay = 0.5f;
    w.decoupled = true;
    std::vector<float> p = {2.0f};
    vae::AdamOptimizer adamw(1, w);
    adamw.step(p, std::vector<float>{0.0f}, 0.1f);
    CHECK(p[0] == Approx(2.0 * (1 - 0.1 * 0.5))); // zero gradient: only the decay acts

    w.decoupled = false;
    std::vector<float> q = {2.0f};
    vae::AdamOptimizer adam(1, w);
    adam.step(q, std::vector<float>{0.0f}, 0.1f);
    CHECK(q[0] == Approx(2.0 - 0.1)); // g = 0.5 * 2 = 1, first Adam step moves lr * sign(g)
}

TEST_CASE("gradient clipping bounds the global norm", "[optimizer]") {
    std::vector<float> g = {3.0f, -4.0f, 12.0f};             // norm 13
    CHECK(vae::clip_gradient_norm(g, 0.0f) == Approx(13.0)); // off: untouched
    CHECK(g[2] == 12.0f);
    CHECK(vae::clip_gradient_norm(g, 1.0f) == Approx(13.0));
    CHECK(std::sqrt(vae::squared_norm(g, 0, g.size())) == Approx(1.0).epsilon(1e-6));
    CHECK(g[0] == Approx(3.0 / 13.0));
    CHECK(vae::clip_scale(0.5, 1.0f) == 1.0f);
    CHECK(std::isnan(vae::squared_norm(std::vector<float>{1.0f, NAN}, 0, 2)));
}

TEST_CASE("cosine schedule endpoints and warm-up", "[optimizer]") {
    vae::LearningRateSchedule s;
    s.base = 1e-3f;
    CHECK(s.at(0) == 1e-3f);
    CHECK(s.at(123456) == 1e-3f);
    s.kind = vae::LearningRateSchedule::Kind::Cosine;
    s.minimum = 1e-5f;
    s.total_steps = 1000;
    CHECK(s.at(0) == Approx(1e-3));
    CHECK(s.at(500) == Approx(0.5 * (1e-3 + 1e-5)));
    CHECK(s.at(1000) == Approx(1e-5));
    CHECK(s.at(5000) == Approx(1e-5));
    s.warmup_steps = 100;
    CHECK(s.at(0) == Approx(1e-5)); // 1/100 of base
    CHECK(s.at(99) == Approx(1e-3));
    CHECK(s.at(100) == Approx(1e-3));
    CHECK(s.at(550) == Approx(0.5 * (1e-3 + 1e-5)));
    CHECK(vae::parse_schedule_kind("cosine") == vae::LearningRateSchedule::Kind::Cosine);
    CHECK_FALSE(vae::parse_schedule_kind("linear").has_value());
}
