#include "ui/latent/scatter/latent_scatter_view.h"
#include "ui/latent/scatter/scatter_interaction.h"
#include "ui/latent/scatter/scatter_raster_plottable.h"
#include "ui/latent/scatter/scatter_viewport.h"

#include <QApplication>
#include <QSignalSpy>
#include <QTest>
#include <QWheelEvent>

#include <qcustomplot.h>

#include <catch2/catch.hpp>

using vae::ui::LatentScatterView;
using vae::ui::ScatterInteraction;
using vae::ui::ScatterRasterPlottable;
using vae::ui::ScatterViewport;

namespace {

/// A bare plot with the interaction on it, without the view around them.
struct Bench {
    QCustomPlot plot;
    ScatterRasterPlottable* points = new ScatterRasterPlottable(plot.xAxis, plot.yAxis);
    ScatterViewport viewport{&plot, *points};
    ScatterInteraction interaction{&plot, *plot.legend, viewport};
    Bench() {
        plot.resize(400, 300);
        plot.xAxis->setRange(-2.0, 2.0);
        plot.yAxis->setRange(-1.5, 1.5);
        plot.show();
        REQUIRE(QTest::qWaitForWindowExposed(&plot));
        plot.replot();
    }
    [[nodiscard]] QPoint centre() const { return plot.axisRect()->rect().center(); }
};

} // namespace

TEST_CASE("interaction: a short left press and release is a click at the press", "[gui]") {
    Bench b;
    QSignalSpy clicked(&b.interaction, &ScatterInteraction::clicked);
    QSignalSpy moved(&b.interaction, &ScatterInteraction::dragMoved);
    const QPoint at = b.centre();
    const int within = LatentScatterView::kDragThresholdPx;
    QTest::mousePress(&b.plot, Qt::LeftButton, {}, at);
    QTest::mouseMove(&b.plot, at + QPoint(within, 0));
    QTest::mouseRelease(&b.plot, Qt::LeftButton, {}, at + QPoint(within, 0));
    REQUIRE(clicked.size() == 1);
    CHECK(clicked.at(0).at(0).toPointF() == QPointF(at));
    CHECK(moved.isEmpty());
}

TEST_CASE("interaction: a left drag reports plane A and B on each move and on release", "[gui]") {
    Bench b;
    QSignalSpy clicked(&b.interaction, &ScatterInteraction::clicked);
    QSignalSpy moved(&b.interaction, &ScatterInteraction::dragMoved);
    QSignalSpy released(&b.interaction, &ScatterInteraction::dragReleased);
    const QPoint a = b.centre();
    QTest::mousePress(&b.plot, Qt::LeftButton, {}, a);
    QTest::mouseMove(&b.plot, a + QPoint(30, 10));
    QTest::mouseMove(&b.plot, a + QPoint(60, 20));
    QTest::mouseRelease(&b.plot, Qt::LeftButton, {}, a + QPoint(60, 20));
    REQUIRE(moved.size() == 2);
    CHECK(moved.at(0).at(0).toPointF() == b.viewport.planeAt(a));
    CHECK(moved.at(1).at(1).toPointF() == b.viewport.planeAt(a + QPoint(60, 20)));
    REQUIRE(released.size() == 1);
    CHECK(released.at(0).at(0).toPointF() == b.viewport.planeAt(a));
    CHECK(released.at(0).at(1).toPointF() == b.viewport.planeAt(a + QPoint(60, 20)));
    CHECK(clicked.isEmpty());
}

TEST_CASE("interaction: a right drag pans by the plane distance; a right click asks for the menu",
          "[gui]") {
    Bench b;
    QSignalSpy pans(&b.interaction, &ScatterInteraction::panRequested);
    QSignalSpy menus(&b.interaction, &ScatterInteraction::contextMenuRequested);
    QSignalSpy clicked(&b.interaction, &ScatterInteraction::clicked);
    const QPoint a = b.centre();
    QTest::mousePress(&b.plot, Qt::RightButton, {}, a);
    QTest::mouseMove(&b.plot, a + QPoint(40, -20));
    QTest::mouseRelease(&b.plot, Qt::RightButton, {}, a + QPoint(40, -20));
    REQUIRE(pans.size() == 1);
    const QPointF from = b.viewport.planeAt(a);
    const QPointF to = b.viewport.planeAt(a + QPoint(40, -20));
    CHECK(pans.at(0).at(0).toDouble() == from.x() - to.x());
    CHECK(pans.at(0).at(1).toDouble() == from.y() - to.y());
    CHECK(menus.isEmpty());

    QTest::mouseClick(&b.plot, Qt::RightButton, {}, a);
    CHECK(menus.size() == 1);
    CHECK(pans.size() == 1);
    CHECK(clicked.isEmpty());
}

TEST_CASE("interaction: hover, double-click and wheel over the plane are reported", "[gui]") {
    Bench b;
    QSignalSpy hovered(&b.interaction, &ScatterInteraction::hoverMoved);
    QSignalSpy reset(&b.interaction, &ScatterInteraction::resetRequested);
    QSignalSpy zoomed(&b.interaction, &ScatterInteraction::wheelZoomed);
    const QPoint at = b.centre();
    QTest::mouseMove(&b.plot, at);
    REQUIRE(hovered.size() == 1);
    CHECK(hovered.at(0).at(0).toPointF() == QPointF(at));
    CHECK(b.plot.cursor().shape() == Qt::CrossCursor);

    QTest::mouseDClick(&b.plot, Qt::LeftButton, {}, at);
    CHECK(reset.size() == 1);

    QWheelEvent wheel(QPointF(at), b.plot.mapToGlobal(QPointF(at)), QPoint(), QPoint(0, 120),
                      Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(&b.plot, &wheel);
    CHECK(zoomed.size() == 1);
}
