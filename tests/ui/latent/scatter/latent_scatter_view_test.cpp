#include "ui/latent/scatter/latent_scatter_view.h"
#include "ui/latent/scatter/scatter_overlay.h"
#include "ui/latent/scatter/scatter_point_index.h"

#include "../core/temp_files.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QImage>
#include <QPaintEvent>
#include <QScreen>
#include <QSignalSpy>
#include <QTest>
#include <QWheelEvent>

#include <qcustomplot.h>

#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>
#include <random>
#include <vector>

using vae::ui::LatentScatterView;

namespace {

const QStringList kFashionNames = {QStringLiteral("T-shirt/top"), QStringLiteral("Trouser"),
                                   QStringLiteral("Pullover"),    QStringLiteral("Dress"),
                                   QStringLiteral("Coat"),        QStringLiteral("Sandal"),
                                   QStringLiteral("Shirt"),       QStringLiteral("Sneaker"),
                                   QStringLiteral("Bag"),         QStringLiteral("Ankle boot")};

struct Cloud {
    vae::Matrix xy;
    std::vector<std::int32_t> labels;
    std::vector<std::size_t> rows;
};

/// `n` points in `classes` Gaussian clusters on a circle of radius 2.5, like the 2-D latent of
/// a VAE; rows are 1000 + i so that a row is never mistaken for an index.
Cloud clusters(std::size_t n, int classes, unsigned seed = 7) {
    Cloud c;
    c.xy.resize(static_cast<Eigen::Index>(n), 2);
    c.labels.resize(n);
    c.rows.resize(n);
    std::mt19937 rng(seed);
    std::normal_distribution<float> noise(0.0f, 0.45f);
    for (std::size_t i = 0; i < n; ++i) {
        const int label = static_cast<int>(i % static_cast<std::size_t>(classes));
        const double angle = 2.0 * std::numbers::pi * label / classes;
        c.xy(static_cast<Eigen::Index>(i), 0) =
            static_cast<float>(2.5 * std::cos(angle)) + noise(rng);
        c.xy(static_cast<Eigen::Index>(i), 1) =
            static_cast<float>(2.5 * std::sin(angle)) + noise(rng);
        c.labels[i] = label;
        c.rows[i] = 1000 + i;
    }
    return c;
}

/// Three labelled points far apart, and one without a label.
Cloud few_points() {
    Cloud c;
    c.xy.resize(4, 2);
    c.xy << -2.0f, -1.0f, 0.5f, 0.5f, 2.0f, 1.5f, 1.0f, -2.0f;
    c.labels = {0, 7, 7, -1};
    c.rows = {10, 20, 30, 40};
    return c;
}

/// Runs queued replots and the overlay's zero-delay repaint.
void settle() {
    for (int i = 0; i < 3; ++i)
        QCoreApplication::processEvents();
}

struct ShownView {
    LatentScatterView view;
    ShownView() {
        view.resize(900, 700);
        view.show();
        REQUIRE(QTest::qWaitForWindowExposed(&view));
        settle();
    }
    void set(const Cloud& c) {
        view.setPoints(c.xy, c.labels, kFashionNames, c.rows);
        view.plot()->replot();
        settle();
    }
    QPoint at(QPointF plane) const { return view.pixelAt(plane).toPoint(); }
};

/// Collects the regions of the paint events a widget receives.
class PaintRegions : public QObject {
public:
    explicit PaintRegions(QWidget* w) { w->installEventFilter(this); }
    QRegion painted;
    int paints = 0;

protected:
    bool eventFilter(QObject* /*watched*/, QEvent* event) override {
        if (event->type() == QEvent::Paint) {
            painted += static_cast<QPaintEvent*>(event)->region();
            ++paints;
        }
        return false;
    }
};

long long area_of(const QRegion& region) {
    long long sum = 0;
    for (const QRect& r : region)
        sum += static_cast<long long>(r.width()) * r.height();
    return sum;
}

/// The marker's red (200, 20, 20) within 12 px of `at` (plot coordinates) in `image` of the
/// view's window; no class colour has so little green and blue.
bool marker_red_near(const QImage& image, const LatentScatterView& view, QPoint at) {
    const QPoint c = view.plot()->mapTo(view.window(), at);
    for (int y = c.y() - 12; y <= c.y() + 12; ++y)
        for (int x = c.x() - 12; x <= c.x() + 12; ++x) {
            if (!image.rect().contains(x, y))
                continue;
            const QColor p = image.pixelColor(x, y);
            if (p.red() > 180 && p.green() < 30 && p.blue() < 30)
                return true;
        }
    return false;
}

/// What the window shows now: its backing store, as painted so far (grab() would paint anew).
QImage on_screen(const LatentScatterView& view) {
    return view.screen()->grabWindow(view.window()->winId()).toImage();
}

double pixel_width(const LatentScatterView& v) {
    return v.plot()->xAxis->range().size() / v.plot()->axisRect()->width();
}

} // namespace

TEST_CASE("a click on the plane emits the plane coordinates under the cursor", "[gui]") {
    ShownView s;
    s.set(few_points());
    QSignalSpy plane(&s.view, &LatentScatterView::planeClicked);
    QSignalSpy point(&s.view, &LatentScatterView::dataPointClicked);
    const QPoint pos = s.at({-1.0, 1.5}); // far from every point
    QTest::mouseClick(s.view.plot(), Qt::LeftButton, {}, pos);
    REQUIRE(plane.size() == 1);
    CHECK(point.isEmpty());
    const QPointF xy = plane.at(0).at(0).toPointF();
    const double px = pixel_width(s.view);
    CHECK(std::abs(xy.x() - s.view.plot()->xAxis->pixelToCoord(pos.x())) <= px);
    CHECK(std::abs(xy.y() - s.view.plot()->yAxis->pixelToCoord(pos.y())) <= px);
    CHECK(std::abs(xy.x() - -1.0) <= px);
    CHECK(std::abs(xy.y() - 1.5) <= px);
}

TEST_CASE("a click near a data point emits its row and position", "[gui]") {
    ShownView s;
    s.set(few_points());
    QSignalSpy plane(&s.view, &LatentScatterView::planeClicked);
    QSignalSpy point(&s.view, &LatentScatterView::dataPointClicked);
    // Three pixels off the point is still the point.
    QTest::mouseClick(s.view.plot(), Qt::LeftButton, {}, s.at({0.5, 0.5}) + QPoint(3, -2));
    REQUIRE(point.size() == 1);
    CHECK(plane.isEmpty());
    CHECK(point.at(0).at(0).value<std::size_t>() == 20);
    CHECK(point.at(0).at(1).toPointF() == QPointF(0.5, 0.5));

    // Twelve pixels off is the plane.
    QTest::mouseClick(s.view.plot(), Qt::LeftButton, {}, s.at({2.0, 1.5}) + QPoint(12, 0));
    CHECK(point.size() == 1);
    CHECK(plane.size() == 1);

    // A hidden class is not picked.
    s.view.setClassVisible(7, false);
    QTest::mouseClick(s.view.plot(), Qt::LeftButton, {}, s.at({0.5, 0.5}));
    CHECK(point.size() == 1);
    CHECK(plane.size() == 2);
}

TEST_CASE("a drag reports A and B, draws the path and repaints only the overlay", "[gui]") {
    ShownView s;
    s.set(clusters(20000, 10));
    s.view.setPathSteps(7);
    QSignalSpy changed(&s.view, &LatentScatterView::dragChanged);
    QSignalSpy finished(&s.view, &LatentScatterView::dragFinished);
    QSignalSpy plane(&s.view, &LatentScatterView::planeClicked);
    const int rasters = s.view.scatterRasterCount();
    const int replots = s.view.replotCount();
    const int overlays = s.view.overlayReplotCount();

    const QPoint a = s.at({-1.0, -1.0});
    QTest::mousePress(s.view.plot(), Qt::LeftButton, {}, a);
    settle();
    const QPoint steps[] = {a + QPoint(20, -5), a + QPoint(60, -30), a + QPoint(120, -80)};
    for (const QPoint& p : steps) {
        QTest::mouseMove(s.view.plot(), p);
        settle();
    }
    REQUIRE(changed.size() == 3);
    const QPointF plane_a = s.view.planeAt(a);
    const double px = pixel_width(s.view);
    for (int i = 0; i < 3; ++i) {
        const QPointF got_a = changed.at(i).at(0).toPointF();
        const QPointF got_b = changed.at(i).at(1).toPointF();
        CHECK(std::abs(got_a.x() - plane_a.x()) <= px);
        CHECK(std::abs(got_a.y() - plane_a.y()) <= px);
        const QPointF want_b = s.view.planeAt(steps[i]);
        CHECK(std::abs(got_b.x() - want_b.x()) <= px);
        CHECK(std::abs(got_b.y() - want_b.y()) <= px);
    }
    // Seven frames from A to the cursor, evenly spaced.
    const QVector<QPointF> ticks = s.view.pathTicks();
    REQUIRE(ticks.size() == 7);
    CHECK(ticks.front() == changed.back().at(0).toPointF());
    CHECK(ticks.back() == changed.back().at(1).toPointF());
    CHECK(std::abs(QLineF(ticks[0], ticks[1]).length() - QLineF(ticks[5], ticks[6]).length()) <
          1e-9);

    CHECK(s.view.scatterRasterCount() == rasters);
    CHECK(s.view.replotCount() == replots);
    CHECK(s.view.overlayReplotCount() >= overlays + 3);

    QTest::mouseRelease(s.view.plot(), Qt::LeftButton, {}, steps[2]);
    settle();
    REQUIRE(finished.size() == 1);
    CHECK(finished.at(0).at(1).toPointF() == changed.back().at(1).toPointF());
    CHECK(plane.isEmpty()); // a drag is not a click
    CHECK(s.view.scatterRasterCount() == rasters);
    CHECK(s.view.replotCount() == replots);
}

TEST_CASE("a path set from dragChanged replaces the straight line", "[gui]") {
    ShownView s;
    s.set(few_points());
    s.view.setPathSteps(5);
    const QVector<QPointF> arc = {{-1.0, 0.0}, {0.0, 1.0}, {1.0, 0.0}};
    QObject::connect(&s.view, &LatentScatterView::dragChanged, &s.view,
                     [&](QPointF, QPointF) { s.view.setPathPoints(arc); });
    const QPoint a = s.at({-1.0, -1.0});
    QTest::mousePress(s.view.plot(), Qt::LeftButton, {}, a);
    QTest::mouseMove(s.view.plot(), a + QPoint(50, 0));
    settle();
    const QVector<QPointF> ticks = s.view.pathTicks();
    REQUIRE(ticks.size() == 5);
    CHECK(ticks[0] == arc[0]);
    CHECK(ticks[2] == arc[1]); // half way along the arc's length
    CHECK(ticks[4] == arc[2]);
    QTest::mouseRelease(s.view.plot(), Qt::LeftButton, {}, a + QPoint(50, 0));
}

TEST_CASE("points along a polyline are evenly spaced by length", "[gui]") {
    const QVector<QPointF> path = {{0.0, 0.0}, {3.0, 0.0}, {3.0, 1.0}};
    const QVector<QPointF> p = vae::ui::evenly_spaced_along(path, 5);
    REQUIRE(p.size() == 5);
    CHECK(p[1] == QPointF(1.0, 0.0));
    CHECK(p[2] == QPointF(2.0, 0.0));
    CHECK(p[3] == QPointF(3.0, 0.0));
    CHECK(p[4] == QPointF(3.0, 1.0));
    CHECK(vae::ui::evenly_spaced_along({}, 4).isEmpty());
    CHECK(vae::ui::evenly_spaced_along(path, 1) == QVector<QPointF>{QPointF(0.0, 0.0)});
}

TEST_CASE("the spatial index finds what a scan finds", "[gui]") {
    std::mt19937 rng(3);
    std::normal_distribution<float> g(0.0f, 1.0f);
    std::vector<float> x(5000);
    std::vector<float> y(5000);
    for (std::size_t i = 0; i < x.size(); ++i) {
        x[i] = g(rng);
        y[i] = 3.0f * g(rng);
    }
    x[17] = std::nanf("");
    vae::ui::ScatterPointIndex index;
    index.build(x, y);
    CHECK(index.size() == 4999);
    std::uniform_real_distribution<double> u(-4.0, 4.0);
    const double sx = 120.0;
    const double sy = 40.0;
    const double r = 6.0;
    int found = 0;
    for (int q = 0; q < 2000; ++q) {
        const double qx = u(rng);
        const double qy = 3.0 * u(rng);
        auto accept = [](std::size_t i) { return i % 5 != 0; };
        std::ptrdiff_t want = -1;
        double best = r * r;
        for (std::size_t i = 0; i < x.size(); ++i) {
            const double dx = (x[i] - qx) * sx;
            const double dy = (y[i] - qy) * sy;
            const double d2 = dx * dx + dy * dy;
            if (std::isfinite(d2) && accept(i) && (d2 < best || (d2 == best && want < 0))) {
                best = d2;
                want = static_cast<std::ptrdiff_t>(i);
            }
        }
        CHECK(index.nearest(qx, qy, sx, sy, r, accept) == want);
        found += want >= 0 ? 1 : 0;
    }
    CHECK(found > 200); // the queries did land near points
}

TEST_CASE("70,000 points rasterise once per replot of a changed view", "[gui]") {
    ShownView s;
    const Cloud c = clusters(70000, 10);
    s.view.setPoints(c.xy, c.labels, kFashionNames, c.rows);
    settle();
    const int after_set = s.view.scatterRasterCount();
    s.view.plot()->replot();
    s.view.plot()->replot();
    CHECK(s.view.scatterRasterCount() == after_set); // nothing changed: the cached image

    const QRectF r = s.view.visibleRange();
    s.view.setVisibleRange(
        r.adjusted(r.width() / 10, r.height() / 10, -r.width() / 10, -r.height() / 10));
    CHECK(s.view.userChangedView());
    s.view.plot()->replot();
    CHECK(s.view.visibleRange().width() == Approx(0.8 * r.width()));
    CHECK(s.view.scatterRasterCount() == after_set + 1);
    s.view.plot()->replot();
    CHECK(s.view.scatterRasterCount() == after_set + 1);

    // Overlay changes never rasterise the points.
    s.view.showMarker({0.5, 0.5});
    s.view.setPathPoints({{0.0, 0.0}, {1.0, 1.0}});
    settle();
    CHECK(s.view.scatterRasterCount() == after_set + 1);

    // New points do (a live update).
    s.view.setPoints(clusters(70000, 10, 8).xy, c.labels, kFashionNames, c.rows);
    s.view.plot()->replot();
    CHECK(s.view.scatterRasterCount() == after_set + 2);
    CHECK(s.view.pointCount() == 70000);
}

TEST_CASE("hovering a point shows its row and class", "[gui]") {
    ShownView s;
    s.set(few_points());
    const int overlays = s.view.overlayReplotCount();
    QTest::mouseMove(s.view.plot(), s.at({2.0, 1.5}) + QPoint(2, 2));
    settle();
    CHECK(s.view.hoverText() == QStringLiteral("row 30 · Sneaker"));
    CHECK(s.view.overlayReplotCount() > overlays);
    QTest::mouseMove(s.view.plot(), s.at({1.0, -2.0}));
    CHECK(s.view.hoverText() == QStringLiteral("row 40")); // no class
    QTest::mouseMove(s.view.plot(), s.at({-1.0, 1.5}));
    CHECK(s.view.hoverText().isEmpty());
    CHECK(s.view.pointText(0) == QStringLiteral("row 10 · T-shirt/top"));
}

TEST_CASE("the legend names the classes and a click on an entry toggles the class", "[gui]") {
    ShownView s;
    s.set(few_points());
    QStringList want = kFashionNames;
    want << QStringLiteral("no class");
    CHECK(s.view.legendTexts() == want);

    QCPAbstractLegendItem* sneaker = s.view.legend()->item(7);
    REQUIRE(sneaker);
    const int rasters = s.view.scatterRasterCount();
    QTest::mouseClick(s.view.plot(), Qt::LeftButton, {}, sneaker->outerRect().center());
    CHECK_FALSE(s.view.classVisible(7));
    CHECK(s.view.classVisible(0));
    s.view.plot()->replot();
    CHECK(s.view.scatterRasterCount() == rasters + 1);
    CHECK_FALSE(s.view.pointNear(s.view.pixelAt({0.5, 0.5})).has_value());
    QTest::mouseClick(s.view.plot(), Qt::LeftButton, {}, sneaker->outerRect().center());
    CHECK(s.view.classVisible(7));
    CHECK(s.view.pointNear(s.view.pixelAt({0.5, 0.5})) == std::optional<std::size_t>(1));

    // New points with the same classes keep the choice.
    s.view.setClassVisible(2, false);
    s.set(few_points());
    CHECK_FALSE(s.view.classVisible(2));
}

TEST_CASE("a numeric target colours by value with a colour scale instead of a legend", "[gui]") {
    ShownView s;
    s.set(few_points());
    s.view.setContinuousValues({1.0, 2.5, 4.0, std::nan("")}, QStringLiteral("price"));
    s.view.plot()->replot();
    CHECK(s.view.legendTexts().isEmpty());
    QCPColorScale* scale = nullptr;
    for (QCPLayoutElement* e : s.view.plot()->plotLayout()->elements(true))
        if (auto* c = qobject_cast<QCPColorScale*>(e))
            scale = c;
    REQUIRE(scale);
    CHECK(scale->dataRange() == QCPRange(1.0, 4.0));
    CHECK(scale->axis()->label() == QStringLiteral("price"));
    CHECK(s.view.pointText(1) == QStringLiteral("row 20 · price 2.5"));

    // Values stay through a live update of the same points, and go with an empty vector.
    s.set(few_points());
    CHECK(s.view.legendTexts().isEmpty());
    s.view.setContinuousValues({}, QString());
    CHECK(s.view.legendTexts().size() == 11);
    CHECK(s.view.pointText(1) == QStringLiteral("row 20 · Sneaker"));
}

TEST_CASE("new points refit the view until the user zooms, and reset follows again", "[gui]") {
    ShownView s;
    s.set(few_points());
    CHECK_FALSE(s.view.userChangedView());
    const QRectF fitted = s.view.visibleRange();
    CHECK(fitted.contains(QPointF(-2.0, -2.0)));
    CHECK(fitted.contains(QPointF(2.0, 1.5)));
    // One plane unit is as long on x as on y.
    const double ratio = (fitted.width() / s.view.plot()->axisRect()->width()) /
                         (fitted.height() / s.view.plot()->axisRect()->height());
    CHECK(ratio == Approx(1.0).epsilon(1e-6));

    Cloud moved = few_points();
    moved.xy *= 3.0f;
    s.set(moved);
    CHECK(s.view.visibleRange().contains(QPointF(6.0, 4.5)));

    const QRectF refit = s.view.visibleRange();
    const QPoint centre = s.view.plot()->axisRect()->rect().center();
    QWheelEvent wheel(centre, s.view.plot()->mapToGlobal(centre), QPoint(), QPoint(0, 120),
                      Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(s.view.plot(), &wheel);
    settle();
    CHECK(s.view.userChangedView());
    const QRectF zoomed = s.view.visibleRange();
    CHECK(zoomed.width() < refit.width() * 0.9);
    s.set(few_points()); // a live update keeps the user's view
    CHECK(s.view.visibleRange() == zoomed);

    s.view.findChild<QAction*>(QStringLiteral("resetViewAction"))->trigger();
    s.view.plot()->replot();
    CHECK_FALSE(s.view.userChangedView());
    CHECK(s.view.visibleRange().width() < zoomed.width() * 2.0);
    CHECK(s.view.visibleRange().contains(QPointF(2.0, 1.5)));
}

TEST_CASE("a right drag pans without a drag signal; the range settles once", "[gui]") {
    ShownView s;
    s.set(few_points());
    QSignalSpy changed(&s.view, &LatentScatterView::dragChanged);
    QSignalSpy settled(&s.view, &LatentScatterView::visibleRangeChanged);
    settled.wait(300); // the initial fit's settling, if any
    settled.clear();
    const QRectF before = s.view.visibleRange();
    const QPoint a = s.view.plot()->axisRect()->rect().center();
    QTest::mousePress(s.view.plot(), Qt::RightButton, {}, a);
    for (int i = 1; i <= 4; ++i) {
        QTest::mouseMove(s.view.plot(), a + QPoint(20 * i, 10 * i));
        settle();
    }
    QTest::mouseRelease(s.view.plot(), Qt::RightButton, {}, a + QPoint(80, 40));
    settle();
    CHECK(changed.isEmpty());
    CHECK(s.view.userChangedView());
    const QRectF after = s.view.visibleRange();
    const double px = pixel_width(s.view);
    // Content follows the cursor: 80 px right means the view moved 80 px left in x.
    CHECK(after.left() == Approx(before.left() - 80 * px).margin(px));
    CHECK(after.top() == Approx(before.top() + 40 * px).margin(px));
    REQUIRE(settled.wait(2000));
    CHECK(settled.size() == 1);
    CHECK(settled.at(0).at(0).toRectF() == after);
}

TEST_CASE("prior circles, the marker and the mosaic are shown and cleared", "[gui]") {
    ShownView s;
    s.set(few_points());
    auto* prior = s.view.findChild<QAction*>(QStringLiteral("priorCirclesAction"));
    REQUIRE(prior);
    prior->trigger();
    CHECK(s.view.priorCirclesVisible());
    s.view.setPriorCirclesVisible(false);
    CHECK_FALSE(prior->isChecked());

    s.view.showMarker({0.25, -0.5});
    REQUIRE(s.view.marker().has_value());
    CHECK(*s.view.marker() == QPointF(0.25, -0.5));
    s.view.hideMarker();
    CHECK_FALSE(s.view.marker().has_value());

    QSignalSpy toggled(&s.view, &LatentScatterView::manifoldGridToggled);
    s.view.setManifoldGridEnabled(true);
    REQUIRE(toggled.size() == 1);
    CHECK(toggled.at(0).at(0).toBool());
    QImage mosaic(280, 280, QImage::Format_Grayscale8);
    mosaic.fill(128);
    const int rasters = s.view.scatterRasterCount();
    s.view.setManifoldTiles(mosaic, s.view.visibleRange());
    s.view.plot()->replot();
    CHECK(s.view.scatterRasterCount() == rasters + 1); // the points dim under the mosaic
    s.view.setManifoldGridEnabled(false);
    CHECK(toggled.size() == 2);
    s.view.plot()->replot();
    CHECK(s.view.scatterRasterCount() == rasters + 2); // and come back
}

TEST_CASE("a marker move repaints only the marker's old and new place", "[gui]") {
    ShownView s;
    s.set(clusters(20000, 10)); // no point near the origin: the clusters lie on a circle
    s.view.showMarker({0.0, 0.6});
    settle();
    const QPoint old_at = s.at({0.0, 0.6});
    const QPoint new_at = s.at({0.0, -0.6});
    REQUIRE(new_at.y() - old_at.y() > 60);
    REQUIRE(marker_red_near(on_screen(s.view), s.view, old_at));
    CHECK_FALSE(marker_red_near(on_screen(s.view), s.view, new_at));
    const int replots = s.view.replotCount();
    const int rasters = s.view.scatterRasterCount();

    PaintRegions plot_paints(s.view.plot());
    s.view.showMarker({0.0, -0.6});
    settle();
    REQUIRE(plot_paints.paints >= 1);
    // The plot repainted under the two marker boxes (about 40 x 40 px each), nowhere else.
    const QRect box(-22, -22, 45, 45);
    const QRegion marker_boxes = QRegion(box.translated(old_at)) + QRegion(box.translated(new_at));
    CHECK((plot_paints.painted - marker_boxes).isEmpty());
    CHECK(plot_paints.painted.contains(old_at));
    CHECK(plot_paints.painted.contains(new_at));
    CHECK(area_of(plot_paints.painted) * 100 < s.view.plot()->width() * s.view.plot()->height());
    CHECK(s.view.replotCount() == replots);
    CHECK(s.view.scatterRasterCount() == rasters);
    // On screen the marker moved: drawn at its new place, erased at its old one.
    CHECK(marker_red_near(on_screen(s.view), s.view, new_at));
    CHECK_FALSE(marker_red_near(on_screen(s.view), s.view, old_at));
    CHECK(marker_red_near(s.view.grab().toImage(), s.view, new_at));

    // A zoom replots the plot whole, and the marker follows to its new pixels.
    s.view.setVisibleRange(QRectF(-1.0, -1.0, 2.0, 2.0));
    settle();
    CHECK(s.view.replotCount() > replots);
    const QPoint zoomed_at = s.at({0.0, -0.6});
    REQUIRE((zoomed_at - new_at).manhattanLength() > 60);
    CHECK(marker_red_near(on_screen(s.view), s.view, zoomed_at));
    CHECK_FALSE(marker_red_near(on_screen(s.view), s.view, new_at));
}

TEST_CASE("the latent plane is exported as PNG and PDF", "[gui]") {
    vae::test::TempDir dir;
    ShownView s;
    s.set(clusters(5000, 10));
    s.view.showMarker({0.0, 0.0});
    const QRectF view_before = s.view.visibleRange();
    QString error;
    const QString png = QString::fromStdString(dir.file("plane.png"));
    REQUIRE(s.view.exportImage(png, &error));
    const QImage image(png);
    REQUIRE_FALSE(image.isNull());
    CHECK(image.width() >= 400);
    // Points made it into the file: some pixel carries the first class's blue.
    bool blue = false;
    for (int y = 0; y < image.height() && !blue; y += 2)
        for (int x = 0; x < image.width() && !blue; x += 2) {
            const QColor c = image.pixelColor(x, y);
            blue = c.blue() > 150 && c.red() < 120 && c.green() < 170 && c.green() > 90;
        }
    CHECK(blue);
    // So did the marker, although the screen's is drawn by a widget over the plot.
    bool red = false;
    for (int y = 0; y < image.height() && !red; ++y)
        for (int x = 0; x < image.width() && !red; ++x) {
            const QColor c = image.pixelColor(x, y);
            red = c.red() > 180 && c.green() < 30 && c.blue() < 30;
        }
    CHECK(red);
    const QString pdf = QString::fromStdString(dir.file("plane.pdf"));
    REQUIRE(s.view.exportImage(pdf, &error));
    CHECK(vae::test::slurp(pdf.toStdString()).rfind("%PDF", 0) == 0);
    CHECK(QDir(QString::fromStdString(dir.path().string()))
              .entryList(QDir::Files | QDir::Hidden)
              .size() == 2);
    CHECK(s.view.visibleRange() == view_before);

    const QString gif = QString::fromStdString(dir.file("plane.gif"));
    CHECK_FALSE(s.view.exportImage(gif, &error));
    CHECK(error.contains(gif));
}

TEST_CASE("an empty or malformed point set shows nothing and picks nothing", "[gui]") {
    ShownView s;
    s.view.setPoints(vae::Matrix(5, 3), {}, {}, {});
    CHECK(s.view.pointCount() == 0);
    s.view.plot()->replot();
    CHECK_FALSE(s.view.pointNear(s.view.plot()->axisRect()->rect().center()).has_value());
    QSignalSpy plane(&s.view, &LatentScatterView::planeClicked);
    QTest::mouseClick(s.view.plot(), Qt::LeftButton, {},
                      s.view.plot()->axisRect()->rect().center());
    CHECK(plane.size() == 1);
}

TEST_CASE("points of unlabelled data are one switchable 'no class' group", "[gui]") {
    ShownView s;
    vae::Matrix xy(3, 2);
    xy << 0, 0, 1, 1, -1, 0.5f;
    s.view.setPoints(xy, {}, {}, {});
    REQUIRE(s.view.pointCount() == 3);
    CHECK(s.view.legendTexts() == QStringList{QStringLiteral("no class")});
    s.view.setClassVisible(-1, false);
    CHECK_FALSE(s.view.classVisible(-1));
}
