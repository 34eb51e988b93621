// A model's weights belong with the data units they were trained in: opening a model over data
// loaded with another normalisation converts the data to the model's units, and Save Model
// records what the weights were trained on, not whatever dataset was loaded since. Unsaved
// weights are not lost on close without asking, and a divergence's suggested fix is applied
// where the user would change it by hand.

#include "data/dataset_loader.h"
#include "io/model_file.h"
#include "ui/main_window.h"
#include "ui/training/training_panel.h"
#include "ui/training/training_session.h"

#include <QApplication>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTimer>

#include "../core/temp_files.h"
#include "small_training.h"
#include "small_window.h"

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

TEST_CASE("a suggested fix goes into the settings, or reloads the data normalised", "[gui]") {
    vae::test::TempDir dir;
    const auto csv = dir.write("m.csv", measurements(100));
    MainWindow w;
    w.setProperty("scripted", true);
    w.show();
    load(w, csv, vae::Normalization::Kind::None);

    vae::SuggestedFix lr;
    lr.setting = vae::SuggestedFix::Setting::LearningRate;
    lr.label = "Learning rate";
    lr.value = 2e-5;
    REQUIRE(w.applySuggestedFix(lr));
    CHECK(w.trainingPanel()->config().learning_rate == Approx(2e-5f));
    vae::SuggestedFix clip;
    clip.setting = vae::SuggestedFix::Setting::ClipNorm;
    clip.label = "Gradient clip";
    clip.value = 10.0;
    REQUIRE(w.applySuggestedFix(clip));
    CHECK(w.trainingPanel()->config().clip_norm == 10.0f);

    // The same file comes back z-scored, with the other load options it had.
    vae::SuggestedFix z;
    z.setting = vae::SuggestedFix::Setting::Normalization;
    z.label = "Normalization: z-score";
    z.value = static_cast<double>(vae::Normalization::Kind::ZScore);
    QSignalSpy loaded(&w, &MainWindow::datasetLoadFinished);
    REQUIRE(w.applySuggestedFix(z));
    REQUIRE(loaded.wait(30000));
    CHECK(w.dataset()->normalization.kind == vae::Normalization::Kind::ZScore);
    CHECK(w.dataset()->rows() == 100);
}

namespace {

/// Clicks `which` in the unsaved-weights question as soon as it shows; true once it did.
std::shared_ptr<bool> answer_unsaved_weights(QMessageBox::StandardButton which) {
    auto asked = std::make_shared<bool>(false);
    auto* poll = new QTimer;
    QObject::connect(poll, &QTimer::timeout, [poll, asked, which] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (!box || box->objectName() != QLatin1String("unsavedWeights"))
            return;
        *asked = true;
        box->button(which)->click();
        poll->stop();
        poll->deleteLater();
    });
    poll->start(20);
    return asked;
}

} // namespace

TEST_CASE("closing with unsaved weights asks first; Cancel keeps the window open", "[gui]") {
    auto w = vae::test::window_with_small_data(1);
    CHECK_FALSE(w->hasUnsavedWeights());
    QSignalSpy finished(w.get(), &MainWindow::trainingFinished);
    REQUIRE(w->startTraining());
    REQUIRE(finished.wait(60000));
    CHECK(w->hasUnsavedWeights());
    w->setProperty("scripted", false); // the question is for people
    auto asked = answer_unsaved_weights(QMessageBox::Cancel);
    CHECK_FALSE(w->close());
    CHECK(*asked);
    CHECK(w->isVisible());

    // Saved weights close without a question.
    vae::test::TempDir dir;
    QString error;
    REQUIRE(w->saveModel(QString::fromStdString(dir.file("w.vaem")), &error));
    CHECK_FALSE(w->hasUnsavedWeights());
    CHECK(w->close());

    // Discard closes.
    auto again = vae::test::window_with_small_data(1);
    REQUIRE(again->startTraining());
    QSignalSpy done(again.get(), &MainWindow::trainingFinished);
    REQUIRE(done.wait(60000));
    again->setProperty("scripted", false);
    auto discarded = answer_unsaved_weights(QMessageBox::Discard);
    CHECK(again->close());
    CHECK(*discarded);
    // Unscripted closes saved the small settings: later windows start from the defaults.
    QSettings().remove(QStringLiteral("training"));
    QSettings().remove(QStringLiteral("window/page"));
}
