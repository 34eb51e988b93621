#include "data/builtin_datasets.h"
#include "training/held_out_data.h"
#include "ui/quality/quality_kl_bars.h"
#include "ui/quality/quality_metric_rows.h"
#include "ui/quality/quality_panel.h"
#include "ui/widgets/sample_grid_widget.h"

#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

#include "find_button.h"
#include "small_training.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>

using vae::test::button;
using vae::ui::QualityPanel;
using vae::ui::QualityReport;

namespace {

std::shared_ptr<const vae::Dataset> small_sprites() {
    vae::LoadOptions o;
    o.builtin_rows = vae::test::kSmallSpriteRows;
    return std::make_shared<const vae::Dataset>(vae::make_builtin("sprites", o));
}

std::shared_ptr<const vae::VaeModel> small_model(const vae::Dataset& data) {
    vae::VaeArchitecture a;
    a.input_dim = data.cols();
    a.latent_dim = 4;
    a.hidden = {16};
    return std::make_shared<const vae::VaeModel>(a, 7);
}

vae::SampleQuality hand_made_quality() {
    vae::SampleQuality q;
    q.samples = 5000;
    q.real_rows = 6000;
    q.sharpness_ratio = 0.42;
    q.reconstruction_sharpness_ratio = 0.61;
    q.sharpness_measure = "laplacian-variance";
    q.duplicate_threshold = 2.5;
    q.duplicate_rate = 0.125;
    q.diversity_ratio = 0.8;
    q.class_coverage = {0.5, 0.5};
    q.real_class_share = {0.5, 0.5};
    q.class_coverage_entropy = 0.69;
    q.real_class_entropy = 0.7;
    q.precision = 0.93;
    q.recall = 0.38;
    q.fd = 3.8;
    q.fd_features = vae::FdFeatures::Pca;
    return q;
}

/// A stand-in for evaluate_sample_quality: figures that show what it was called with.
vae::SampleQuality echo_quality(const vae::VaeModel&, const vae::Dataset& real,
                                const vae::SampleQualityOptions& o, const vae::QualityProgress& p) {
    if (p && !p(0.5))
        throw std::runtime_error("cancelled");
    vae::SampleQuality q = hand_made_quality();
    q.samples = o.samples;
    q.real_rows = real.rows();
    q.fd = static_cast<double>(real.rows());
    return q;
}

} // namespace

TEST_CASE("the Quality panel shows a report's figures with what is good", "[gui]") {
    const auto data = small_sprites();
    QualityPanel panel;
    panel.setContext(small_model(*data), data, {});
    auto report = std::make_shared<QualityReport>();
    report->quality = hand_made_quality();
    report->evaluation.samples = 60;
    report->evaluation.elbo = -123.456;
    report->evaluation.recon = 100.0;
    report->evaluation.kl = 23.456;
    report->evaluation.kl_per_dim = {10.0, 13.0, 0.001, 0.4};
    report->evaluation.mean_variance = {1.0, 0.9, 0.0, 0.2};
    report->evaluation.active_units = 3;
    report->evaluation.iwae = -120.5;
    report->iwae_samples = 50;
    report->prior = vae::Matrix::Constant(12, static_cast<Eigen::Index>(data->cols()), 0.5f);
    report->originals = data->values.topRows(3);
    report->reconstructions = data->values.topRows(3);
    panel.showReport(report);

    CHECK(panel.valueText(QStringLiteral("sharpness_ratio")) == QStringLiteral("0.42"));
    CHECK(panel.valueText(QStringLiteral("reconstruction_sharpness_ratio")) ==
          QStringLiteral("0.61"));
    CHECK(panel.valueText(QStringLiteral("duplicate_rate")) == QStringLiteral("12.5 %"));
    CHECK(panel.valueText(QStringLiteral("diversity_ratio")) == QStringLiteral("0.8"));
    CHECK(panel.valueText(QStringLiteral("class_coverage_entropy")) ==
          QStringLiteral("0.69 / 0.70"));
    CHECK(panel.valueText(QStringLiteral("precision")) == QStringLiteral("0.930"));
    CHECK(panel.valueText(QStringLiteral("recall")) == QStringLiteral("0.380"));
    CHECK(panel.valueText(QStringLiteral("fd")) == QStringLiteral("3.80"));
    // The Fréchet distance is named by its feature space, never as an FID.
    CHECK(panel.labelText(QStringLiteral("fd")) == QStringLiteral("FD (PCA)"));
    CHECK(panel.toolTipText(QStringLiteral("fd")).contains(QStringLiteral("PCA")));
    CHECK_FALSE(panel.toolTipText(QStringLiteral("fd")).contains(QStringLiteral("classifier")));
    CHECK(panel.valueText(QStringLiteral("elbo")) == QStringLiteral("-123.46"));
    CHECK(panel.valueText(QStringLiteral("iwae")) == QStringLiteral("-120.50"));
    CHECK(panel.valueText(QStringLiteral("active_units")) == QStringLiteral("3 of 4"));
    auto* bars = panel.findChild<vae::ui::QualityKlBars*>();
    REQUIRE(bars);
    CHECK(bars->barCount() == 4);
    // 12 prior samples in rows of 8; 3 reconstructions under their originals.
    REQUIRE(panel.priorGrid()->rows().size() == 2);
    CHECK(panel.priorGrid()->rows()[1].images.size() == 4);
    REQUIRE(panel.reconstructionGrid()->rows().size() == 2);
    CHECK(panel.reconstructionGrid()->rows()[1].images.size() == 3);

    auto classifier = std::make_shared<QualityReport>(*report);
    classifier->quality->fd_features = vae::FdFeatures::Classifier;
    panel.showReport(classifier);
    CHECK(panel.labelText(QStringLiteral("fd")) == QStringLiteral("FD (classifier)"));
    CHECK(panel.toolTipText(QStringLiteral("fd")).contains(QStringLiteral("classifier")));
    for (const auto& row : vae::ui::sample_quality_rows(hand_made_quality(), {}))
        CHECK_FALSE(row.name.contains(QStringLiteral("FID")));

    // Without sample metrics the figures say so instead of showing zeros.
    auto bare = std::make_shared<QualityReport>(*report);
    bare->quality.reset();
    bare->quality_error = QStringLiteral("no metrics here");
    panel.showReport(bare);
    CHECK(panel.valueText(QStringLiteral("precision")) == QStringLiteral("—"));
    CHECK(panel.valueText(QStringLiteral("elbo")) == QStringLiteral("-123.46"));
}

TEST_CASE("Compute scores the model on the validation rows off the GUI thread", "[gui]") {
    const auto data = small_sprites();
    QualityPanel panel;
    panel.setQualityFunction(&echo_quality);
    vae::TrainingConfig config = vae::test::make_small({}, 1);
    auto options = panel.options();
    options.samples = 321;
    panel.setOptions(options);
    panel.setContext(small_model(*data), data, config);
    QSignalSpy ready(&panel, &QualityPanel::reportReady);
    QTest::mouseClick(button(panel, "qualityCompute"), Qt::LeftButton);
    CHECK(panel.busy());
    REQUIRE(ready.wait(20000));
    CHECK_FALSE(panel.busy());
    const auto report = panel.report();
    REQUIRE(report);
    REQUIRE(report->quality);
    const auto held = vae::validation_rows(*data, config);
    CHECK(held.size() == 60); // 10% of 600
    CHECK(report->validation);
    CHECK(report->quality->real_rows == held.size());
    CHECK(report->quality->samples == 321);
    CHECK(report->evaluation.samples == held.size());
    CHECK(report->evaluation.iwae.has_value());
    CHECK(panel.valueText(QStringLiteral("fd")) == QStringLiteral("60.0"));
    CHECK(panel.priorGrid()->rows().size() == 4);
    // The same held-out rows as the trainer: the panel's copy holds exactly them.
    CHECK(report->held_out->values.row(7) == data->values.row(static_cast<Eigen::Index>(held[7])));
}

namespace {

/// The first call runs until it is cancelled; later calls return at once.
struct BlockingQuality {
    std::shared_ptr<std::atomic<int>> calls = std::make_shared<std::atomic<int>>(0);
    std::shared_ptr<std::atomic<bool>> first_running = std::make_shared<std::atomic<bool>>(false);
    std::shared_ptr<std::atomic<bool>> first_cancelled = std::make_shared<std::atomic<bool>>(false);

    vae::ui::QualityFunction function() const {
        return [*this](const vae::VaeModel& m, const vae::Dataset& real,
                       const vae::SampleQualityOptions& o, const vae::QualityProgress& p) {
            if (++*calls == 1) {
                *first_running = true;
                for (int i = 0; i < 200000; ++i) { // 200 s at most: a test timeout, not a hang
                    if (!p(0.3)) {
                        *first_cancelled = true;
                        throw std::runtime_error("cancelled");
                    }
                    std::this_thread::sleep_for(std::chrono::milliseconds(1));
                }
            }
            return echo_quality(m, real, o, p);
        };
    }
};

} // namespace

TEST_CASE("a second Compute supersedes the first without waiting for it", "[gui]") {
    const auto data = small_sprites();
    QualityPanel panel;
    BlockingQuality blocking;
    panel.setQualityFunction(blocking.function());
    panel.setContext(small_model(*data), data, vae::test::make_small({}, 1));
    QSignalSpy ready(&panel, &QualityPanel::reportReady);
    auto options = panel.options();
    options.samples = 111;
    panel.setOptions(options);
    REQUIRE(panel.compute());
    REQUIRE(QTest::qWaitFor([&] { return blocking.first_running->load(); }, 20000));
    // The first request is now stuck in its metrics; the GUI thread is free to ask again.
    options.samples = 222;
    panel.setOptions(options);
    REQUIRE(panel.compute());
    CHECK(panel.busy());
    REQUIRE(ready.wait(20000));
    REQUIRE(QTest::qWaitFor([&] { return blocking.first_cancelled->load(); }, 20000));
    QTest::qWait(50); // the superseded job's end must not show
    REQUIRE(ready.size() == 1);
    const auto report = ready.at(0).at(0).value<std::shared_ptr<const QualityReport>>();
    REQUIRE(report->quality);
    CHECK(report->quality->samples == 222);
    CHECK(panel.report() == report);
    CHECK(blocking.calls->load() == 2);
}

TEST_CASE("Cancel stops a computation and keeps the figures shown", "[gui]") {
    const auto data = small_sprites();
    QualityPanel panel;
    BlockingQuality blocking;
    panel.setQualityFunction(blocking.function());
    panel.setContext(small_model(*data), data, {});
    QSignalSpy busy(&panel, &QualityPanel::busyChanged);
    REQUIRE(panel.compute());
    REQUIRE(QTest::qWaitFor([&] { return blocking.first_running->load(); }, 20000));
    auto* cancel = button(panel, "qualityCancel");
    CHECK(cancel->isVisible() == panel.isVisible());
    QTest::mouseClick(cancel, Qt::LeftButton);
    CHECK_FALSE(panel.busy());
    REQUIRE(busy.size() >= 2);
    CHECK_FALSE(busy.last().at(0).toBool());
    REQUIRE(QTest::qWaitFor([&] { return blocking.first_cancelled->load(); }, 20000));
    CHECK_FALSE(panel.report());
    CHECK(panel.valueText(QStringLiteral("precision")) == QStringLiteral("—"));
}

TEST_CASE("Compute is off without weights that fit the data", "[gui]") {
    const auto data = small_sprites();
    QualityPanel panel;
    panel.setContext(nullptr, data, {});
    CHECK_FALSE(button(panel, "qualityCompute")->isEnabled());
    CHECK_FALSE(panel.compute());
    vae::VaeArchitecture a;
    a.input_dim = 3;
    panel.setContext(std::make_shared<const vae::VaeModel>(a, 1), data, {});
    CHECK_FALSE(button(panel, "qualityCompute")->isEnabled());
    CHECK_FALSE(panel.compute());
    panel.setContext(small_model(*data), data, {});
    CHECK(button(panel, "qualityCompute")->isEnabled());
}

TEST_CASE("Cancel stops the sample-quality metrics themselves promptly", "[gui]") {
    // The built-in 20,000 sprites against 20,000 prior samples: the real rows' nearest
    // neighbours alone are 200 million pairs of 784 values, many seconds even on both cores.
    const auto data = std::make_shared<const vae::Dataset>(vae::make_builtin("sprites", {}));
    auto panel = std::make_unique<QualityPanel>();
    panel->setQualityFunction(&vae::evaluate_sample_quality);
    panel->setIwae(0, 0);
    auto options = panel->options();
    options.samples = 20000;
    options.max_real_rows = 20000;
    options.fd_features = vae::FdFeatures::Pca;
    panel->setOptions(options);
    vae::TrainingConfig config;
    config.validation_split = 0.0; // score all rows
    panel->setContext(small_model(*data), data, config);
    auto* bar = panel->findChild<QProgressBar*>(QStringLiteral("qualityProgress"));
    REQUIRE(bar);
    REQUIRE(panel->compute());
    // 30 % of the bar is past the samples, the reconstructions and the sharpness: the
    // computation is inside its first block loop.
    REQUIRE(QTest::qWaitFor([&] { return bar->value() >= 300; }, 60000));
    QTest::mouseClick(button(*panel, "qualityCancel"), Qt::LeftButton);
    CHECK_FALSE(panel->busy());
    // The panel's destructor waits for the work to end: it ends within a block of distances
    // (the target is 0.5 s; 2 s leaves room for a loaded machine).
    const auto t0 = std::chrono::steady_clock::now();
    panel.reset();
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    INFO("the work ended " << seconds << " s after Cancel");
    CHECK(seconds < 2.0);
}
