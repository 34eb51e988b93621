// A new user's first run in the window, with nothing but the defaults: a spreadsheet export
// with columns on scales from 0.01 to 1000 and a text label at the end goes through the import
// dialog with Return, trains 20 epochs with a finite, improving ELBO, and the samples exported
// from the latent page come back in the user's own units.

#include "ui/data/csv_import_dialog.h"
#include "ui/latent/latent_sample_export.h"
#include "ui/main_window.h"
#include "ui/training/training_panel.h"
#include "ui/training/training_session.h"

#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

#include "../core/temp_files.h"
#include "find_button.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstddef>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace {

constexpr std::size_t kFeatures = 7;

/// Seven measurements shaped after the Wisconsin breast-cancer cells, on scales from 0.01 to
/// 1000, and a text diagnosis at the end; the rows, as numbers, in `values`.
std::string mixed_scale_table(std::size_t rows, std::vector<std::vector<double>>& values) {
    std::mt19937 rng(13);
    std::normal_distribution<double> g;
    std::bernoulli_distribution malignant_draw(0.37);
    std::ostringstream out;
    out << "radius,texture,area,smoothness,concavity,symmetry,fractal_dim,diagnosis\n";
    for (std::size_t i = 0; i < rows; ++i) {
        const bool malignant = malignant_draw(rng);
        const double radius =
            std::max(6.0, (malignant ? 17.5 : 12.1) + (malignant ? 3.2 : 1.8) * g(rng));
        const std::vector<double> row = {
            radius,
            (malignant ? 21.6 : 17.9) + 3.8 * g(rng),
            3.14159 * radius * radius * (1 + 0.05 * g(rng)),
            0.096 + 0.014 * g(rng),
            std::max(0.0, (malignant ? 0.16 : 0.046) + 0.04 * g(rng)),
            0.181 + 0.027 * g(rng),
            0.0628 + 0.007 * g(rng),
        };
        for (double v : row)
            out << v << ',';
        out << (malignant ? "M" : "B") << '\n';
        values.push_back(row);
    }
    return out.str();
}

struct ColumnStats {
    double mean = 0.0;
    double sd = 0.0;
};

std::vector<ColumnStats> column_stats(const std::vector<std::vector<double>>& rows) {
    std::vector<ColumnStats> s(rows.front().size());
    for (std::size_t c = 0; c < s.size(); ++c) {
        double sum = 0.0, sq = 0.0;
        for (const auto& r : rows) {
            sum += r[c];
            sq += r[c] * r[c];
        }
        const double n = static_cast<double>(rows.size());
        s[c].mean = sum / n;
        s[c].sd = std::sqrt(std::max(0.0, sq / n - s[c].mean * s[c].mean));
    }
    return s;
}

/// The numbers of a CSV file written by an export: its header, then one row per line.
std::vector<std::vector<double>> read_numbers(const std::string& path, std::string& header) {
    std::ifstream in(path);
    std::getline(in, header);
    std::vector<std::vector<double>> rows;
    for (std::string line; std::getline(in, line);) {
        std::vector<double> row;
        std::istringstream fields(line);
        for (std::string f; std::getline(fields, f, ',');)
            row.push_back(std::stod(f));
        rows.push_back(row);
    }
    return rows;
}

} // namespace

TEST_CASE("a mixed-scale table with a text label trains and samples with the defaults", "[gui]") {
    using vae::ui::MainWindow;
    vae::test::TempDir dir;
    std::vector<std::vector<double>> data;
    const auto path = dir.write("cells.csv", mixed_scale_table(600, data));

    MainWindow w;
    w.setProperty("scripted", true);
    w.show();
    QSignalSpy loaded(&w, &MainWindow::datasetLoadFinished);
    w.openFile(QString::fromStdString(path));
    auto* dialog = w.findChild<vae::ui::CsvImportDialog*>();
    REQUIRE(dialog);
    REQUIRE(QTest::qWaitFor([&] { return dialog->previewTable()->rowCount() > 0; }, 20000));
    // Return means Load, wherever the dialog's focus is.
    QTest::keyClick(dialog->focusWidget() ? dialog->focusWidget() : dialog, Qt::Key_Return);
    REQUIRE(loaded.wait(30000));
    REQUIRE(loaded.takeFirst().at(0).toBool());
    REQUIRE(w.dataset());
    CHECK(w.dataset()->label_column == "diagnosis");
    CHECK(static_cast<std::size_t>(w.dataset()->values.cols()) == kFeatures);

    // The one setting changed: how long to train.
    auto config = w.trainingPanel()->config();
    config.epochs = 20;
    w.trainingPanel()->setConfig(config);
    std::vector<double> elbo;
    QObject::connect(w.session(), &vae::ui::TrainingSession::epochFinished,
                     [&](const vae::EpochSummary& e) { elbo.push_back(e.train_elbo); });
    QSignalSpy finished(&w, &MainWindow::trainingFinished);
    QTest::mouseClick(vae::test::button(w, "start"), Qt::LeftButton);
    REQUIRE(finished.wait(120000));
    REQUIRE(elbo.size() == 20);
    for (double e : elbo)
        CHECK(std::isfinite(e));
    CHECK(elbo.back() > elbo.front());

    // Samples from the prior, exported from the latent page as CSV, in millimetres and square
    // millimetres: each column's mean within half a standard deviation of the data's, its spread
    // within a factor of three.
    vae::ui::LatentSampleExport exporter(w.latentPage(), nullptr);
    QSignalSpy exported(&exporter, &vae::ui::LatentSampleExport::finished);
    QString error;
    const auto samples_path = dir.file("samples.csv");
    REQUIRE(exporter.exportSamples(vae::ui::LatentSampleExport::Source::Prior,
                                   QString::fromStdString(samples_path), 2000, &error));
    REQUIRE(exported.wait(30000));
    std::string header;
    const auto samples = read_numbers(samples_path, header);
    CHECK(header == "radius,texture,area,smoothness,concavity,symmetry,fractal_dim");
    REQUIRE(samples.size() == 2000);
    REQUIRE(samples.front().size() == kFeatures);
    const auto want = column_stats(data);
    const auto got = column_stats(samples);
    for (std::size_t c = 0; c < kFeatures; ++c) {
        INFO("column " << c << ": data mean " << want[c].mean << " sd " << want[c].sd
                       << ", samples mean " << got[c].mean << " sd " << got[c].sd);
        CHECK(std::abs(got[c].mean - want[c].mean) <= 0.5 * want[c].sd);
        CHECK(got[c].sd <= 3.0 * want[c].sd);
        CHECK(got[c].sd >= want[c].sd / 3.0);
    }
}
