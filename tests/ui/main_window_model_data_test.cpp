// A model's weights belong with the data units they were trained in: opening a model over data
// loaded with another normalisation converts the data to the model's units, and Save Model
// records what the weights were trained on, not whatever dataset was loaded since.

#include "data/dataset_loader.h"
#include "io/model_file.h"
#include "ui/main_window.h"
#include "ui/training/training_panel.h"
#include "ui/training/training_session.h"

#include <QSignalSpy>

#include "../core/temp_files.h"
#include "small_training.h"

#include <catch2/catch.hpp>

#include <sstream>
#include <string>

namespace {

using vae::ui::MainWindow;

std::string measurements(int rows) {
    std::ostringstream out;
    out << "length,weight,ratio\n";
    for (int i = 0; i < rows; ++i)
        out << 10 + (i * 7) % 13 << ',' << 1000 + (i * 37) % 500 << ',' << 0.01 * ((i * 3) % 9)
            << '\n';
    return out.str();
}

void load(MainWindow& w, const std::string& path, vae::Normalization::Kind kind) {
    QSignalSpy loaded(&w, &MainWindow::datasetLoadFinished);
    vae::LoadOptions o;
    o.normalization = kind;
    w.openSource(QString::fromStdString(path), o);
    REQUIRE(loaded.wait(30000));
    REQUIRE(loaded.takeFirst().at(0).toBool());
}

} // namespace

TEST_CASE("a model keeps the data units it was trained in, on save and on open", "[gui]") {
    vae::test::TempDir dir;
    const auto csv = dir.write("m.csv", measurements(300));
    MainWindow w;
    w.setProperty("scripted", true);
    w.show();
    load(w, csv, vae::Normalization::Kind::ZScore);
    const vae::Matrix zscored = w.dataset()->values;
    w.trainingPanel()->setConfig(vae::test::make_small(w.trainingPanel()->config(), 1));
    QSignalSpy finished(&w, &MainWindow::trainingFinished);
    REQUIRE(w.startTraining());
    REQUIRE(finished.wait(60000));

    // The same file again, unnormalised: the weights still belong to the z-scored units.
    load(w, csv, vae::Normalization::Kind::None);
    REQUIRE(w.dataset()->normalization.kind == vae::Normalization::Kind::None);
    REQUIRE(w.session()->model());
    const auto path = dir.file("trained.vaem");
    QString error;
    REQUIRE(w.saveModel(QString::fromStdString(path), &error));
    const vae::ModelFile file = vae::load_model_file(path);
    CHECK(file.data.normalization.kind == vae::Normalization::Kind::ZScore);
    CHECK(file.data.normalization.scale.size() == 3);

    // Opening it over the raw data converts the data to the model's units.
    w.resetWeights();
    REQUIRE(w.openModel(QString::fromStdString(path), &error));
    REQUIRE(w.dataset());
    CHECK(w.dataset()->normalization.kind == vae::Normalization::Kind::ZScore);
    CHECK(w.dataset()->values.isApprox(zscored, 1e-5f));
    // And saved again, it says the same.
    REQUIRE(w.saveModel(QString::fromStdString(dir.file("again.vaem")), &error));
    CHECK(vae::load_model_file(dir.file("again.vaem")).data == file.data);
}
