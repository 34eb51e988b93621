#include "io/model_file.h"
#include "ui/data/csv_import_dialog.h"
#include "ui/main_window.h"
#include "ui/runs/runs_table.h"
#include "ui/training/training_curves_view.h"
#include "ui/training/training_panel.h"
#include "ui/training/training_session.h"
#include "ui/training/training_settings_store.h"

#include <QAction>
#include <QApplication>
#include <QDoubleSpinBox>
#include <QMenuBar>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSplitter>
#include <QTabWidget>
#include <QTest>

#include "../core/temp_files.h"
#include "find_button.h"
#include "small_window.h"

#include <catch2/catch.hpp>
#include <qcustomplot.h>

#include <memory>

using vae::test::button;
using vae::test::window_with_small_data;
using vae::ui::MainWindow;
using vae::ui::TrainingSession;

TEST_CASE("the window opens with the built-in sprites ready to train", "[gui]") {
    MainWindow w;
    w.setProperty("scripted", true);
    w.show();
    QSignalSpy loaded(&w, &MainWindow::datasetLoadFinished);
    w.openSource(QStringLiteral("builtin:sprites"));
    REQUIRE(loaded.wait(30000));
    CHECK(button(w, "start")->isEnabled());
    CHECK_FALSE(button(w, "stop")->isEnabled());
    // The menus a user looks for.
    QStringList menus;
    for (QAction* a : w.menuBar()->actions())
        menus << a->text().remove(QLatin1Char('&'));
    CHECK(menus == QStringList{QStringLiteral("File"), QStringLiteral("Training"),
                               QStringLiteral("View"), QStringLiteral("Settings"),
                               QStringLiteral("Help")});
}

TEST_CASE("Start trains and the curves fill; the run ends by itself", "[gui]") {
    auto w = window_with_small_data(2);
    QSignalSpy finished(w.get(), &MainWindow::trainingFinished);
    QTest::mouseClick(button(*w, "start"), Qt::LeftButton);
    CHECK(w->session()->state() == TrainingSession::State::Running);
    CHECK_FALSE(button(*w, "start")->isEnabled());
    REQUIRE(finished.wait(60000));
    CHECK(finished.takeFirst().at(0).toBool());
    // 540 training rows / 32 = 16 steps per epoch, one metrics sample each.
    CHECK(w->curves()->pointCount() == 2 * (540 / 32));
    CHECK(w->session()->state() == TrainingSession::State::Idle);
    CHECK(w->session()->model());
    CHECK(button(*w, "start")->isEnabled());
}

TEST_CASE("Pause stops new points, Resume continues, Stop ends the run", "[gui]") {
    auto w = window_with_small_data(100000);
    QSignalSpy finished(w.get(), &MainWindow::trainingFinished);
    QTest::mouseClick(button(*w, "start"), Qt::LeftButton);
    REQUIRE(QTest::qWaitFor([&] { return w->curves()->pointCount() >= 5; }, 30000));

    QTest::mouseClick(button(*w, "pause"), Qt::LeftButton);
    CHECK(w->session()->state() == TrainingSession::State::Paused);
    QTest::qWait(200); // samples already on their way may land
    const std::size_t paused_at = w->curves()->pointCount();
    QTest::qWait(300);
    CHECK(w->curves()->pointCount() == paused_at);

    QTest::mouseClick(button(*w, "pause"), Qt::LeftButton); // now reads Resume
    CHECK(w->session()->state() == TrainingSession::State::Running);
    REQUIRE(QTest::qWaitFor([&] { return w->curves()->pointCount() >= paused_at + 5; }, 30000));

    QTest::mouseClick(button(*w, "stop"), Qt::LeftButton);
    REQUIRE(finished.wait(30000));
    CHECK(w->session()->state() == TrainingSession::State::Idle);
    const std::size_t stopped_at = w->curves()->pointCount();
    QTest::qWait(200);
    CHECK(w->curves()->pointCount() == stopped_at);
}

TEST_CASE("no other dataset opens while a run uses the current one", "[gui]") {
    auto w = window_with_small_data(100000);
    const auto before = w->dataset();
    w->startTraining();
    QSignalSpy loaded(w.get(), &MainWindow::datasetLoadFinished);
    w->openSource(QStringLiteral("builtin:moons"));
    CHECK_FALSE(loaded.wait(500));
    CHECK(w->dataset() == before);
    w->session()->stop();
    REQUIRE(QTest::qWaitFor([&] { return !w->session()->busy(); }, 30000));
    w->openSource(QStringLiteral("builtin:moons"));
    REQUIRE(loaded.wait(30000));
    CHECK(w->dataset() != before);
}

TEST_CASE("closing the window mid-run stops the run and lets go of its data", "[gui]") {
    auto w = window_with_small_data(100000);
    w->startTraining();
    REQUIRE(QTest::qWaitFor([&] { return w->curves()->pointCount() >= 3; }, 30000));
    const auto data = w->dataset();
    CHECK(w->close());
    w.reset(); // joins the training thread: one minibatch, not 100000 epochs
    // The window and its training thread are gone, not left running: only we hold the data.
    CHECK(data.use_count() == 1);
}

TEST_CASE("a beta change during a run reaches the trainer and is marked on the curves", "[gui]") {
    auto w = window_with_small_data(100000);
    w->startTraining();
    REQUIRE(QTest::qWaitFor([&] { return w->curves()->pointCount() >= 3; }, 30000));
    REQUIRE(w->curves()->plot()->itemCount() == 0);
    auto* beta = w->findChild<QDoubleSpinBox*>(QStringLiteral("beta"));
    REQUIRE(beta);
    REQUIRE(beta->isEnabled());
    beta->setValue(0.25);
    QTest::keyClick(beta, Qt::Key_Return); // a finished edit goes out at once
    // The marker appears with the first sample trained with the new beta.
    REQUIRE(QTest::qWaitFor([&] { return w->curves()->plot()->itemCount() > 0; }, 30000));
    bool labelled = false;
    for (int i = 0; i < w->curves()->plot()->itemCount(); ++i)
        if (auto* t = qobject_cast<QCPItemText*>(w->curves()->plot()->item(i)))
            labelled = labelled || t->text().contains(QStringLiteral("0.25"));
    CHECK(labelled);
    w->session()->stop();
}

TEST_CASE("a CSV opens in the import dialog and its dataset lands in the window", "[gui]") {
    vae::test::TempDir dir;
    const auto path = dir.write("points.csv", "x;y;label\n1;2;a\n3;4;b\n5;6;a\n7;8;b\n");
    MainWindow w;
    w.setProperty("scripted", true);
    w.show();
    QSettings().remove(QStringLiteral("files/recent"));
    // Dropped like a file from a file manager.
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(QString::fromStdString(path))});
    // Through the window system's path: the window routes a drag enter, then the drop, to the
    // widget that accepts drops.
    REQUIRE(QTest::qWaitForWindowExposed(&w));
    const QPoint at(w.width() / 2, w.height() / 2);
    QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(w.windowHandle(), &enter);
    CHECK(enter.isAccepted());
    QDropEvent drop(QPointF(at), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(w.windowHandle(), &drop);
    auto* dialog = w.findChild<vae::ui::CsvImportDialog*>();
    REQUIRE(dialog);
    REQUIRE(QTest::qWaitFor([&] { return dialog->previewTable()->columnCount() == 3; }, 10000));
    QSignalSpy loaded(&w, &MainWindow::datasetLoadFinished);
    auto* load = dialog->findChild<QPushButton*>(QStringLiteral("load"));
    REQUIRE(load);
    QTest::mouseClick(load, Qt::LeftButton);
    REQUIRE(loaded.wait(20000));
    REQUIRE(w.dataset());
    CHECK(w.dataset()->rows() == 4);
    CHECK(w.dataset()->classes() == 2); // "label" was picked as the label column
    const QStringList recent = QSettings().value(QStringLiteral("files/recent")).toStringList();
    REQUIRE_FALSE(recent.isEmpty());
    CHECK(recent.front().endsWith(QStringLiteral("points.csv")));
}

TEST_CASE("trained weights are saved and load back as a model of the same shape", "[gui]") {
    auto w = window_with_small_data(1);
    QSignalSpy finished(w.get(), &MainWindow::trainingFinished);
    REQUIRE(w->startTraining());
    REQUIRE(finished.wait(60000));
    vae::test::TempDir dir;
    const auto path = dir.file("trained.vaem");
    QString error;
    REQUIRE(w->saveModel(QString::fromStdString(path), &error));
    CHECK(error.isEmpty());
    const vae::ModelFile file = vae::load_model_file(path);
    CHECK(file.architecture == w->session()->model()->architecture());
    CHECK(std::equal(file.parameters.begin(), file.parameters.end(),
                     w->session()->model()->parameters().begin()));
    CHECK(file.data.column_names.size() == 784);

    w->resetWeights();
    CHECK_FALSE(w->session()->model());
    REQUIRE(w->openModel(QString::fromStdString(path), &error));
    REQUIRE(w->session()->model());
    CHECK(std::equal(file.parameters.begin(), file.parameters.end(),
                     w->session()->model()->parameters().begin()));

    CHECK_FALSE(w->saveModel(QString::fromStdString(dir.file("no/such/dir/m.vaem")), &error));
    CHECK(error.contains(QStringLiteral("no/such/dir")));
}

TEST_CASE("the splitter and window geometry come back in the next session", "[gui]") {
    QSettings().remove(QStringLiteral("window"));
    QList<int> sizes;
    {
        MainWindow w;
        w.show();
        auto* splitter = w.findChild<QSplitter*>(QStringLiteral("mainSplitter"));
        REQUIRE(splitter);
        splitter->setSizes({420, 700});
        sizes = splitter->sizes();
        w.close();
    }
    MainWindow again;
    again.show();
    auto* splitter = again.findChild<QSplitter*>(QStringLiteral("mainSplitter"));
    REQUIRE(splitter);
    CHECK(splitter->sizes().front() == sizes.front());
    CHECK_FALSE(QSettings().value(QStringLiteral("window/geometry")).toByteArray().isEmpty());
}

TEST_CASE("the Start shortcut starts a run wherever the focus is in the window", "[gui]") {
    auto w = window_with_small_data(100000);
    REQUIRE(QTest::qWaitForWindowExposed(w.get()));
    QApplication::setActiveWindow(w.get());
    int tried = 0;
    for (const QString& page :
         {QStringLiteral("data"), QStringLiteral("training"), QStringLiteral("latent"),
          QStringLiteral("quality"), QStringLiteral("runs")}) {
        REQUIRE(w->showPage(page));
        // Every field, button, list and plot that can take the focus, in the panel and the page.
        for (QWidget* target : w->findChildren<QWidget*>()) {
            if (target->focusPolicy() == Qt::NoFocus || !target->isVisible() ||
                !target->isEnabled() || target->focusProxy())
                continue;
            target->setFocus();
            if (QApplication::focusWidget() != target)
                continue;
            ++tried;
            INFO(page.toStdString() << ": " << target->metaObject()->className() << " "
                                    << target->objectName().toStdString());
            // Ctrl+Return, and Ctrl+Enter on the keypad.
            for (const auto& [key, modifiers] :
                 {std::pair{Qt::Key_Return, Qt::KeyboardModifiers(Qt::ControlModifier)},
                  std::pair{Qt::Key_Enter, Qt::ControlModifier | Qt::KeypadModifier}}) {
                target->setFocus();
                QTest::keyClick(target, key, modifiers);
                CHECK(w->session()->busy());
                w->session()->stop();
                REQUIRE(QTest::qWaitFor([&] { return !w->session()->busy(); }, 30000));
            }
            w->showPage(page); // Start shows the curves
        }
    }
    CHECK(tried > 20);
}

TEST_CASE("Start again carries the finished run on, and other data starts a new one", "[gui]") {
    auto w = window_with_small_data(2);
    std::vector<std::size_t> epochs;
    QObject::connect(w->session(), &TrainingSession::epochFinished,
                     [&](const vae::EpochSummary& e) { epochs.push_back(e.epoch); });
    QSignalSpy finished(w.get(), &MainWindow::trainingFinished);
    REQUIRE(w->startTraining());
    REQUIRE(finished.wait(60000));
    CHECK(epochs == std::vector<std::size_t>{1, 2});
    // The trainer's own epoch count goes on: the warm-up, schedule and optimiser with it.
    REQUIRE(w->startTraining());
    REQUIRE(finished.wait(60000));
    CHECK(epochs == std::vector<std::size_t>{1, 2, 3, 4});
    CHECK(w->curves()->pointCount() == 4 * (540 / 32)); // one curve, extended

    // The same width from a fresh load: the kept weights start a new run (new split).
    QSignalSpy loaded(w.get(), &MainWindow::datasetLoadFinished);
    vae::LoadOptions o;
    o.builtin_rows = vae::test::kSmallSpriteRows;
    o.seed = 9;
    w->openSource(QStringLiteral("builtin:sprites"), o);
    REQUIRE(loaded.wait(30000));
    epochs.clear();
    REQUIRE(w->startTraining());
    REQUIRE(finished.wait(60000));
    CHECK(epochs == std::vector<std::size_t>{1, 2});
}

TEST_CASE("the settings panel and the page shown come back in the next session, until Restore "
          "Defaults",
          "[gui]") {
    QSettings().remove(QStringLiteral("training"));
    QSettings().remove(QStringLiteral("window"));
    vae::TrainingConfig defaults;
    {
        MainWindow w; // not scripted: a person's session
        defaults = w.trainingPanel()->config();
        auto c = defaults;
        c.beta = 0.5f;
        c.epochs = 7;
        c.mmd_weight = 3.0f;
        c.architecture.hidden = {64};
        c.architecture.likelihood = vae::Likelihood::GaussianLearned;
        w.trainingPanel()->setConfig(c);
        w.trainingPanel()->setAutoLikelihood(false);
        REQUIRE(w.showPage(QStringLiteral("quality")));
        w.show();
        REQUIRE(w.close());
    }
    MainWindow again;
    auto c = again.trainingPanel()->config();
    CHECK(c.beta == 0.5f);
    CHECK(c.epochs == 7);
    CHECK(c.mmd_weight == 3.0f);
    CHECK(c.architecture.hidden == std::vector<std::size_t>{64});
    CHECK_FALSE(again.trainingPanel()->autoLikelihood());
    CHECK(c.architecture.likelihood == vae::Likelihood::GaussianLearned);
    CHECK(again.findChild<QTabWidget*>()->currentIndex() == 3);

    again.restoreDefaults();
    c = again.trainingPanel()->config();
    CHECK(c.beta == defaults.beta);
    CHECK(c.epochs == defaults.epochs);
    CHECK(c.architecture.hidden == defaults.architecture.hidden);
    CHECK(again.trainingPanel()->autoLikelihood());
    CHECK(again.findChild<QTabWidget*>()->currentIndex() == 0);
    CHECK_FALSE(QSettings().contains(QStringLiteral("training/beta")));
    again.setProperty("scripted", true); // and this close saves nothing
}

TEST_CASE("saved settings that are no longer valid keep their defaults", "[gui]") {
    QSettings s;
    s.remove(QStringLiteral("training"));
    s.setValue(QStringLiteral("training/beta"), QStringLiteral("lots"));
    s.setValue(QStringLiteral("training/latent_dim"), 1000);
    s.setValue(QStringLiteral("training/hidden"), QStringLiteral("12, x"));
    s.setValue(QStringLiteral("training/likelihood"), QStringLiteral("poisson"));
    s.setValue(QStringLiteral("training/epochs"), 12);
    vae::TrainingConfig d;
    bool auto_likelihood = false;
    const auto c = vae::ui::load_training_settings(s, d, auto_likelihood);
    CHECK(c.beta == d.beta);
    CHECK(c.architecture.latent_dim == d.architecture.latent_dim);
    CHECK(c.architecture.hidden == d.architecture.hidden);
    CHECK(auto_likelihood);
    CHECK(c.epochs == 12); // the one still valid
    s.remove(QStringLiteral("training"));
}
