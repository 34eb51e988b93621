#include "training/held_out_data.h"
#include "ui/latent/latent_page.h"
#include "ui/main_window.h"
#include "ui/quality/quality_metric_rows.h"
#include "ui/quality/quality_panel.h"
#include "ui/runs/run_list_model.h"
#include "ui/runs/runs_table.h"
#include "ui/training/training_panel.h"
#include "ui/training/training_session.h"
#include "ui/widgets/sample_grid_widget.h"

#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

#include "small_window.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <memory>

using vae::ui::MainWindow;
using vae::ui::QualityPanel;
using vae::ui::RunListModel;

namespace {

/// Options small enough for a widget test (the defaults score 5,000 samples).
vae::SampleQualityOptions small_quality_options() {
    vae::SampleQualityOptions o;
    o.samples = 200;
    o.max_real_rows = 500;
    o.pca_components = 10;
    o.fd_features = vae::FdFeatures::Pca;
    o.threads = 1;
    return o;
}

/// A window with a small sprites set loaded, a small model and small quality options.
std::unique_ptr<MainWindow> window_with_small_data(std::size_t epochs) {
    auto w = vae::test::window_with_small_data(epochs);
    w->qualityPanel()->setOptions(small_quality_options());
    w->qualityPanel()->setIwae(5, 50);
    return w;
}

/// Trains to the end; returns once the run's row is in the table.
void train(MainWindow& w) {
    QSignalSpy finished(&w, &MainWindow::trainingFinished);
    REQUIRE(w.startTraining());
    REQUIRE(finished.wait(60000));
    REQUIRE(finished.takeFirst().at(0).toBool());
}

} // namespace

TEST_CASE("a finished run gets a row with its settings, then its quality figures", "[gui]") {
    auto w = window_with_small_data(2);
    QSignalSpy ready(w->qualityPanel(), &QualityPanel::reportReady);
    train(*w);
    RunListModel* runs = w->runs();
    REQUIRE(runs->runCount() == 1);
    const auto& run = runs->run(0);
    CHECK(run.model == w->session()->model());
    CHECK(run.config.architecture.hidden == std::vector<std::size_t>{32});
    CHECK(run.epochs == 2);
    CHECK(std::isfinite(run.val_elbo));
    CHECK(run.dataset == QStringLiteral("builtin:sprites"));
    CHECK(run.samples.size() == 32);
    CHECK_FALSE(run.thumbnail.isNull());
    const auto settings =
        runs->data(runs->index(0, RunListModel::Settings), Qt::DisplayRole).toString();
    CHECK(settings.contains(QStringLiteral(" 32 ")));
    CHECK(settings.startsWith(QStringLiteral("z 2")));

    // The figures are computed at the end of the run, off the GUI thread.
    CHECK(w->qualityPanel()->busy());
    REQUIRE(ready.wait(60000));
    const auto report = w->qualityPanel()->report();
    REQUIRE(report);
    CHECK(report->model == run.model);
    CHECK(runs->run(0).report == report);
    CHECK(report->validation);
    CHECK(report->evaluation.samples == 60);
    CHECK(w->qualityPanel()->valueText(QStringLiteral("elbo")) ==
          QString::number(report->evaluation.elbo, 'f', 2));

    // The same figures as the engine's own call on the run's validation rows.
    const auto held = vae::held_out_data(w->dataset(), run.config);
    REQUIRE(held->rows() == 60);
    const vae::SampleQuality direct =
        vae::evaluate_sample_quality(*run.model, *held, small_quality_options());
    REQUIRE(report->quality);
    const vae::SampleQuality& shown = *report->quality;
    CHECK(shown.samples == direct.samples);
    CHECK(shown.real_rows == direct.real_rows);
    CHECK(shown.sharpness_ratio == direct.sharpness_ratio);
    CHECK(shown.reconstruction_sharpness_ratio == direct.reconstruction_sharpness_ratio);
    CHECK(shown.duplicate_rate == direct.duplicate_rate);
    CHECK(shown.diversity_ratio == direct.diversity_ratio);
    CHECK(shown.precision == direct.precision);
    CHECK(shown.recall == direct.recall);
    CHECK(shown.fd == direct.fd);
    const auto* panel = w->qualityPanel();
    CHECK(panel->valueText(QStringLiteral("sharpness_ratio")) ==
          vae::ui::ratio_text(direct.sharpness_ratio));
    CHECK(panel->valueText(QStringLiteral("duplicate_rate")) ==
          vae::ui::percent_text(direct.duplicate_rate));
    CHECK(panel->valueText(QStringLiteral("precision")) ==
          vae::ui::fraction_text(direct.precision));
    CHECK(panel->valueText(QStringLiteral("recall")) == vae::ui::fraction_text(direct.recall));
    CHECK(panel->valueText(QStringLiteral("fd")) == vae::ui::distance_text(direct.fd));
    // ... and in the run's row.
    REQUIRE(runs->run(0).quality);
    CHECK(runs->run(0).quality->fd == direct.fd);
    CHECK(runs->data(runs->index(0, RunListModel::Recall), Qt::DisplayRole).toString() ==
          vae::ui::fraction_text(direct.recall));
}

TEST_CASE("Open Model in the Runs table makes that run's weights current", "[gui]") {
    auto w = window_with_small_data(1);
    train(*w);
    auto config = w->trainingPanel()->config();
    config.architecture.hidden = {24}; // another shape: the second run starts afresh
    w->trainingPanel()->setConfig(config);
    train(*w);
    RunListModel* runs = w->runs();
    REQUIRE(runs->runCount() == 2);
    REQUIRE(runs->run(0).model != runs->run(1).model);
    CHECK(w->session()->model() == runs->run(1).model);

    w->showPage(QStringLiteral("runs"));
    w->runsTable()->selectRuns({0});
    auto* open = w->runsTable()->findChild<QPushButton*>(QStringLiteral("runsOpenModel"));
    REQUIRE(open);
    QTest::mouseClick(open, Qt::LeftButton);
    CHECK(w->session()->model() == runs->run(0).model);
    CHECK(w->trainingPanel()->config().architecture.hidden == std::vector<std::size_t>{32});

    QString error;
    REQUIRE(w->openRun(1, &error));
    CHECK(w->session()->model() == runs->run(1).model);
    CHECK_FALSE(w->openRun(5, &error));
}

TEST_CASE("the window shows the Quality and Runs pages by name", "[gui]") {
    MainWindow w;
    CHECK(w.showPage(QStringLiteral("quality")));
    CHECK(w.qualityPanel()->isVisibleTo(&w));
    CHECK(w.showPage(QStringLiteral("runs")));
    CHECK(w.runsTable()->isVisibleTo(&w));
    CHECK_FALSE(w.showPage(QStringLiteral("nothing")));
}

TEST_CASE("a click on a Quality grid sample shows the training samples nearest to it", "[gui]") {
    auto w = window_with_small_data(1);
    QSignalSpy ready(w->qualityPanel(), &QualityPanel::reportReady);
    train(*w);
    REQUIRE(ready.wait(60000));
    const auto report = w->qualityPanel()->report();
    REQUIRE(report);
    REQUIRE(report->prior.rows() > 2);
    REQUIRE(report->reconstructions.rows() > 1);
    w->showPage(QStringLiteral("quality"));
    auto* prior = w->qualityPanel()->findChild<vae::ui::SampleGridWidget*>(
        QStringLiteral("qualityPriorGrid"));
    auto* recon = w->qualityPanel()->findChild<vae::ui::SampleGridWidget*>(
        QStringLiteral("qualityReconstructionGrid"));
    REQUIRE(prior);
    REQUIRE(recon);
    // Captionless 56 px cells 4 px apart: the third sample of the first row, and a gap.
    CHECK(prior->cellAt(QPoint(2 * 60 + 28, 4 + 28)) == std::pair{0, 2});
    CHECK_FALSE(prior->cellAt(QPoint(60 - 2, 4 + 28)));

    vae::ui::LatentPage* latent = w->latentPage();
    QSignalSpy nearest(latent, &vae::ui::LatentPage::nearestShown);
    QTest::mouseClick(prior, Qt::LeftButton, Qt::NoModifier, QPoint(2 * 60 + 28, 4 + 28));
    CHECK(w->currentPage() == latent);
    CHECK(latent->nearestQuery() == report->prior.middleRows(2, 1));
    REQUIRE(nearest.wait(10000));

    // The reconstruction grid: a row of originals, then their reconstructions.
    QPoint decoded_cell;
    for (int y = 0; y < recon->height() && decoded_cell.isNull(); ++y)
        for (int x = 0; x < recon->width(); ++x)
            if (recon->cellAt(QPoint(x, y)) == std::pair{1, 1}) {
                decoded_cell = QPoint(x + 20, y + 20);
                break;
            }
    REQUIRE_FALSE(decoded_cell.isNull());
    w->showPage(QStringLiteral("quality"));
    QTest::mouseClick(recon, Qt::LeftButton, Qt::NoModifier, decoded_cell);
    CHECK(latent->nearestQuery() == report->reconstructions.middleRows(1, 1));
}
