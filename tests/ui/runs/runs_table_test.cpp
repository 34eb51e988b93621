#include "ui/runs/run_list_model.h"
#include "ui/runs/run_settings.h"
#include "ui/runs/runs_table.h"
#include "ui/widgets/sample_grid_widget.h"

#include <QFile>
#include <QHeaderView>
#include <QIcon>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTest>

#include "../core/temp_files.h"

#include <catch2/catch.hpp>

#include <memory>

using vae::ui::RunListModel;
using vae::ui::RunRecord;
using vae::ui::RunsTable;

namespace {

RunRecord hand_made_run(double sharpness, std::size_t latent, const QString& dataset) {
    RunRecord r;
    r.started = QDateTime(QDate(2026, 11, 25), QTime(8, 0, static_cast<int>(latent)));
    r.dataset = dataset;
    r.config.architecture.latent_dim = latent;
    r.config.architecture.hidden = {64, 32};
    r.config.beta = 0.5f;
    r.config.warmup_epochs = 3;
    r.epochs = 4;
    r.val_elbo = -100.0 - sharpness;
    r.end = QStringLiteral("completed");
    vae::VaeArchitecture a;
    a.input_dim = 4;
    a.latent_dim = latent;
    r.model = std::make_shared<const vae::VaeModel>(a, 1);
    vae::SampleQuality q;
    q.sharpness_ratio = sharpness;
    q.duplicate_rate = 0.25;
    q.precision = 0.9;
    q.recall = 0.3;
    q.fd = 1.5;
    r.quality = q;
    for (int i = 0; i < 10; ++i) {
        QImage img(8, 8, QImage::Format_Grayscale8);
        img.fill(i * 20);
        r.samples.push_back(img);
    }
    return r;
}

/// RFC 4180 fields of one CSV line (quotes doubled inside quoted fields; no line breaks).
QStringList csv_fields(const QString& line) {
    QStringList out;
    QString field;
    bool quoted = false;
    for (int i = 0; i < line.size(); ++i) {
        const QChar c = line[i];
        if (quoted) {
            if (c == QLatin1Char('"') && i + 1 < line.size() && line[i + 1] == QLatin1Char('"')) {
                field += c;
                ++i;
            } else if (c == QLatin1Char('"')) {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == QLatin1Char(',')) {
            out << field;
            field.clear();
        } else {
            field += c;
        }
    }
    out << field;
    return out;
}

QString cell(const RunListModel& m, int row, int column) {
    return m.data(m.index(row, column), Qt::DisplayRole).toString();
}

} // namespace

TEST_CASE("a run's settings read as one line and as separate values", "[gui]") {
    vae::TrainingConfig c;
    c.architecture.latent_dim = 16;
    c.architecture.hidden = {512, 256};
    c.beta = 4.0f;
    CHECK(vae::ui::run_settings_summary(c) ==
          QStringLiteral("z 16 · 512-256 · relu · bernoulli · β 4"));
    c.warmup_epochs = 5;
    c.free_bits = 0.25f;
    CHECK(vae::ui::run_settings_summary(c).endsWith(
        QStringLiteral("β 4 · warm-up 5 · free bits 0.25")));
    c.mmd_weight = 100.0f;
    c.gan_weight = 0.05f;
    c.feature_matching = 1.0f;
    CHECK(vae::ui::run_settings_summary(c).endsWith(
        QStringLiteral("free bits 0.25 · MMD λ 100 · GAN γ 0.05 · feature matching 1")));
    c.warmup_schedule = vae::WarmupSchedule::Cyclical;
    CHECK(vae::ui::run_settings_summary(c).contains(QStringLiteral("warm-up cyclical 2.5/0.5")));
    CHECK(vae::ui::run_network_text(c.architecture) == QStringLiteral("mlp"));
    c.architecture.conv = {{32, 4, 2, 1}, {64, 4, 2, 1}};
    c.architecture.hidden = {256};
    CHECK(vae::ui::run_network_text(c.architecture) == QStringLiteral("conv-small"));
    c.architecture.hidden = {128};
    CHECK(vae::ui::run_network_text(c.architecture) == QStringLiteral("conv:32,64/dense:128"));
    CHECK(vae::ui::run_settings_summary(c).contains(QStringLiteral("z 16 · conv:32,64/dense:128")));
    bool found = false;
    for (const auto& s : vae::ui::run_settings(c))
        found = found || (s.key == QLatin1String("free_bits") && s.value == QLatin1String("0.25"));
    CHECK(found);
}

TEST_CASE("the runs table lists runs, sorts by a figure and compares two runs", "[gui]") {
    RunListModel model;
    RunsTable table(&model);
    model.addRun(hand_made_run(0.3, 2, QStringLiteral("/data/a.csv")));
    model.addRun(hand_made_run(0.9, 16, QStringLiteral("builtin:sprites")));
    model.addRun(hand_made_run(0.1, 8, QStringLiteral("builtin:sprites")));
    REQUIRE(model.runCount() == 3);
    CHECK(cell(model, 0, RunListModel::Number) == QStringLiteral("1\n08:00"));
    CHECK(cell(model, 0, RunListModel::Network) == QStringLiteral("dense:64,32"));
    CHECK(cell(model, 2, RunListModel::Number) == QStringLiteral("3\n08:00"));
    CHECK(cell(model, 0, RunListModel::Dataset) == QStringLiteral("a.csv"));
    CHECK(cell(model, 1, RunListModel::Settings).startsWith(QStringLiteral("z 16 · 64-32")));
    CHECK(cell(model, 1, RunListModel::Sharpness) == QStringLiteral("0.9"));
    CHECK(cell(model, 1, RunListModel::Duplicates) == QStringLiteral("25.0 %"));
    CHECK_FALSE(model.run(0).thumbnail.isNull());
    CHECK_FALSE(model.data(model.index(0, RunListModel::Samples), Qt::DecorationRole)
                    .value<QIcon>()
                    .isNull());

    // A click on the header sorts by sharpness; a second click reverses it.
    QTableView* view = table.view();
    table.show();
    REQUIRE(QTest::qWaitForWindowExposed(&table));
    auto* header = view->horizontalHeader();
    const QPoint at(header->sectionViewportPosition(RunListModel::Sharpness) + 5,
                    header->height() / 2);
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, at);
    const auto sharp_at = [&](int r) {
        return view->model()->index(r, RunListModel::Sharpness).data().toString();
    };
    const bool ascending = header->sortIndicatorOrder() == Qt::AscendingOrder;
    CHECK(sharp_at(0) == (ascending ? QStringLiteral("0.1") : QStringLiteral("0.9")));
    CHECK(sharp_at(2) == (ascending ? QStringLiteral("0.9") : QStringLiteral("0.1")));

    // Two selected runs' samples side by side.
    table.selectRuns({0, 2});
    CHECK(table.selectedRuns().size() == 2);
    const auto shown = [&](int side) {
        std::size_t n = 0;
        for (const auto& row : table.comparisonGrid(side)->rows())
            n += row.images.size();
        return n;
    };
    CHECK(shown(0) == 10);
    CHECK(shown(1) == 10);
    CHECK_FALSE(view->isColumnHidden(RunListModel::Dataset)); // two datasets
    table.selectRuns({1});
    CHECK(table.comparisonGrid(1)->rows().empty());
    CHECK(shown(0) == 10);
}

TEST_CASE("Open Model asks for the selected run", "[gui]") {
    RunListModel model;
    RunsTable table(&model);
    model.addRun(hand_made_run(0.3, 2, QStringLiteral("builtin:sprites")));
    model.addRun(hand_made_run(0.5, 4, QStringLiteral("builtin:sprites")));
    CHECK(table.view()->isColumnHidden(RunListModel::Dataset)); // the same for both
    auto* open = table.findChild<QPushButton*>(QStringLiteral("runsOpenModel"));
    REQUIRE(open);
    table.selectRuns({0, 1});
    CHECK_FALSE(open->isEnabled()); // which one?
    table.selectRuns({0});
    REQUIRE(open->isEnabled());
    QSignalSpy asked(&table, &RunsTable::openModelRequested);
    QTest::mouseClick(open, Qt::LeftButton);
    REQUIRE(asked.size() == 1);
    CHECK(asked.at(0).at(0).toInt() == 0);
}

TEST_CASE("a report lands in the runs with the same weights", "[gui]") {
    RunListModel model;
    model.addRun(hand_made_run(0.3, 2, QStringLiteral("builtin:sprites")));
    auto second = hand_made_run(0.5, 4, QStringLiteral("builtin:sprites"));
    second.quality.reset();
    model.addRun(second);
    CHECK(cell(model, 1, RunListModel::Precision) == QStringLiteral("…"));
    auto report = std::make_shared<vae::ui::QualityReport>();
    report->model = model.run(1).model;
    vae::SampleQuality q;
    q.precision = 0.75;
    report->quality = q;
    CHECK(model.setReport(report));
    CHECK(cell(model, 1, RunListModel::Precision) == QStringLiteral("0.750"));
    CHECK(cell(model, 0, RunListModel::Precision) == QStringLiteral("0.900"));
    CHECK(model.run(1).report == report);
    auto stranger = std::make_shared<vae::ui::QualityReport>(*report);
    stranger->model = std::make_shared<const vae::VaeModel>(model.run(1).model->architecture(), 2);
    CHECK_FALSE(model.setReport(stranger));
}

TEST_CASE("the runs CSV reads back with the table's cells", "[gui]") {
    RunListModel model;
    RunsTable table(&model);
    model.addRun(hand_made_run(0.3, 2, QStringLiteral("/data/with, comma \"quoted\".csv")));
    auto bare = hand_made_run(0.5, 4, QStringLiteral("builtin:sprites"));
    bare.quality.reset();
    model.addRun(bare);
    vae::test::TempDir dir;
    const QString path = QString::fromStdString(dir.file("runs.csv"));
    QString error;
    REQUIRE(table.exportCsv(path, &error));
    QFile file(path);
    REQUIRE(file.open(QIODevice::ReadOnly));
    const QStringList lines =
        QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    REQUIRE(lines.size() == 3);
    CHECK(csv_fields(lines[0]) == model.csvHeader());
    CHECK(csv_fields(lines[1]) == model.csvRow(0));
    CHECK(csv_fields(lines[2]) == model.csvRow(1));
    // The cells are the runs' own values, not just self-consistent.
    const QStringList header = model.csvHeader();
    const QStringList first = csv_fields(lines[1]);
    const auto column = [&](const char* name) {
        return first.at(header.indexOf(QLatin1String(name)));
    };
    CHECK(column("dataset") == QStringLiteral("/data/with, comma \"quoted\".csv"));
    CHECK(column("sharpness_ratio").toDouble() == 0.3);
    CHECK(column("val_elbo").toDouble() == -100.3);
    CHECK(column("latent") == QStringLiteral("2"));
    CHECK(column("beta") == QStringLiteral("0.5"));
    CHECK(column("warmup_epochs") == QStringLiteral("3"));
    CHECK(csv_fields(lines[2]).at(header.indexOf(QStringLiteral("precision"))).isEmpty());

    CHECK_FALSE(table.exportCsv(QString::fromStdString(dir.file("no/such/dir/runs.csv")), &error));
    CHECK(error.contains(QStringLiteral("no/such/dir")));
}

TEST_CASE("the FD column names the feature space its distances were measured in", "[gui]") {
    RunListModel model;
    RunRecord pca = hand_made_run(0.8, 2, QStringLiteral("builtin:sprites"));
    pca.quality->fd_features = vae::FdFeatures::Pca;
    model.addRun(pca);
    const auto header = [&](int role) {
        return model.headerData(RunListModel::Fd, Qt::Horizontal, role).toString();
    };
    CHECK(header(Qt::DisplayRole).startsWith(QStringLiteral("FD (PCA)")));
    CHECK(header(Qt::ToolTipRole).contains(QStringLiteral("PCA features")));
    const auto cell_tip = [&](int row) {
        return model.data(model.index(row, RunListModel::Fd), Qt::ToolTipRole).toString();
    };
    CHECK(cell_tip(0).contains(QStringLiteral("FD (PCA)")));

    // Runs measured in different spaces: the header is neutral, each cell says its own.
    RunRecord classifier = hand_made_run(0.9, 3, QStringLiteral("builtin:sprites"));
    classifier.quality->fd_features = vae::FdFeatures::Classifier;
    QSignalSpy header_changed(&model, &RunListModel::headerDataChanged);
    model.addRun(classifier);
    CHECK(header_changed.count() >= 1);
    CHECK(header(Qt::DisplayRole).startsWith(QStringLiteral("FD\n")));
    CHECK(cell_tip(1).contains(QStringLiteral("FD (classifier)")));
    CHECK(cell_tip(0).contains(QStringLiteral("FD (PCA)")));
}
