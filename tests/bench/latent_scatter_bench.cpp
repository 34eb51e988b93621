// The latent plane's drawing costs: 70,000 points in 10 Gaussian clusters on a 1000×800 plot.
//
//   1. A full replot after a range change (a zoom step): the points are rasterised again.
//      Interleaved with the same points as 10 QCPGraph scatter series (ssDisc, size 3), the
//      baseline of ../shared/PERF-NOTES.md, on a plot of the same size.
//   2. A replot that changes nothing (the cached point image is only blitted).
//   3. One step of a left drag: the mouse event, the path update and the overlay-only repaint,
//      composited to the widget. The scatter must not be rasterised or replotted meanwhile.
//   4. The nearest-point lookup of one mouse move (spatial index), against a linear scan.
//   5. setPoints itself (a live update: copy, shuffle order, colours, index).
// Figures are p50 / p99 in milliseconds (microseconds for lookups); nothing is asserted.
//
// usage: bench_latent_scatter [--points 70000] [--classes 10] [--steps 50]
//        [--screenshots DIR]   (also saves the scene as PNGs, to look at)
// Run with QT_QPA_PLATFORM=offscreen or under xvfb-run.
//
// Measured 2026-11-25, offscreen, 2 shared cores at load ~2, two runs (p50 / p99):
//   full replot after a zoom step   4.7-5.5 / 16-18 ms   (10 QCPGraph series: 112 / 114 ms)
//   replot without a change         1.6-1.8 / 1.9-2.1 ms
//   drag step (overlay only)        1.4-1.5 / 4.2-4.9 ms, 0 rasterisations, 0 full replots
//   nearest point, index / scan     0.6-0.75 / 67-72 us per mouse move (p50)
//   setPoints, 70,000 points        1.2-1.3 ms (p50)

#include "bench_stats.h"
#include "ui/latent/scatter/latent_scatter_view.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QMouseEvent>
#include <QPainter>

#include <qcustomplot.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <random>
#include <vector>

using vae::bench::median;
using vae::bench::percentile;

namespace {

const QStringList kNames = {QStringLiteral("T-shirt/top"), QStringLiteral("Trouser"),
                            QStringLiteral("Pullover"),    QStringLiteral("Dress"),
                            QStringLiteral("Coat"),        QStringLiteral("Sandal"),
                            QStringLiteral("Shirt"),       QStringLiteral("Sneaker"),
                            QStringLiteral("Bag"),         QStringLiteral("Ankle boot")};

void report(const char* what, const std::vector<double>& v, const char* unit = "ms") {
    std::printf("%-58s p50 %8.3f  p99 %8.3f %s  (n=%zu)\n", what, percentile(v, 0.5),
                percentile(v, 0.99), unit, v.size());
}

struct Cloud {
    vae::Matrix xy;
    std::vector<std::int32_t> labels;
    std::vector<std::size_t> rows;
};

// Clusters of different sizes and spreads, overlapping in places, roughly as the 2-D latent
// of Fashion-MNIST looks (tops, pullovers, coats and shirts together; shoes apart).
Cloud clusters(std::size_t n, int classes, unsigned seed) {
    Cloud c;
    c.xy.resize(static_cast<Eigen::Index>(n), 2);
    c.labels.resize(n);
    c.rows.resize(n);
    std::mt19937 rng(seed);
    std::normal_distribution<double> g(0.0, 1.0);
    std::vector<std::array<double, 4>> shape(static_cast<std::size_t>(classes));
    for (int k = 0; k < classes; ++k) {
        const double angle = 2.0 * std::numbers::pi * k / classes + 0.3 * (k % 3);
        const double radius = 0.8 + 0.9 * ((k * 7) % 5) / 4.0;
        shape[static_cast<std::size_t>(k)] = {radius * std::cos(angle), radius * std::sin(angle),
                                              0.25 + 0.08 * (k % 4), 0.18 + 0.06 * ((k + 1) % 3)};
    }
    for (std::size_t i = 0; i < n; ++i) {
        const int k = static_cast<int>(rng() % static_cast<unsigned>(classes));
        const auto& s = shape[static_cast<std::size_t>(k)];
        const auto r = static_cast<Eigen::Index>(i);
        c.xy(r, 0) = static_cast<float>(s[0] + s[2] * g(rng));
        c.xy(r, 1) = static_cast<float>(s[1] + s[3] * g(rng) + 0.15 * s[0] * g(rng));
        c.labels[i] = k;
        c.rows[i] = i;
    }
    return c;
}

// A stand-in for a mosaic of decoded images: n×n tiles of 28×28, a white stroke on black whose
// angle and length drift across the grid, as decoded images drift across a latent plane.
QImage mock_mosaic(int n) {
    QImage image(28 * n, 28 * n, QImage::Format_Grayscale8);
    image.fill(Qt::black);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    for (int row = 0; row < n; ++row)
        for (int col = 0; col < n; ++col) {
            const double u = col / (n - 1.0);
            const double v = row / (n - 1.0);
            p.save();
            p.translate(28 * col + 14, 28 * row + 14);
            p.rotate(180.0 * u - 90.0);
            p.setPen(QPen(Qt::white, 2.5 + 2.0 * v, Qt::SolidLine, Qt::RoundCap));
            p.setBrush(Qt::NoBrush);
            const double len = 6.0 + 5.0 * v;
            p.drawEllipse(QPointF(0, 0), len * (0.4 + 0.6 * u), len);
            p.restore();
        }
    return image;
}

QRectF shrink(const QRectF& r, double factor) {
    const QPointF c = r.center();
    return {c.x() - r.width() * factor / 2.0, c.y() - r.height() * factor / 2.0, r.width() * factor,
            r.height() * factor};
}

} // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QCommandLineParser args;
    args.addOptions({{QStringLiteral("points"), QStringLiteral("points"), QStringLiteral("n"),
                      QStringLiteral("70000")},
                     {QStringLiteral("classes"), QStringLiteral("classes"), QStringLiteral("k"),
                      QStringLiteral("10")},
                     {QStringLiteral("steps"), QStringLiteral("zoom and drag steps"),
                      QStringLiteral("n"), QStringLiteral("50")},
                     {QStringLiteral("screenshots"), QStringLiteral("save the scene as PNGs"),
                      QStringLiteral("dir")}});
    args.process(app);
    const auto n = static_cast<std::size_t>(args.value(QStringLiteral("points")).toULongLong());
    const int classes = args.value(QStringLiteral("classes")).toInt();
    const int steps = std::max(2, args.value(QStringLiteral("steps")).toInt());

    vae::ui::LatentScatterView view;
    view.resize(1000, 800);
    view.show();
    QCoreApplication::processEvents();
    // Sized so that the plot itself, under the toolbar, is 1000×800.
    view.resize(view.size() + (QSize(1000, 800) - view.plot()->size()));
    QCoreApplication::processEvents();
    QCustomPlot* plot = view.plot();

    const Cloud cloud = clusters(n, classes, 1);
    std::vector<double> set_ms;
    for (unsigned round = 0; round < 10; ++round) {
        const Cloud c = clusters(n, classes, 1 + round % 2);
        QElapsedTimer t;
        t.start();
        view.setPoints(c.xy, c.labels, kNames, c.rows);
        set_ms.push_back(static_cast<double>(t.nsecsElapsed()) * 1e-6);
    }
    view.setPoints(cloud.xy, cloud.labels, kNames, cloud.rows);
    plot->replot(QCustomPlot::rpImmediateRefresh);
    std::printf("plot %d×%d, axis rect %d×%d, %zu points in %d classes\n", plot->width(),
                plot->height(), plot->axisRect()->width(), plot->axisRect()->height(), n, classes);

    // The baseline: the same points as QCPGraph scatter series on a plot of the same size.
    QCustomPlot graphs;
    graphs.resize(plot->size());
    graphs.show();
    for (int k = 0; k < classes; ++k) {
        QVector<double> x;
        QVector<double> y;
        for (std::size_t i = 0; i < n; ++i)
            if (cloud.labels[i] == k) {
                x << cloud.xy(static_cast<Eigen::Index>(i), 0);
                y << cloud.xy(static_cast<Eigen::Index>(i), 1);
            }
        QCPGraph* g = graphs.addGraph();
        g->setLineStyle(QCPGraph::lsNone);
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 3));
        g->setData(x, y);
    }
    graphs.rescaleAxes();

    // 1, 2: zoom steps in towards one cluster and back, the view's replot interleaved with the
    // baseline's (every fifth step: it is slow).
    std::vector<double> zoom_ms;
    std::vector<double> still_ms;
    std::vector<double> graph_ms;
    const QRectF home = view.visibleRange();
    const int rasters_before = view.scatterRasterCount();
    for (int s = 0; s < steps; ++s) {
        const double depth = s < steps / 2 ? s : steps - s;
        view.setVisibleRange(shrink(home, std::pow(0.93, depth))
                                 .translated(0.3 * depth / steps, 0.2 * depth / steps));
        QElapsedTimer t;
        t.start();
        plot->replot(QCustomPlot::rpImmediateRefresh);
        zoom_ms.push_back(static_cast<double>(t.nsecsElapsed()) * 1e-6);
        t.restart();
        plot->replot(QCustomPlot::rpImmediateRefresh);
        still_ms.push_back(static_cast<double>(t.nsecsElapsed()) * 1e-6);
        if (s % 5 == 0) {
            graphs.xAxis->scaleRange(s < steps / 2 ? 0.93 : 1.0 / 0.93);
            t.restart();
            graphs.replot(QCustomPlot::rpImmediateRefresh);
            graph_ms.push_back(static_cast<double>(t.nsecsElapsed()) * 1e-6);
        }
    }
    const int zoom_rasters = view.scatterRasterCount() - rasters_before;
    view.resetView();
    plot->replot(QCustomPlot::rpImmediateRefresh);

    // 3: a left drag across the plane, each step delivered, repainted and composited.
    std::vector<double> drag_ms;
    const QRect rect = plot->axisRect()->rect();
    const QPointF a = rect.center() - QPointF(rect.width() * 0.3, -rect.height() * 0.2);
    auto send = [&](QEvent::Type type, QPointF pos, Qt::MouseButton button,
                    Qt::MouseButtons buttons) {
        QMouseEvent e(type, pos, plot->mapToGlobal(pos), button, buttons, Qt::NoModifier);
        QApplication::sendEvent(plot, &e);
    };
    send(QEvent::MouseButtonPress, a, Qt::LeftButton, Qt::LeftButton);
    QCoreApplication::processEvents();
    const int rasters = view.scatterRasterCount();
    const int replots = view.replotCount();
    const int overlays = view.overlayReplotCount();
    int drag_signals = 0;
    QObject::connect(&view, &vae::ui::LatentScatterView::dragChanged, &view,
                     [&](QPointF, QPointF) { ++drag_signals; });
    QPointF b = a;
    for (int s = 1; s <= steps; ++s) {
        b = a + QPointF(rect.width() * 0.6 * s / steps, -rect.height() * 0.45 * s / steps);
        QElapsedTimer t;
        t.start();
        send(QEvent::MouseMove, b, Qt::NoButton, Qt::LeftButton);
        QCoreApplication::processEvents(); // the overlay's zero-delay repaint
        plot->repaint();                   // composited now, not at the next paint
        drag_ms.push_back(static_cast<double>(t.nsecsElapsed()) * 1e-6);
    }
    std::printf("during the drag: %d dragChanged, %d overlay repaints, %d scatter "
                "rasterisations, %d full replots\n",
                drag_signals, view.overlayReplotCount() - overlays,
                view.scatterRasterCount() - rasters, view.replotCount() - replots);
    send(QEvent::MouseButtonRelease, b, Qt::LeftButton, Qt::NoButton);
    QCoreApplication::processEvents();

    // 4: nearest point of a mouse move, index against scan, over the same random positions.
    std::mt19937 rng(5);
    std::uniform_real_distribution<double> ux(rect.left(), rect.right());
    std::uniform_real_distribution<double> uy(rect.top(), rect.bottom());
    std::vector<QPointF> moves(20000);
    for (QPointF& p : moves)
        p = QPointF(ux(rng), uy(rng));
    std::vector<double> lookup_us;
    std::size_t hits = 0;
    for (std::size_t block = 0; block < moves.size(); block += 100) {
        QElapsedTimer t;
        t.start();
        for (std::size_t i = block; i < block + 100; ++i)
            hits += view.pointNear(moves[i]).has_value() ? 1 : 0;
        lookup_us.push_back(static_cast<double>(t.nsecsElapsed()) * 1e-3 / 100.0);
    }
    std::vector<double> scan_us;
    std::size_t scan_hits = 0;
    const double px_x = rect.width() / plot->xAxis->range().size();
    const double px_y = rect.height() / plot->yAxis->range().size();
    for (std::size_t i = 0; i < 200; ++i) {
        QElapsedTimer t;
        t.start();
        const QPointF at = view.planeAt(moves[i]);
        double best = 36.0;
        std::ptrdiff_t found = -1;
        for (std::size_t k = 0; k < n; ++k) {
            const double dx = (cloud.xy(static_cast<Eigen::Index>(k), 0) - at.x()) * px_x;
            const double dy = (cloud.xy(static_cast<Eigen::Index>(k), 1) - at.y()) * px_y;
            if (dx * dx + dy * dy < best) {
                best = dx * dx + dy * dy;
                found = static_cast<std::ptrdiff_t>(k);
            }
        }
        scan_us.push_back(static_cast<double>(t.nsecsElapsed()) * 1e-3);
        scan_hits += found >= 0 ? 1 : 0;
    }

    std::printf("\n");
    report("setPoints (live update)", set_ms);
    report("full replot after a zoom step (points rasterised)", zoom_ms);
    std::printf("  rasterisations over %d zoom steps: %d\n", steps, zoom_rasters);
    report("replot without a change (cached image)", still_ms);
    report("baseline: 10 QCPGraph scatter series, full replot", graph_ms);
    report("drag step: event + path + overlay repaint + composite", drag_ms);
    report("nearest point per mouse move, spatial index", lookup_us, "us");
    std::printf("  (%zu of %zu moves within %.0f px of a point)\n", hits, moves.size(),
                vae::ui::LatentScatterView::kHitRadiusPx);
    report("nearest point per mouse move, linear scan", scan_us, "us");
    std::printf("  (%zu of %zu scanned moves within 6 px of a point)\n", scan_hits, scan_us.size());

    if (args.isSet(QStringLiteral("screenshots"))) {
        const QDir dir(args.value(QStringLiteral("screenshots")));
        view.resetView();
        view.setPriorCirclesVisible(true);
        view.showMarker({0.35, 1.2});
        view.setPathPoints({{-1.6, -0.9}, {1.5, 0.6}});
        plot->replot();
        // Hover a point on the outskirts, where its ring shows.
        const QPointF lone = view.pixelAt(
            view.pointPosition(view.pointNear(view.pixelAt({-0.9, 1.9}), 40.0).value_or(0)));
        send(QEvent::MouseMove, lone, Qt::NoButton, Qt::NoButton);
        QCoreApplication::processEvents();
        std::printf("hovered: %s\n", qPrintable(view.hoverText()));
        view.grab().save(dir.filePath(QStringLiteral("latent_scatter.png")));

        view.setManifoldGridEnabled(true);
        const QRectF visible = view.visibleRange();
        view.setManifoldTiles(mock_mosaic(20), visible);
        plot->replot();
        QCoreApplication::processEvents();
        view.grab().save(dir.filePath(QStringLiteral("latent_scatter_manifold.png")));
        view.setManifoldGridEnabled(false);

        std::vector<double> values(n);
        for (std::size_t i = 0; i < n; ++i)
            values[i] = std::hypot(cloud.xy(static_cast<Eigen::Index>(i), 0),
                                   cloud.xy(static_cast<Eigen::Index>(i), 1));
        view.setContinuousValues(values, QStringLiteral("‖z‖"));
        view.setVisibleRange(shrink(visible, 0.5));
        plot->replot();
        QCoreApplication::processEvents();
        view.grab().save(dir.filePath(QStringLiteral("latent_scatter_values.png")));
        std::printf("screenshots in %s\n", qPrintable(dir.absolutePath()));
    }
    return 0;
}
