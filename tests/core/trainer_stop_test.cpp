#include "data/seeded_random.h"
#include "training/trainer.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <cstddef>

using namespace vae;

namespace {

using Clock = std::chrono::steady_clock;

/// rows x cols standard normal values.
Dataset normal_table(std::size_t rows, std::size_t cols) {
    Dataset d;
    d.name = "normal";
    d.values.resize(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(cols));
    SeededRandom rng(4);
    for (Eigen::Index i = 0; i < d.values.size(); ++i)
        d.values.data()[i] = static_cast<float>(rng.normal());
    d.column_names.assign(cols, "x");
    return d;
}

/// One step per epoch, then a validation set of 99 times the step's rows: the epoch's end is
/// almost all of the epoch's work.
TrainingConfig long_evaluation_config() {
    TrainingConfig c;
    c.architecture.hidden = {256, 256};
    c.architecture.latent_dim = 4;
    c.architecture.likelihood = Likelihood::GaussianFixed;
    c.validation_split = 0.99;
    c.batch_size = 400;
    c.epochs = 3;
    c.threads = 1;
    c.metrics_every = 1;
    c.snapshot_points = 0;
    return c;
}

} // namespace

TEST_CASE("a stop during the end-of-epoch evaluation returns before it finishes",
          "[trainer][threads]") {
    const Dataset d = normal_table(40000, 20);
    const TrainingConfig c = long_evaluation_config();
    Trainer t(d, c);
    REQUIRE(t.validation_rows().size() == 39600);
    TrainingControl control;
    std::size_t epochs = 0;
    Clock::time_point stop_requested;
    TrainingCallbacks cb;
    // The epoch's only step: the stop arrives as its evaluation begins.
    cb.on_metrics = [&](const MetricsSample&) {
        stop_requested = Clock::now();
        control.request_stop();
    };
    cb.on_epoch = [&](const EpochSummary&) { ++epochs; };
    const TrainingResult r = t.run(control, cb);
    const double seconds = std::chrono::duration<double>(Clock::now() - stop_requested).count();
    CHECK(r.end == TrainingResult::End::Stopped);
    CHECK(r.steps == 1);
    // Not one epoch summary: the evaluation of 39,600 rows was left after at most one batch.
    CHECK(epochs == 0);
    CHECK(r.epochs_completed == 0);
    CHECK(seconds < 5.0); // one batch of 500 rows takes milliseconds
    REQUIRE(r.model);
}

TEST_CASE("a stop during the latent snapshot publishes nothing and returns", "[trainer]") {
    const Dataset d = normal_table(4000, 20);
    TrainingConfig c = long_evaluation_config();
    c.validation_split = 0.1;
    c.batch_size = 100;
    c.snapshot_points = 4000;
    c.snapshot_every = 1;
    Trainer t(d, c);
    TrainingControl control;
    std::size_t snapshots = 0;
    std::size_t models = 0;
    TrainingCallbacks cb;
    cb.on_metrics = [&](const MetricsSample& m) {
        if (m.step == 2)
            control.request_stop(); // before the snapshot of step 2 is encoded
    };
    cb.on_snapshot = [&](std::shared_ptr<const LatentSnapshot>) { ++snapshots; };
    cb.on_model = [&](std::shared_ptr<const VaeModel>) { ++models; };
    const TrainingResult r = t.run(control, cb);
    CHECK(r.end == TrainingResult::End::Stopped);
    CHECK(r.steps == 2);
    CHECK(snapshots == 1); // step 1's only
    CHECK(models == 1);
}
