#include "data/seeded_random.h"
#include "training/suggested_fix.h"
#include "training/trainer.h"
#include "vae/vae_objective.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

using namespace vae;

namespace {

/// rows x (normal_columns + 1): standard normal columns, then one that is always 0.5.
Dataset table_with_constant_column(std::size_t rows, std::size_t normal_columns) {
    Dataset d;
    d.name = "constant column";
    d.values.resize(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(normal_columns + 1));
    SeededRandom rng(5);
    for (Eigen::Index i = 0; i < d.values.rows(); ++i) {
        for (Eigen::Index j = 0; j < static_cast<Eigen::Index>(normal_columns); ++j)
            d.values(i, j) = static_cast<float>(rng.normal());
        d.values(i, static_cast<Eigen::Index>(normal_columns)) = 0.5f;
    }
    for (std::size_t j = 0; j <= normal_columns; ++j)
        d.column_names.push_back("c" + std::to_string(j));
    return d;
}

/// rows x 3 uniform values in [0, range).
Dataset uniform_table(std::size_t rows, double range) {
    Dataset d;
    d.name = "uniform";
    d.values.resize(static_cast<Eigen::Index>(rows), 3);
    SeededRandom rng(9);
    for (Eigen::Index i = 0; i < d.values.size(); ++i)
        d.values.data()[i] = static_cast<float>(rng.uniform(0.0, range));
    d.column_names = {"a", "b", "c"};
    return d;
}

} // namespace

TEST_CASE("a table with a constant column trains with a finite, bounded ELBO", "[trainer]") {
    const Dataset d = table_with_constant_column(400, 3);
    TrainingConfig c;
    c.architecture.hidden = {16};
    c.architecture.latent_dim = 2;
    c.architecture.input_dim = 4;
    c.architecture.likelihood = Likelihood::GaussianLearnedPerDim;
    c.batch_size = 32;
    c.epochs = 200;
    c.learning_rate = 0.05f; // Adam moves log sigma by this much per step while r = 0
    c.threads = 1;
    // The fit a long run reaches, made at the start so that a test can afford it: the decoder
    // reproduces the constant column exactly (residual 0, so its gradient is 0 and it stays
    // so), and only its log sigma still moves: down by one learning rate per step, without a
    // floor until exp(-log sigma) overflows some 1,700 steps on.
    VaeModel start(c.architecture, c.seed);
    std::vector<float> p(start.parameters().begin(), start.parameters().end());
    const auto& out = std::get<DenseLayer>(start.decoder().layers().back());
    for (std::size_t k = 0; k < out.inputs; ++k)
        p[out.offset + k * out.outputs + 3] = 0.0f;
    p[out.bias_offset() + 3] = 0.5f;
    p[start.log_sigma_offset() + 3] = std::log(0.01f);
    const auto initial = std::make_shared<const VaeModel>(c.architecture, p);

    Trainer t(d, c);
    std::vector<EpochSummary> epochs;
    std::vector<std::string> messages;
    TrainingCallbacks cb;
    cb.on_epoch = [&](const EpochSummary& e) { epochs.push_back(e); };
    cb.on_message = [&](const std::string& m) { messages.push_back(m); };
    TrainingControl control;
    const TrainingResult r = t.run(control, cb, initial);
    CHECK(r.end == TrainingResult::End::Completed);
    CHECK(r.rollbacks == 0);
    REQUIRE(epochs.size() == c.epochs);
    // With every log sigma >= log(1e-3), each of the 4 columns adds at most
    // -log(1e-3) - 0.5 log(2 pi) = 5.99 nats to the ELBO (and the KL only lowers it).
    const double bound = 4.0 * (-kMinLogSigma - 0.5 * std::log(2.0 * 3.141592653589793));
    for (const EpochSummary& e : epochs) {
        INFO("epoch " << e.epoch);
        CHECK(std::isfinite(e.train_elbo));
        CHECK(std::isfinite(e.val_elbo));
        CHECK(e.val_elbo <= bound);
    }
    // The constant column's sigma stops at its floor (past it only by Adam's momentum), the
    // epochs count it, and the run says so once.
    CHECK(r.model->log_sigma()[3] >= kMinLogSigma - 1.0);
    CHECK(epochs.back().floored_log_sigma == 1);
    std::size_t notes = 0;
    for (const std::string& m : messages)
        notes += m.find("constant column") != std::string::npos ? 1 : 0;
    CHECK(notes == 1);
}

TEST_CASE("the suggested fix of a divergence names one setting and its CLI flag", "[trainer]") {
    TrainingConfig c;
    SECTION("un-normalised data with a large range: z-score normalisation") {
        const SuggestedFix fix = suggest_fix(uniform_table(50, 5000.0), c, 1e-3);
        CHECK(fix.setting == SuggestedFix::Setting::Normalization);
        CHECK(fix.label == "Normalization: z-score");
        CHECK(fix.cli_flag == "--normalize zscore");
        CHECK(fix.value == static_cast<double>(Normalization::Kind::ZScore));
        CHECK(describe(fix) == "Normalization: z-score (--normalize zscore)");
    }
    SECTION("the same range after normalisation, or a small range: a tenth of the rate") {
        Dataset normalised = uniform_table(50, 5000.0);
        normalised.normalization.kind = Normalization::Kind::MinMax;
        normalised.normalization.offset = Vector::Zero(3);
        normalised.normalization.scale = Vector::Ones(3);
        for (const Dataset& d : {normalised, uniform_table(50, kLargeColumnRange * 0.99)}) {
            const SuggestedFix fix = suggest_fix(d, c, 2e-3);
            CHECK(fix.setting == SuggestedFix::Setting::LearningRate);
            CHECK(fix.label == "Learning rate");
            CHECK(fix.value == Approx(2e-4));
            CHECK(fix.cli_flag == "--lr 0.0002");
            CHECK(describe(fix) == "Learning rate 0.0002 (--lr 0.0002)");
        }
    }
    SECTION("a rate already too small to cut: gradient clipping") {
        const Dataset d = uniform_table(50, 1.0);
        SuggestedFix fix = suggest_fix(d, c, 5e-6);
        CHECK(fix.setting == SuggestedFix::Setting::ClipNorm);
        CHECK(fix.value == 10.0);
        CHECK(fix.cli_flag == "--clip-norm 10");
        c.clip_norm = 2.0f;
        fix = suggest_fix(d, c, 5e-6);
        CHECK(fix.value == Approx(0.2));
        CHECK(fix.cli_flag == "--clip-norm 0.2");
    }
}

TEST_CASE("a run that diverges on un-normalised data says to normalise it", "[trainer]") {
    // Squares of 1e20 overflow a float: every step of the Gaussian likelihood is non-finite.
    const Dataset d = uniform_table(200, 1e20);
    TrainingConfig c;
    c.architecture.hidden = {8};
    c.architecture.latent_dim = 2;
    c.architecture.likelihood = Likelihood::GaussianFixed;
    c.batch_size = 32;
    c.epochs = 2;
    c.threads = 1;
    Trainer t(d, c);
    std::vector<std::string> messages;
    TrainingCallbacks cb;
    cb.on_message = [&](const std::string& m) { messages.push_back(m); };
    TrainingControl control;
    const TrainingResult r = t.run(control, cb);
    REQUIRE(r.end == TrainingResult::End::Diverged);
    REQUIRE(r.suggested_fix);
    CHECK(r.suggested_fix->setting == SuggestedFix::Setting::Normalization);
    CHECK_THAT(r.message, Catch::Contains("diverged") &&
                              Catch::Contains("Normalization: z-score (--normalize zscore)"));
    REQUIRE(!messages.empty());
    CHECK(messages.back() == r.message);
}

TEST_CASE("a completed run suggests nothing", "[trainer]") {
    TrainingConfig c;
    c.architecture.hidden = {8};
    c.architecture.latent_dim = 2;
    c.epochs = 1;
    c.threads = 1;
    const Dataset d = uniform_table(100, 1.0);
    Trainer t(d, c);
    TrainingControl control;
    const TrainingResult r = t.run(control, {});
    CHECK(r.end == TrainingResult::End::Completed);
    CHECK_FALSE(r.suggested_fix);
}

TEST_CASE("a run whose last epoch took no finite step has diverged, not completed", "[trainer]") {
    // One minibatch an epoch and two epochs: two rollbacks, fewer than max_rollbacks, yet
    // nothing was trained.
    const Dataset d = uniform_table(200, 1e20);
    TrainingConfig c;
    c.architecture.hidden = {8};
    c.architecture.latent_dim = 2;
    c.architecture.likelihood = Likelihood::GaussianFixed;
    c.batch_size = 128;
    c.epochs = 2;
    c.threads = 1;
    Trainer t(d, c);
    TrainingControl control;
    const TrainingResult r = t.run(control, {});
    CHECK(r.rollbacks == 2);
    CHECK(r.end == TrainingResult::End::Diverged);
    REQUIRE(r.suggested_fix);
    CHECK_THAT(r.message, Catch::Contains("--normalize zscore"));
}
