#include "data/builtin_datasets.h"
#include "io/trained_model_file.h"
#include "training/trainer.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <map>
#include <mutex>
#include <set>
#include <thread>

using namespace vae;

namespace {

Dataset small_images(std::size_t rows = 600) {
    LoadOptions o;
    o.builtin_rows = rows;
    return make_builtin("sprites", o);
}

TrainingConfig small_config() {
    TrainingConfig c;
    c.architecture.hidden = {32};
    c.architecture.latent_dim = 2;
    c.batch_size = 32;
    c.epochs = 3;
    c.threads = 1;
    c.metrics_every = 2;
    c.snapshot_points = 100;
    return c;
}

bool all_finite(std::span<const float> v) {
    return std::all_of(v.begin(), v.end(), [](float x) { return std::isfinite(x); });
}

/// Runs c on d to its end, which must be a completed run; returns every metrics sample.
std::vector<MetricsSample> metrics_of_completed_run(const Dataset& d, const TrainingConfig& c) {
    Trainer t(d, c);
    TrainingControl control;
    std::vector<MetricsSample> samples;
    TrainingCallbacks cb;
    cb.on_metrics = [&](const MetricsSample& m) { samples.push_back(m); };
    REQUIRE(t.run(control, cb).end == TrainingResult::End::Completed);
    return samples;
}

} // namespace

TEST_CASE("the KL weight ramps linearly over the warm-up epochs", "[trainer]") {
    CHECK(kl_weight(2.0, 0, 0.0) == 2.0);
    CHECK(kl_weight(2.0, 4, 0.0) == 0.0);
    CHECK(kl_weight(2.0, 4, 1.0) == Approx(0.5));
    CHECK(kl_weight(2.0, 4, 4.0) == 2.0);
    CHECK(kl_weight(2.0, 4, 9.0) == 2.0);
}

TEST_CASE("the cyclical KL weight ramps over the first part of each cycle, then holds beta",
          "[trainer]") {
    // Cycles of 2 epochs, ramping over the first half (1 epoch) of each.
    CHECK(vae::cyclical_kl_weight(2.0, 2.0, 0.5, 0.0) == 0.0);
    CHECK(vae::cyclical_kl_weight(2.0, 2.0, 0.5, 0.5) == Approx(1.0));
    CHECK(vae::cyclical_kl_weight(2.0, 2.0, 0.5, 1.0) == Approx(2.0));
    CHECK(vae::cyclical_kl_weight(2.0, 2.0, 0.5, 1.9) == Approx(2.0));
    CHECK(vae::cyclical_kl_weight(2.0, 2.0, 0.5, 2.0) == 0.0); // the next cycle starts over
    CHECK(vae::cyclical_kl_weight(2.0, 2.0, 0.5, 2.25) == Approx(0.5));
    CHECK(vae::cyclical_kl_weight(2.0, 2.0, 0.5, 5.5) == Approx(2.0));
    // Ratio 1: a sawtooth over the whole cycle.
    CHECK(vae::cyclical_kl_weight(1.0, 4.0, 1.0, 3.0) == Approx(0.75));
    CHECK(vae::cyclical_kl_weight(1.0, 4.0, 1.0, 7.0) == Approx(0.75));
}

TEST_CASE("warm-up schedule names and cycle settings are checked", "[trainer]") {
    CHECK(vae::parse_warmup_schedule("cyclical") == vae::WarmupSchedule::Cyclical);
    CHECK(vae::parse_warmup_schedule("linear") == vae::WarmupSchedule::Linear);
    CHECK_FALSE(vae::parse_warmup_schedule("cosine").has_value());
    CHECK(vae::warmup_schedule_name(vae::WarmupSchedule::Cyclical) == "cyclical");
    TrainingConfig c;
    c.cycle_epochs = 0.0;
    CHECK_THAT(vae::validate(c), Catch::Contains("cycle length"));
    c.cycle_epochs = 1.0;
    c.cycle_ratio = 1.5;
    CHECK_THAT(vae::validate(c), Catch::Contains("cycle ratio"));
    c.cycle_ratio = 0.25;
    CHECK(vae::validate(c).empty());
}

TEST_CASE("a cyclical warm-up drives the KL weight of each step", "[trainer]") {
    const Dataset d = small_images(160);
    TrainingConfig c = small_config();
    c.epochs = 4;
    c.validation_split = 0.0;
    c.batch_size = 32; // 5 steps per epoch
    c.metrics_every = 1;
    c.beta = 1.5f;
    c.warmup_schedule = vae::WarmupSchedule::Cyclical;
    c.cycle_epochs = 2.0;
    c.cycle_ratio = 0.5;
    const std::vector<MetricsSample> samples = metrics_of_completed_run(d, c);
    REQUIRE(samples.size() == 20);
    // Sample k reports the weight of step k (at epoch k/5): 0, .3, .6, .9, 1.2, then 1.5 until
    // the second cycle starts again from 0 at step 10.
    const std::vector<double> expected = {0.0, 0.3, 0.6, 0.9, 1.2, 1.5, 1.5, 1.5, 1.5, 1.5,
                                          0.0, 0.3, 0.6, 0.9, 1.2, 1.5, 1.5, 1.5, 1.5, 1.5};
    for (std::size_t k = 0; k < samples.size(); ++k) {
        INFO("step " << k);
        CHECK(samples[k].beta == Approx(expected[k]).margin(1e-6));
    }
}

TEST_CASE("the validation split is disjoint, complete and seeded", "[trainer]") {
    const Dataset d = small_images(200);
    TrainingConfig c = small_config();
    c.validation_split = 0.25;
    Trainer a(d, c), b(d, c);
    CHECK(a.validation_rows().size() == 50);
    CHECK(a.training_rows().size() == 150);
    std::set<std::size_t> all(a.training_rows().begin(), a.training_rows().end());
    all.insert(a.validation_rows().begin(), a.validation_rows().end());
    CHECK(all.size() == 200);
    CHECK(a.validation_rows() == b.validation_rows());
    c.seed = 2;
    Trainer other(d, c);
    CHECK(other.validation_rows() != a.validation_rows());
}

TEST_CASE("bad settings are refused with a reason", "[trainer]") {
    const Dataset d = small_images(50);
    TrainingConfig c = small_config();
    c.architecture.latent_dim = 0;
    REQUIRE_THROWS_WITH(Trainer(d, c), Catch::Contains("latent dimension"));
    c = small_config();
    c.architecture.input_dim = 10;
    REQUIRE_THROWS_WITH(Trainer(d, c), Catch::Contains("784"));
    c = small_config();
    c.learning_rate = -1.0f;
    REQUIRE_THROWS_WITH(Trainer(d, c), Catch::Contains("learning rate"));
}

TEST_CASE("training improves the held-out ELBO and reports every epoch", "[trainer]") {
    const Dataset d = small_images(800);
    TrainingConfig c = small_config();
    c.epochs = 8;
    c.learning_rate = 3e-3f;
    Trainer t(d, c);
    std::vector<EpochSummary> epochs;
    std::size_t snapshots = 0, metrics = 0;
    TrainingCallbacks cb;
    cb.on_epoch = [&](const EpochSummary& e) { epochs.push_back(e); };
    cb.on_metrics = [&](const MetricsSample&) { ++metrics; };
    cb.on_snapshot = [&](const std::shared_ptr<const LatentSnapshot>& s) {
        CHECK(s->means.rows() == 100);
        CHECK(s->means.cols() == 2);
        ++snapshots;
    };
    TrainingControl control;
    const TrainingResult r = t.run(control, cb);
    REQUIRE(r.end == TrainingResult::End::Completed);
    REQUIRE(epochs.size() == 8);
    CHECK(snapshots == 8);
    CHECK(metrics > 0);
    CHECK(epochs.front().epoch == 1);
    // A sprite has 784 pixels: an untrained Bernoulli decoder costs ~543 nats (784 log 2).
    CHECK(epochs.back().val_elbo > epochs.front().val_elbo + 10.0);
    CHECK(epochs.back().val_elbo < 0.0);
    CHECK(all_finite(r.model->parameters()));
}

TEST_CASE("the same seed and thread count give bitwise-identical losses", "[trainer]") {
    const Dataset d = small_images(300);
    TrainingConfig c = small_config();
    auto losses = [&] {
        std::vector<double> out;
        Trainer t(d, c);
        TrainingCallbacks cb;
        cb.on_metrics = [&](const MetricsSample& m) { out.push_back(m.elbo); };
        TrainingControl control;
        t.run(control, cb);
        return out;
    };
    const auto first = losses();
    REQUIRE(first.size() > 5);
    CHECK(first == losses());
    c.seed = 7;
    CHECK(first != losses());
}

TEST_CASE("a diverging run rolls back, halves the rate and stops with finite weights",
          "[trainer]") {
    const Dataset d = small_images(300);
    TrainingConfig c = small_config();
    c.learning_rate = 1e4f;           // Adam moves each weight by about lr per step: through three
    c.architecture.hidden = {64, 32}; // layers each side the activations overflow
    c.epochs = 50;
    Trainer t(d, c);
    std::vector<std::string> messages;
    std::vector<int> rollbacks_seen;
    TrainingCallbacks cb;
    cb.on_message = [&](const std::string& m) { messages.push_back(m); };
    cb.on_metrics = [&](const MetricsSample& m) { rollbacks_seen.push_back(m.rollbacks); };
    TrainingControl control;
    const TrainingResult r = t.run(control, cb);
    CHECK(r.end == TrainingResult::End::Diverged);
    CHECK(r.rollbacks == c.max_rollbacks + 1);
    REQUIRE(messages.size() == static_cast<std::size_t>(c.max_rollbacks + 1));
    CHECK_THAT(messages.front(), Catch::Contains("halved the learning rate"));
    CHECK_THAT(messages.back(), Catch::Contains("diverged") && Catch::Contains("--lr "));
    CHECK_THAT(r.message, Catch::Contains("diverged"));
    // Images in [0, 1]: a tenth of the rate that still diverged after three halvings.
    REQUIRE(r.suggested_fix);
    CHECK(r.suggested_fix->setting == SuggestedFix::Setting::LearningRate);
    CHECK(r.suggested_fix->value == Approx(1e4 / 8 / 10));
    CHECK(all_finite(r.model->parameters()));
}

TEST_CASE("pause, resume and stop from another thread", "[trainer][threads]") {
    const Dataset d = small_images(400);
    TrainingConfig c = small_config();
    c.epochs = 100000; // only a stop ends this run
    c.metrics_every = 1;
    Trainer t(d, c);
    std::atomic<std::size_t> metrics{0};
    TrainingCallbacks cb;
    cb.on_metrics = [&](const MetricsSample&) { ++metrics; };
    TrainingControl control;
    TrainingResult result;
    std::thread worker([&] { result = t.run(control, cb); });

    auto wait_until = [](auto&& condition) {
        for (int i = 0; i < 20000 && !condition(); ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        return condition();
    };
    REQUIRE(wait_until([&] { return metrics.load() >= 3; }));
    const std::size_t requested_at = metrics.load();
    control.pause();
    // Honoured within one minibatch: the trainer parks after at most the step under way (each
    // step is one metrics sample), and then no step runs, however long the pause.
    REQUIRE(control.wait_until_held(std::chrono::seconds(60)));
    const std::size_t paused_at = metrics.load();
    CHECK(paused_at <= requested_at + 1);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    CHECK(metrics.load() == paused_at);
    CHECK(control.held());
    control.resume();
    REQUIRE(wait_until([&] { return metrics.load() >= paused_at + 3; }));
    control.request_stop();
    worker.join();
    CHECK(result.end == TrainingResult::End::Stopped);
    CHECK_THAT(result.message, Catch::Contains("stopped"));
    REQUIRE(result.model);
    CHECK(all_finite(result.model->parameters()));
}

TEST_CASE("a stop while paused ends the run", "[trainer][threads]") {
    const Dataset d = small_images(200);
    TrainingConfig c = small_config();
    c.epochs = 100000;
    Trainer t(d, c);
    TrainingControl control;
    control.pause();
    TrainingResult result;
    std::thread worker([&] { result = t.run(control, {}); });
    REQUIRE(control.wait_until_held(std::chrono::seconds(60))); // parked before its first step
    control.request_stop();
    worker.join();
    CHECK_FALSE(control.held());
    CHECK(result.end == TrainingResult::End::Stopped);
    CHECK(result.steps == 0);
}

TEST_CASE("beta, learning rate and warm-up change during a run", "[trainer]") {
    const Dataset d = small_images(400);
    TrainingConfig c = small_config();
    c.metrics_every = 1;
    c.beta = 1.0f;
    c.learning_rate = 1e-3f;
    Trainer t(d, c);
    TrainingControl control;
    std::vector<MetricsSample> samples;
    std::vector<std::string> messages;
    TrainingCallbacks cb;
    // Changed from the callback, so the step it takes effect at is known exactly.
    cb.on_metrics = [&](const MetricsSample& m) {
        samples.push_back(m);
        if (m.step == 5)
            control.set_live_settings({0.25f, 5e-4f, 0});
        if (m.step == 10)
            control.set_live_settings({-1.0f, 5e-4f, 0});
        if (m.step == 15)
            control.set_live_settings({0.25f, 5e-4f, 100}); // warm-up restarts the ramp
    };
    cb.on_message = [&](const std::string& text) { messages.push_back(text); };
    const TrainingResult r = t.run(control, cb);
    REQUIRE(r.end == TrainingResult::End::Completed);
    REQUIRE(samples.size() > 20);
    const std::size_t total = samples.front().total_steps;
    CHECK(total == 3 * (360 / 32));
    CHECK(samples.back().step == total);
    for (const auto& m : samples) {
        INFO("step " << m.step);
        if (m.step <= 5) {
            CHECK(m.beta == 1.0f);
            CHECK(m.learning_rate == 1e-3f);
            CHECK(m.live_revision == 0);
        } else if (m.step <= 15) {
            CHECK(m.beta == 0.25f);
            CHECK(m.learning_rate == 5e-4f);
            CHECK(m.live_revision == (m.step <= 10 ? 1u : 2u));
        } else {
            CHECK(m.beta == Approx(kl_weight(0.25, 100, m.epoch - 1.0 / 11.0)).epsilon(1e-5));
            CHECK(m.beta < 0.01f);
            CHECK(m.live_revision == 3);
        }
    }
    REQUIRE(messages.size() == 3);
    CHECK_THAT(messages[0], Catch::Contains("step 5") && Catch::Contains("beta 0.25") &&
                                Catch::Contains("learning rate 0.0005"));
    CHECK_THAT(messages[1], Catch::Contains("ignored") && Catch::Contains("beta"));
    CHECK_THAT(messages[2], Catch::Contains("warm-up 100 epochs"));
}

TEST_CASE("an MMD weight puts the MMD into the metrics, deterministically", "[trainer][mmd]") {
    const Dataset d = small_images(160);
    TrainingConfig c = small_config();
    c.epochs = 1;
    c.metrics_every = 1;
    auto run = [&](float weight) {
        c.mmd_weight = weight;
        return metrics_of_completed_run(d, c);
    };
    const auto plain = run(0.0f);
    const auto a = run(50.0f);
    const auto b = run(50.0f);
    REQUIRE(!plain.empty());
    REQUIRE(a.size() == plain.size());
    for (std::size_t k = 0; k < a.size(); ++k) {
        CHECK(plain[k].mmd == 0.0);
        CHECK(a[k].mmd > 0.0);
        CHECK(a[k].mmd == b[k].mmd);
        CHECK(a[k].elbo == b[k].elbo);
    }
    c.mmd_weight = -1.0f;
    CHECK_THAT(vae::validate(c), Catch::Contains("MMD weight"));
}

TEST_CASE("a VAE-GAN run reports both players in the metrics and epochs, and saves a plain VAE",
          "[trainer][gan]") {
    const Dataset d = small_images(160);
    TrainingConfig c = small_config();
    c.epochs = 2;
    c.metrics_every = 1;
    c.gan_weight = 0.05f;
    c.feature_matching = 0.01f;
    c.gan_learning_rate = 1e-3f;
    c.discriminator_hidden = {16, 8};
    REQUIRE(c.gan_enabled());
    auto run = [&] {
        Trainer t(d, c);
        TrainingControl control;
        std::vector<MetricsSample> samples;
        std::vector<EpochSummary> epochs;
        TrainingCallbacks cb;
        cb.on_metrics = [&](const MetricsSample& m) { samples.push_back(m); };
        cb.on_epoch = [&](const EpochSummary& e) { epochs.push_back(e); };
        const TrainingResult r = t.run(control, cb);
        REQUIRE(r.end == TrainingResult::End::Completed);
        CHECK(r.model->parameters().size() == VaeModel::parameter_count(r.model->architecture()));
        return std::pair{samples, epochs};
    };
    const auto [a, ea] = run();
    const auto [b, eb] = run();
    REQUIRE(a.size() == b.size());
    for (std::size_t k = 0; k < a.size(); ++k) {
        INFO("sample " << k);
        CHECK(a[k].adversarial > 0.0);
        CHECK(a[k].feature_matching > 0.0);
        CHECK(a[k].discriminator_loss > 0.0);
        CHECK(a[k].d_real > 0.0);
        CHECK(a[k].d_fake > 0.0);
        CHECK(a[k].discriminator_loss == b[k].discriminator_loss);
        CHECK(a[k].elbo == b[k].elbo);
    }
    REQUIRE(ea.size() == 2);
    CHECK(ea[1].discriminator_loss > 0.0);
    CHECK(ea[1].adversarial > 0.0);
    CHECK(ea[1].d_real > 0.0);
    c.gan_weight = -0.1f;
    CHECK_THAT(vae::validate(c), Catch::Contains("GAN weight"));
    c.gan_weight = 0.1f;
    c.discriminator_hidden = {0, 8};
    CHECK_THAT(vae::validate(c), Catch::Contains("discriminator layer widths"));
    c.discriminator_hidden = {8, 0};
    CHECK(vae::validate(c).empty());
    CHECK(vae::discriminator_widths(c) == std::vector<std::size_t>{8});
}

TEST_CASE("a saved model's info names the sample-quality fixes it was trained with", "[trainer]") {
    const Dataset d = small_images(40);
    TrainingConfig c = small_config();
    c.architecture.input_dim = d.cols();
    const VaeModel model(c.architecture, 1);
    auto info_of = [&](const TrainingConfig& config) {
        std::map<std::string, std::string> m;
        for (const auto& [k, v] :
             vae::trained_model_file(model, vae::metadata_of(d), config, nullptr, "x").info)
            m[k] = v;
        return m;
    };
    const auto plain = info_of(c);
    CHECK(plain.count("mmd") == 0);
    CHECK(plain.count("gan") == 0);
    CHECK(plain.count("warmup_schedule") == 0);
    c.mmd_weight = 1000.0f;
    c.gan_weight = 0.5f;
    c.warmup_schedule = vae::WarmupSchedule::Cyclical;
    c.cycle_epochs = 2.5;
    const auto fixed = info_of(c);
    CHECK(fixed.at("mmd") == "1000");
    CHECK(fixed.at("gan") == "0.5");
    CHECK(fixed.at("feature_matching") == "0");
    CHECK(fixed.at("warmup_schedule") == "cyclical");
    CHECK(fixed.at("cycle_epochs") == "2.5");
}
