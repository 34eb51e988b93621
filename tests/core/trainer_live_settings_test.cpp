#include "data/builtin_datasets.h"
#include "training/trainer.h"

#include <catch2/catch.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

using namespace vae;

namespace {

Dataset small_images() {
    LoadOptions o;
    o.builtin_rows = 200;
    return make_builtin("sprites", o);
}

TrainingConfig small_config() {
    TrainingConfig c;
    c.architecture.hidden = {16};
    c.architecture.latent_dim = 2;
    c.batch_size = 30;
    c.epochs = 2;
    c.threads = 1;
    c.metrics_every = 1;
    c.snapshot_points = 0;
    c.discriminator_hidden = {16, 0};
    return c;
}

struct Run {
    TrainingResult result;
    std::vector<MetricsSample> metrics;
    std::vector<EpochSummary> epochs;
    std::vector<std::string> messages;
};

/// Runs c on d; `edit` may change the live settings from the metrics callback (so the step a
/// change takes effect at is known), and `before` sets them before the first step.
Run run(const Dataset& d, const TrainingConfig& c, const std::optional<LiveSettings>& before = {},
        const std::function<void(TrainingControl&, const MetricsSample&)>& edit = {}) {
    Trainer t(d, c);
    TrainingControl control;
    if (before)
        control.set_live_settings(*before);
    Run r;
    TrainingCallbacks cb;
    cb.on_metrics = [&](const MetricsSample& m) {
        r.metrics.push_back(m);
        if (edit)
            edit(control, m);
    };
    cb.on_epoch = [&](const EpochSummary& e) { r.epochs.push_back(e); };
    cb.on_message = [&](const std::string& m) { r.messages.push_back(m); };
    r.result = t.run(control, cb);
    return r;
}

std::vector<double> elbos(const Run& r) {
    std::vector<double> v;
    for (const MetricsSample& m : r.metrics)
        v.push_back(m.elbo);
    return v;
}

} // namespace

TEST_CASE("free bits and the MMD weight change during a run", "[trainer]") {
    const Dataset d = small_images();
    TrainingConfig c = small_config();
    // Free bits set live before the first step train exactly as when configured.
    TrainingConfig configured = c;
    configured.free_bits = 0.5f;
    LiveSettings live = live_settings_of(c);
    live.free_bits = 0.5f;
    const Run with_config = run(d, configured);
    const Run with_live = run(d, c, live);
    const Run without = run(d, c);
    REQUIRE(with_live.result.end == TrainingResult::End::Completed);
    CHECK(elbos(with_live) == elbos(with_config));
    CHECK(elbos(with_live) != elbos(without));

    // The MMD switched on at step 4: computed from step 5 on, and the history says so.
    const Run mmd = run(d, c, {}, [](TrainingControl& control, const MetricsSample& m) {
        if (m.step == 4) {
            LiveSettings s = m.settings;
            s.mmd_weight = 50.0f;
            control.set_live_settings(s);
        }
    });
    REQUIRE(mmd.result.end == TrainingResult::End::Completed);
    for (const MetricsSample& m : mmd.metrics) {
        INFO("step " << m.step);
        CHECK(m.settings.mmd_weight == (m.step <= 4 ? 0.0f : 50.0f));
        CHECK((m.mmd > 0.0) == (m.step > 4));
    }
    REQUIRE(mmd.epochs.size() == 2);
    CHECK(mmd.epochs[0].settings.mmd_weight == 50.0f);
    CHECK(mmd.epochs[0].mmd > 0.0);
    REQUIRE(!mmd.messages.empty());
    CHECK_THAT(mmd.messages.front(), Catch::Contains("step 4") && Catch::Contains("MMD weight 50"));
}

TEST_CASE("the GAN weights change during a VAE-GAN run, and cannot start in a plain one",
          "[trainer]") {
    const Dataset d = small_images();
    TrainingConfig c = small_config();
    c.gan_weight = 0.2f;
    TrainingConfig configured = c;
    configured.feature_matching = 0.1f;
    LiveSettings live = live_settings_of(c);
    live.feature_matching = 0.1f;
    const Run with_config = run(d, configured);
    const Run with_live = run(d, c, live);
    const Run without = run(d, c);
    REQUIRE(with_live.result.end == TrainingResult::End::Completed);
    CHECK(elbos(with_live) == elbos(with_config));
    CHECK(elbos(with_live) != elbos(without));
    for (const EpochSummary& e : with_live.epochs)
        CHECK(e.settings.feature_matching == 0.1f);

    // Turned off mid-run: the adversarial term leaves the loss but is still measured.
    const Run off = run(d, c, {}, [](TrainingControl& control, const MetricsSample& m) {
        if (m.step == 3) {
            LiveSettings s = m.settings;
            s.gan_weight = 0.0f;
            control.set_live_settings(s);
        }
    });
    REQUIRE(off.result.end == TrainingResult::End::Completed);
    CHECK(off.metrics.back().settings.gan_weight == 0.0f);
    CHECK(off.metrics.back().adversarial > 0.0);

    // A plain run has no discriminator to train: the change is refused with a reason.
    TrainingConfig plain = small_config();
    LiveSettings gan = live_settings_of(plain);
    gan.gan_weight = 0.5f;
    const Run refused = run(d, plain, gan);
    CHECK(refused.result.end == TrainingResult::End::Completed);
    REQUIRE(refused.messages.size() == 1);
    CHECK_THAT(refused.messages[0], Catch::Contains("ignored") && Catch::Contains("GAN"));
    CHECK(refused.metrics.back().settings.gan_weight == 0.0f);
    CHECK(refused.metrics.back().adversarial == 0.0);
}
