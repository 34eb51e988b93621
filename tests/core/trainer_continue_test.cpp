#include "data/builtin_datasets.h"
#include "training/trainer.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

using namespace vae;

namespace {

Dataset small_images(std::size_t rows = 400) {
    LoadOptions o;
    o.builtin_rows = rows;
    return make_builtin("sprites", o);
}

/// 360 training rows in batches of 32: 11 steps an epoch; a warm-up and a cosine schedule
/// that both span the run.
TrainingConfig continued_config() {
    TrainingConfig c;
    c.architecture.hidden = {32};
    c.architecture.latent_dim = 2;
    c.batch_size = 32;
    c.epochs = 4;
    c.warmup_epochs = 3;
    c.schedule = LrSchedule::Cosine;
    c.threads = 1;
    c.metrics_every = 1;
    c.snapshot_points = 0;
    c.seed = 3;
    return c;
}

struct Run {
    TrainingResult result;
    std::vector<MetricsSample> metrics;
};

/// Runs `t`; stops it once the metrics of step `stop_after` arrive (0: never).
Run run(Trainer& t, std::size_t stop_after = 0) {
    TrainingControl control;
    Run r;
    TrainingCallbacks cb;
    cb.on_metrics = [&](const MetricsSample& m) {
        r.metrics.push_back(m);
        if (m.step == stop_after)
            control.request_stop();
    };
    r.result = t.run(control, cb);
    return r;
}

} // namespace

TEST_CASE("a continued run goes on exactly where it stopped", "[trainer]") {
    const Dataset d = small_images();
    const TrainingConfig c = continued_config();
    Trainer whole_trainer(d, c);
    const Run whole = run(whole_trainer);
    REQUIRE(whole.result.end == TrainingResult::End::Completed);
    REQUIRE(whole.metrics.size() == 44);

    // Stopped mid-epoch (step 15 = 4 minibatches into the second epoch), then continued.
    Trainer first_trainer(d, c);
    const Run first = run(first_trainer, 15);
    REQUIRE(first.result.end == TrainingResult::End::Stopped);
    REQUIRE(first.result.state);
    const TrainingState& state = *first.result.state;
    CHECK(state.epoch == 1);
    CHECK(state.batch == 4);
    CHECK(state.checkpoint.optimizer.steps == 15);
    Trainer second_trainer(d, c, first.result.state);
    const Run second = run(second_trainer);
    REQUIRE(second.result.end == TrainingResult::End::Completed);
    CHECK(second.result.epochs_completed == 4);
    REQUIRE(second.metrics.size() == 44 - 15);

    for (std::size_t k = 0; k < second.metrics.size(); ++k) {
        const MetricsSample& a = whole.metrics[15 + k];
        const MetricsSample& b = second.metrics[k];
        INFO("step " << a.step);
        CHECK(b.step == a.step);
        CHECK(b.epoch == a.epoch);
        CHECK(b.beta == a.beta);                   // the warm-up goes on, not from 0
        CHECK(b.learning_rate == a.learning_rate); // the cosine goes on, not from the top
        CHECK(b.elbo == a.elbo); // the same batches, noise and Adam moments: the same steps
    }
    CHECK(second.metrics.front().beta > 0.3f);
    // And so the same weights, bit for bit.
    const auto pw = whole.result.model->parameters();
    const auto ps = second.result.model->parameters();
    CHECK(std::equal(pw.begin(), pw.end(), ps.begin(), ps.end()));
}

TEST_CASE("a continued run keeps its validation split", "[trainer]") {
    const Dataset d = small_images();
    TrainingConfig c = continued_config();
    Trainer first_trainer(d, c);
    const Run first = run(first_trainer, 5);
    // Another seed would split the rows otherwise: the split of the run wins, so no row the
    // first part validated on is trained on now.
    c.seed = 99;
    const Trainer fresh(d, c);
    REQUIRE(fresh.validation_rows() != first_trainer.validation_rows());
    const Trainer continued(d, c, first.result.state);
    CHECK(continued.validation_rows() == first_trainer.validation_rows());
    CHECK(continued.training_rows() == first_trainer.training_rows());
}

TEST_CASE("a state that does not fit is refused with a reason", "[trainer]") {
    const Dataset d = small_images();
    TrainingConfig c = continued_config();
    c.epochs = 1;
    Trainer t(d, c);
    const Run done = run(t);
    REQUIRE(done.result.end == TrainingResult::End::Completed);
    CHECK_THROWS_WITH(Trainer(d, c, done.result.state),
                      Catch::Contains("all 1 epochs") && Catch::Contains("more epochs"));
    c.epochs = 2;
    CHECK_NOTHROW(Trainer(d, c, done.result.state));
    const Dataset other = small_images(300);
    CHECK_THROWS_WITH(Trainer(other, c, done.result.state),
                      Catch::Contains("400 rows") && Catch::Contains("300"));
}

TEST_CASE("the rollbacks' halved learning rate survives live edits and continuing", "[trainer]") {
    const Dataset d = small_images(300);
    TrainingConfig c = continued_config();
    c.schedule = LrSchedule::Constant;
    c.warmup_epochs = 0;
    c.architecture.hidden = {64, 32};
    c.learning_rate = 1e4f; // diverges (see the rollback test of trainer_test.cpp)
    c.max_rollbacks = 1000;
    c.epochs = 2;
    Trainer t(d, c);
    TrainingControl control;
    std::vector<MetricsSample> samples;
    bool edited = false;
    TrainingCallbacks cb;
    cb.on_metrics = [&](const MetricsSample& m) {
        samples.push_back(m);
        if (!edited && m.rollbacks > 0) {
            edited = true; // beta only: the learning rate the rollbacks left must stay
            LiveSettings s = m.settings;
            s.beta = 0.5f;
            control.set_live_settings(s);
        }
    };
    const TrainingResult r = t.run(control, cb);
    REQUIRE(edited);
    std::size_t after_edit = 0;
    for (const MetricsSample& m : samples)
        if (m.live_revision == 1) {
            INFO("step " << m.step << ", rollbacks " << m.rollbacks);
            ++after_edit;
            CHECK(m.learning_rate == Approx(1e4 * std::pow(0.5, m.rollbacks)).epsilon(1e-6));
        }
    REQUIRE(after_edit > 0);
    REQUIRE(r.state);
    CHECK(r.state->learning_rate_factor == std::pow(0.5, r.rollbacks));
    CHECK(r.rollbacks > 0);

    // Continued (with more epochs), the run starts at the rate the rollbacks left.
    c.epochs = 4;
    Trainer more(d, c, r.state);
    const Run next = run(more);
    REQUIRE(!next.metrics.empty());
    const MetricsSample& m = next.metrics.front();
    CHECK(m.learning_rate ==
          Approx(1e4 * r.state->learning_rate_factor * std::pow(0.5, m.rollbacks)).epsilon(1e-6));

    // A new learning rate replaces the halving.
    TrainingControl edit;
    LiveSettings s = live_settings_of(c);
    s.learning_rate = 1e-3f;
    edit.set_live_settings(s);
    Trainer fresh_rate(d, c, r.state);
    std::vector<MetricsSample> rated;
    TrainingCallbacks rcb;
    rcb.on_metrics = [&](const MetricsSample& x) { rated.push_back(x); };
    fresh_rate.run(edit, rcb);
    REQUIRE(!rated.empty());
    CHECK(rated.front().learning_rate == 1e-3f);
}
