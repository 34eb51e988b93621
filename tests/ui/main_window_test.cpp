#include "ui/data/dataset_overview.h"
#include "ui/main_window.h"
#include "ui/widgets/sample_grid_widget.h"

#include "../core/temp_files.h"

#include <QApplication>
#include <QSignalSpy>
#include <QTableWidget>
#include <QThreadPool>

#include <catch2/catch.hpp>

using vae::ui::MainWindow;

namespace {

/// Waits for the window's current load to end; returns whether it succeeded.
bool wait_for_load(MainWindow& w) {
    QSignalSpy spy(&w, &MainWindow::datasetLoadFinished);
    REQUIRE(spy.wait(20000));
    return spy.takeFirst().at(0).toBool();
}

} // namespace

TEST_CASE("the window opens with the built-in sprites and shows samples of each class", "[gui]") {
    MainWindow w;
    w.setProperty("scripted", true);
    w.show();
    w.openSource(QStringLiteral("builtin:sprites"));
    REQUIRE(wait_for_load(w));
    REQUIRE(w.dataset());
    CHECK(w.dataset()->rows() == 20000);
    CHECK(w.dataset()->classes() >= 4);
    const auto& rows = w.overview()->sampleGrid()->rows();
    REQUIRE(rows.size() == w.dataset()->classes());
    for (const auto& r : rows) {
        CHECK_FALSE(r.caption.isEmpty());
        CHECK(r.images.size() == 10);
        CHECK(r.images.front().size() == QSize(28, 28));
    }
    CHECK(w.overview()->headline().contains(QStringLiteral("builtin:sprites")));
    CHECK(w.overview()->headline().contains(QStringLiteral("20,000")));
    CHECK(w.windowTitle().contains(QStringLiteral("sprites")));
}

TEST_CASE("a table is shown in the user's units with its label column", "[gui]") {
    vae::test::TempDir dir;
    const auto path =
        dir.write("people.csv", "height,weight,group\n1.5,60,a\n1.8,80,b\n1.7,72,a\n");
    MainWindow w;
    w.setProperty("scripted", true);
    vae::LoadOptions o;
    o.label_column = "group";
    o.normalization = vae::Normalization::Kind::ZScore;
    w.openSource(QString::fromStdString(path), o);
    REQUIRE(wait_for_load(w));
    const QTableWidget* t = w.overview()->table();
    REQUIRE(t->rowCount() == 3);
    REQUIRE(t->columnCount() == 3);
    CHECK(t->horizontalHeaderItem(0)->text() == QStringLiteral("group"));
    CHECK(t->item(0, 0)->text() == QStringLiteral("a"));
    CHECK(t->item(1, 2)->text().toDouble() == Approx(80.0).epsilon(1e-5));
}

TEST_CASE("a load error is reported and the previous dataset stays", "[gui]") {
    vae::test::TempDir dir;
    const auto bad = dir.write("ragged.csv", "a,b\n1,2\n3\n");
    MainWindow w;
    w.setProperty("scripted", true);
    w.openSource(QStringLiteral("builtin:moons"));
    REQUIRE(wait_for_load(w));
    const auto before = w.dataset();
    w.openSource(QString::fromStdString(bad));
    CHECK_FALSE(wait_for_load(w));
    CHECK(w.dataset() == before);
}

TEST_CASE("closing the window during a load returns promptly", "[gui]") {
    auto* w = new MainWindow;
    w->setProperty("scripted", true);
    w->show();
    vae::LoadOptions o;
    o.builtin_rows = 2'000'000;
    w->openSource(QStringLiteral("builtin:sprites"), o);
    w->close();
    delete w; // must not crash or wait for the whole load
    // The load was cancelled, not orphaned: 2,000,000 sprites are 6 GB of floats, which the
    // pool thread could not finish generating within the (generous) wait.
    CHECK(QThreadPool::globalInstance()->waitForDone(60000));
}
