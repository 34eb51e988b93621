#include "ui/main_window.h"
#include "ui/training_curves_view.h"
#include "ui/training_panel.h"
#include "ui/training_session.h"

#include <QAction>
#include <QMenuBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

#include <catch2/catch.hpp>

#include <memory>

using vae::ui::MainWindow;
using vae::ui::TrainingSession;

namespace {

/// A window with a small sprites set loaded and a small, fast model configured.
std::unique_ptr<MainWindow> window_with_small_data(std::size_t epochs) {
    auto w = std::make_unique<MainWindow>();
    w->setProperty("scripted", true);
    w->show();
    QSignalSpy loaded(w.get(), &MainWindow::datasetLoadFinished);
    vae::LoadOptions o;
    o.builtin_rows = 600;
    w->openSource(QStringLiteral("builtin:sprites"), o);
    REQUIRE(loaded.wait(30000));
    REQUIRE(loaded.takeFirst().at(0).toBool());
    vae::TrainingConfig c = w->trainingPanel()->config();
    c.architecture.hidden = {32};
    c.batch_size = 32;
    c.epochs = epochs;
    c.threads = 1;
    c.metrics_every = 1;
    c.snapshot_points = 100;
    w->trainingPanel()->setConfig(c);
    return w;
}

QPushButton* button(MainWindow& w, const char* name) {
    auto* b = w.findChild<QPushButton*>(QString::fromLatin1(name));
    REQUIRE(b);
    return b;
}

} // namespace

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
                               QStringLiteral("View"), QStringLiteral("Help")});
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
    QTRY_VERIFY_WITH_TIMEOUT(w->curves()->pointCount() >= 5, 30000);

    QTest::mouseClick(button(*w, "pause"), Qt::LeftButton);
    CHECK(w->session()->state() == TrainingSession::State::Paused);
    QTest::qWait(200); // samples already on their way may land
    const std::size_t paused_at = w->curves()->pointCount();
    QTest::qWait(300);
    CHECK(w->curves()->pointCount() == paused_at);

    QTest::mouseClick(button(*w, "pause"), Qt::LeftButton); // now reads Resume
    CHECK(w->session()->state() == TrainingSession::State::Running);
    QTRY_VERIFY_WITH_TIMEOUT(w->curves()->pointCount() >= paused_at + 5, 30000);

    QTest::mouseClick(button(*w, "stop"), Qt::LeftButton);
    REQUIRE(finished.wait(30000));
    CHECK(w->session()->state() == TrainingSession::State::Idle);
    const std::size_t stopped_at = w->curves()->pointCount();
    QTest::qWait(200);
    CHECK(w->curves()->pointCount() == stopped_at);
}

TEST_CASE("closing the window mid-run returns promptly", "[gui]") {
    auto w = window_with_small_data(100000);
    w->startTraining();
    QTRY_VERIFY_WITH_TIMEOUT(w->curves()->pointCount() >= 3, 30000);
    CHECK(w->close());
    w.reset(); // joins the training thread: one minibatch, not 100000 epochs
    SUCCEED("window closed and deleted during a run");
}
