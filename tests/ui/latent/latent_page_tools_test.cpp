// The latent page's tools end to end on a real page: drags, slerp, data-point ends, the
// manifold grid, more than two latent dimensions, tables, and the exports read back.

#include "data/csv_reader.h"
#include "data/dataset_loader.h"
#include "data/npy_reader.h"
#include "latent/nearest_rows.h"
#include "ui/latent/decoded_sample_view.h"
#include "ui/latent/interpolation_strip.h"
#include "ui/latent/latent_page.h"
#include "ui/latent/latent_projection_panel.h"
#include "ui/latent/latent_sample_export.h"
#include "ui/latent/nearest_samples_view.h"
#include "ui/latent/scatter/latent_scatter_view.h"
#include "vae/latent_ops.h"

#include "../core/png_decode.h"
#include "../core/temp_files.h"
#include "latent_page_fixture.h"
#include "small_training.h"

#include <QSignalSpy>
#include <QSlider>
#include <QTest>

#include <catch2/catch.hpp>
#include <qcustomplot.h>

#include <fstream>
#include <memory>
#include <numeric>

using vae::test::PageFixture;
using vae::ui::DecodeService;
using vae::ui::LatentPage;

namespace {

vae::Matrix decode_plane_point(const vae::VaeModel& model, const vae::LatentProjection& proj,
                               QPointF xy) {
    return vae::decode_latents(model, proj.lift(xy.x(), xy.y()).transpose());
}

} // namespace

TEST_CASE("a drag yields N frames whose ends decode the press and release points", "[gui]") {
    PageFixture f("builtin:sprites", 2, vae::test::kSmallSpriteRows);
    f.page.strip()->setFrameCount(7);
    auto* plot = f.page.scatter()->plot();
    const QRect area = plot->axisRect()->rect();
    const QPoint a = f.emptyPixel(area.topLeft() + QPoint(12, 12), QPoint(3, 2));
    const QPoint b = f.emptyPixel(area.bottomRight() - QPoint(12, 12), QPoint(-3, -2));
    REQUIRE_FALSE(a.isNull());
    REQUIRE_FALSE(b.isNull());
    const QPointF plane_a = f.page.scatter()->planeAt(QPointF(a));
    const QPointF plane_b = f.page.scatter()->planeAt(QPointF(b));

    QTest::mousePress(plot, Qt::LeftButton, Qt::NoModifier, a);
    QTest::mouseMove(plot, (a + b) / 2);
    QTest::mouseMove(plot, b);
    QTest::mouseRelease(plot, Qt::LeftButton, Qt::NoModifier, b);
    // The newest strip (the release's) is the one shown once the decoder is idle.
    auto* decoder = f.page.findChild<DecodeService*>();
    REQUIRE(QTest::qWaitFor(
        [&] {
            return f.page.stripZ().rows() == 7 &&
                   std::abs(f.page.stripZ()(6, 0) - plane_b.x()) < 1e-5;
        },
        10000));
    QTest::qWait(50);
    CHECK(decoder->latestGeneration(DecodeService::Kind::Strip) >= 1);
    CHECK(f.page.strip()->shownFrames() == 7);
    const auto& proj = *f.page.projection();
    const vae::Matrix& x = f.page.stripX();
    REQUIRE(x.rows() == 7);
    CHECK(x.row(0).isApprox(decode_plane_point(*f.model, proj, plane_a).row(0), 1e-5f));
    CHECK(x.row(6).isApprox(decode_plane_point(*f.model, proj, plane_b).row(0), 1e-5f));
    // Linear: the middle frame decodes the midpoint.
    const QPointF mid = (plane_a + plane_b) / 2.0;
    CHECK(x.row(3).isApprox(decode_plane_point(*f.model, proj, mid).row(0), 1e-4f));
    // The path on the plane has one tick per frame.
    CHECK(f.page.scatter()->pathTicks().size() == 7);
}

TEST_CASE("spherical interpolation keeps the frames' norms between the ends'", "[gui]") {
    PageFixture f("builtin:sprites", 2, vae::test::kSmallSpriteRows);
    f.page.strip()->setFrameCount(5);
    f.page.setInterpolation(LatentPage::Interpolation::Spherical);
    const QPointF a(-2.0, 0.1), b(2.0, 0.3);
    f.page.interpolate(a, b);
    REQUIRE(f.waitFor(DecodeService::Kind::Strip));
    const vae::Matrix& z = f.page.stripZ();
    REQUIRE(z.rows() == 5);
    // Near-opposite ends: a straight line would pass close to the origin (norm ~0.2); slerp
    // keeps the norm the linear blend of the ends' norms.
    const double na = std::hypot(a.x(), a.y()), nb = std::hypot(b.x(), b.y());
    CHECK(z.row(2).norm() == Approx((na + nb) / 2).epsilon(1e-4));
    CHECK(z(0, 0) == Approx(a.x()));
    CHECK(z(4, 1) == Approx(b.y()));
}

TEST_CASE("a click on a strip frame shows the training samples nearest to that frame", "[gui]") {
    PageFixture f("builtin:sprites", 2, vae::test::kSmallSpriteRows);
    f.page.strip()->setFrameCount(6);
    f.page.interpolate(QPointF(-1.5, 0.2), QPointF(1.5, -0.3));
    REQUIRE(f.waitFor(DecodeService::Kind::Strip));
    REQUIRE(f.page.stripX().rows() == 6);
    auto* frames = f.page.strip()->findChild<QWidget*>(QStringLiteral("interpolationFrames"));
    REQUIRE(frames);
    QPoint third(-1, frames->height() / 2);
    for (int x = 0; x < frames->width() && third.x() < 0; ++x)
        if (f.page.strip()->frameAt(QPoint(x, third.y())) == 3)
            third.setX(x + 2);
    REQUIRE(third.x() >= 0);
    QSignalSpy nearest(&f.page, &LatentPage::nearestShown);
    QTest::mouseClick(frames, Qt::LeftButton, Qt::NoModifier, third);
    CHECK(f.page.nearestQuery() == f.page.stripX().middleRows(3, 1));
    REQUIRE(nearest.wait(10000));
    // The neighbours are the core's exact k nearest rows of that frame.
    const auto& shown = f.page.nearestView()->neighbours();
    REQUIRE_FALSE(shown.empty());
    const auto expected = vae::nearest_rows(f.data->values, f.page.stripX().row(3), shown.size());
    for (std::size_t i = 0; i < shown.size(); ++i)
        CHECK(shown[i].row == expected[i]);
}

TEST_CASE("a click on a data point and a shift-click on another interpolate their encodings",
          "[gui]") {
    PageFixture f("builtin:sprites", 3, vae::test::kSmallSpriteRows);
    f.page.strip()->setFrameCount(4);
    // Two points that are shown and far apart on the plane.
    auto* scatter = f.page.scatter();
    std::size_t i = 0, j = 0;
    for (std::size_t k = 1; k < scatter->pointCount(); ++k) {
        if (scatter->pointPosition(k).x() < scatter->pointPosition(i).x())
            i = k;
        if (scatter->pointPosition(k).x() > scatter->pointPosition(j).x())
            j = k;
    }
    // Each point's pixel is taken just before its click: the first reconstruction shown beside
    // the plane can change the layout, and with it where the points are drawn.
    const auto pixel_of = [&](std::size_t k) {
        return scatter->pixelAt(scatter->pointPosition(k)).toPoint();
    };
    const QPoint a = pixel_of(i);
    const auto hit_a = scatter->pointNear(QPointF(a));
    REQUIRE(hit_a);
    QTest::mouseClick(scatter->plot(), Qt::LeftButton, Qt::NoModifier, a);
    REQUIRE(f.waitFor(DecodeService::Kind::Reconstruction));
    CHECK(f.page.stripZ().rows() == 0); // one click alone draws no strip
    const QPoint b = pixel_of(j);
    const auto hit_b = scatter->pointNear(QPointF(b));
    REQUIRE(hit_b);
    REQUIRE(*hit_b != *hit_a);
    QTest::mouseClick(scatter->plot(), Qt::LeftButton, Qt::ShiftModifier, b);
    REQUIRE(QTest::qWaitFor(
        [&] {
            return f.page.stripZ().rows() == 4 &&
                   f.page.stripZ().row(3).isApprox(
                       f.snapshot->means.row(static_cast<Eigen::Index>(*hit_b)));
        },
        10000));
    // All three dimensions of the points' codes, not only the two on the plane.
    CHECK(
        f.page.stripZ().row(0).isApprox(f.snapshot->means.row(static_cast<Eigen::Index>(*hit_a))));
}

TEST_CASE("the manifold grid decodes the visible region and follows zooms", "[gui]") {
    PageFixture f("builtin:sprites", 2, vae::test::kSmallSpriteRows);
    f.page.scatter()->setManifoldGridEnabled(true);
    REQUIRE(f.waitFor(DecodeService::Kind::Grid));
    const QRectF shown = f.page.scatter()->visibleRange();
    CHECK(f.page.gridRect() == shown);
    const QRect area = f.page.scatter()->plot()->axisRect()->rect();
    const auto cols = area.width() / LatentPage::kGridCellPx;
    const auto rows = area.height() / LatentPage::kGridCellPx;
    REQUIRE(f.page.gridZ().rows() == cols * rows);
    // Top-left cell: half a cell in from the region's left and top edges.
    CHECK(f.page.gridZ()(0, 0) == Approx(shown.left() + shown.width() / (2.0 * cols)));
    CHECK(f.page.gridZ()(0, 1) == Approx(shown.bottom() - shown.height() / (2.0 * rows)));

    const QRectF zoomed(-0.3, -0.3, 0.6, 0.6);
    f.page.scatter()->setVisibleRange(zoomed);
    REQUIRE(QTest::qWaitFor([&] { return f.page.gridRect() == f.page.scatter()->visibleRange(); },
                            10000));
    CHECK(f.page.gridRect().width() < shown.width() / 2);
    CHECK(f.page.gridRect().contains(zoomed.center()));
}

TEST_CASE("above two latent dimensions the plane's others sit at the reference", "[gui]") {
    PageFixture f("builtin:sprites", 4, vae::test::kSmallSpriteRows);
    auto* panel = f.page.projectionPanel();
    REQUIRE(panel->isVisible());
    panel->setMode(vae::ui::LatentProjectionPanel::Mode::Dimensions);
    panel->setDims(1, 3);
    // The reference's dimension 2 moved by its slider.
    auto* slider = panel->findChild<QSlider*>(QStringLiteral("slider_2"));
    REQUIRE(slider);
    slider->setValue(150); // 1.5 latent units
    REQUIRE(
        QTest::qWaitFor([&] { return f.page.projection()->reference()(2) == Approx(1.5); }, 5000));

    f.page.decodeAt(QPointF(0.25, -0.75));
    REQUIRE(f.waitFor(DecodeService::Kind::Point));
    const vae::Matrix& z = f.page.lastDecodedZ();
    REQUIRE(z.cols() == 4);
    CHECK(z(0, 0) == Approx(0.0));
    CHECK(z(0, 1) == Approx(0.25));
    CHECK(z(0, 2) == Approx(1.5));
    CHECK(z(0, 3) == Approx(-0.75));
    CHECK(f.page.lastDecodedX() == vae::decode_latents(*f.model, z));
}

TEST_CASE("on a table a click shows the decoded features beside the nearest real row", "[gui]") {
    PageFixture f("builtin:moons10d", 2, 300);
    f.page.decodeAt(QPointF(0.3, -0.2));
    REQUIRE(f.waitFor(DecodeService::Kind::Nearest));
    CHECK(f.page.sampleView()->mode() == vae::ui::DecodedSampleView::Mode::Features);
    REQUIRE(f.page.nearestRow());
    const auto expected = vae::nearest_rows(f.data->values, f.page.lastDecodedX().row(0), 1);
    CHECK(*f.page.nearestRow() == expected.front());
    CHECK(f.page.sampleView()->caption(1).contains(QString::number(expected.front())));
    // The manifold grid tiles images: not offered for a table.
    CHECK_FALSE(f.page.scatter()->manifoldGridEnabled());
}

TEST_CASE("exported samples and latents load back with the same values", "[gui]") {
    PageFixture f("builtin:sprites", 2, vae::test::kSmallSpriteRows);
    f.page.strip()->setFrameCount(6);
    f.page.interpolate(QPointF(-1.0, 0.5), QPointF(1.2, -0.4));
    REQUIRE(f.waitFor(DecodeService::Kind::Strip));
    vae::ui::LatentSampleExport exporter(&f.page, nullptr);
    vae::test::TempDir dir;
    const auto write = [&](vae::ui::LatentSampleExport::Source source, const std::string& name,
                           std::size_t count) {
        QSignalSpy done(&exporter, &vae::ui::LatentSampleExport::finished);
        QString error;
        REQUIRE(
            exporter.exportSamples(source, QString::fromStdString(dir.file(name)), count, &error));
        REQUIRE(done.wait(20000));
        return done.takeFirst().at(1).value<std::size_t>();
    };
    using Source = vae::ui::LatentSampleExport::Source;

    CHECK(write(Source::Strip, "strip.npy", 0) == 6);
    const vae::Dataset npy = vae::read_npy(dir.file("strip.npy"), {});
    CHECK(npy.values == f.page.stripX()); // sprites are stored in the user's units

    CHECK(write(Source::Strip, "strip.csv", 0) == 6);
    vae::LoadOptions csv_options;
    csv_options.force_table = true;
    const vae::Dataset csv = vae::read_csv(dir.file("strip.csv"), csv_options);
    REQUIRE(csv.values.rows() == 6);
    CHECK(csv.values.isApprox(f.page.stripX(), 1e-6f));
    CHECK(csv.column_names == f.data->column_names);

    CHECK(write(Source::Strip, "strip.png", 0) == 6);
    const auto png = vae::test::decode_png(dir.file("strip.png"));
    CHECK(png.height < png.width / 4); // one row of six tiles

    CHECK(write(Source::VisibleRegion, "region.npy", 5) == 25);
    CHECK(vae::read_npy(dir.file("region.npy"), {}).values.rows() == 25);

    CHECK(write(Source::Prior, "prior.npy", 10) == 10);
    const vae::Matrix prior = vae::read_npy(dir.file("prior.npy"), {}).values;
    CHECK(prior == vae::decode_latents(*f.model, vae::sample_prior_latents(*f.model, 10, 1)));

    QSignalSpy done(&exporter, &vae::ui::LatentSampleExport::finished);
    QString error;
    REQUIRE(exporter.exportLatents(QString::fromStdString(dir.file("z.csv")), &error));
    REQUIRE(done.wait(20000));
    vae::LoadOptions z_options;
    z_options.label_column = "label";
    z_options.force_table = true;
    const vae::Dataset z = vae::read_csv(dir.file("z.csv"), z_options);
    REQUIRE(z.rows() == f.data->rows());
    // Columns id, z0, z1, logvar0, logvar1 (the label became the class).
    CHECK(z.values.col(1).isApprox(f.snapshot->means.col(0), 1e-5f));
    CHECK(z.values.col(2).isApprox(f.snapshot->means.col(1), 1e-5f));
}

TEST_CASE("exports refuse what cannot be written, naming the file", "[gui]") {
    PageFixture f("builtin:moons10d", 2, 200);
    vae::ui::LatentSampleExport exporter(&f.page, nullptr);
    QString error;
    CHECK_FALSE(exporter.exportSamples(vae::ui::LatentSampleExport::Source::Prior,
                                       QStringLiteral("/tmp/samples.png"), 4, &error));
    CHECK(error.contains(QStringLiteral("samples.png")));
    CHECK(error.contains(QStringLiteral(".csv")));
    CHECK_FALSE(exporter.exportSamples(vae::ui::LatentSampleExport::Source::Strip,
                                       QStringLiteral("/tmp/strip.csv"), 0, &error));
    CHECK(error.contains(QStringLiteral("Drag")));
}

TEST_CASE("a numeric target colours the plane by value instead of by class", "[gui]") {
    vae::test::TempDir dir;
    const auto path = dir.file("prices.csv");
    {
        std::ofstream out(path);
        out << "a,b,c,price\n";
        for (int i = 0; i < 200; ++i)
            out << i % 7 << ',' << (i * 13) % 11 << ',' << (i * 5) % 3 << ',' << 1000 + 3 * i
                << ".5" << '\n';
    }
    vae::LoadOptions o;
    o.label_column = "price";
    auto data = std::make_shared<const vae::Dataset>(vae::load_dataset(path, o));
    REQUIRE(data->targets.size() == 200); // fractional values: a target, not classes
    vae::VaeArchitecture arch;
    arch.input_dim = data->cols();
    arch.latent_dim = 2;
    arch.hidden = {8};
    auto model = std::make_shared<const vae::VaeModel>(arch, 2);
    LatentPage page;
    page.resize(900, 600);
    page.setDataset(data);
    QSignalSpy shown(&page, &LatentPage::pointsShown);
    page.setResults(model, nullptr); // no snapshot: the page encodes the rows itself
    REQUIRE(shown.wait(10000));
    REQUIRE(page.scatter()->pointCount() == 200);
    CHECK(page.scatter()->legendTexts().isEmpty());
    // Point i is row i (all 200 rows fit in the default subsample).
    CHECK(page.scatter()->pointText(5).contains(QStringLiteral("price 1016")));
}

TEST_CASE("a reconstruction stays on screen when the previous click's nearest sample arrives",
          "[gui]") {
    PageFixture f("builtin:sprites", 2, vae::test::kSmallSpriteRows);
    auto* scatter = f.page.scatter();
    const QPoint empty =
        f.emptyPixel(scatter->plot()->axisRect()->rect().topLeft() + QPoint(12, 12), QPoint(3, 2));
    REQUIRE_FALSE(empty.isNull());
    const QPoint on_point = scatter->pixelAt(scatter->pointPosition(0)).toPoint();
    REQUIRE(scatter->pointNear(QPointF(on_point)));
    // Both clicks in one turn of the event loop: the plane click's nearest-sample search and the
    // data point's reconstruction are both still on their threads.
    QTest::mouseClick(scatter->plot(), Qt::LeftButton, Qt::NoModifier, empty);
    QTest::mouseClick(scatter->plot(), Qt::LeftButton, Qt::NoModifier, on_point);
    REQUIRE(f.waitFor(DecodeService::Kind::Reconstruction));
    QTest::qWait(200); // the search's answer, whenever it comes
    CHECK(f.page.nearestRow().has_value());
    CHECK(f.page.sampleView()->caption(0).startsWith(QStringLiteral("original")));
    CHECK(f.page.sampleView()->caption(1) == QStringLiteral("reconstruction"));
}

TEST_CASE("moves faster than the decoder keep one strip in flight and end on the newest", "[gui]") {
    PageFixture f("builtin:sprites", 2, vae::test::kSmallSpriteRows);
    auto& page = f.page;
    auto* decoder = page.findChild<DecodeService*>();
    REQUIRE(decoder);
    QSignalSpy decoded(decoder, &DecodeService::decoded);
    auto* plot = page.scatter()->plot();
    const QRect area = plot->axisRect()->rect();

    // Thirty moves handled back to back, with no event loop turn for an answer in between.
    QTest::mousePress(plot, Qt::LeftButton, Qt::NoModifier, area.center());
    QPoint last;
    for (int i = 1; i <= 30; ++i) {
        last = area.center() + QPoint(5 * i, 3 * i);
        QTest::mouseMove(plot, last);
    }
    CHECK(decoder->latestGeneration(DecodeService::Kind::Strip) == 1);

    // The first answer sends the newest move, which the strip then shows.
    const QPointF b = page.scatter()->planeAt(QPointF(last));
    const auto ends_at_b = [&] {
        for (const auto& args : decoded) {
            const auto r = args.at(0).value<std::shared_ptr<const DecodeService::Result>>();
            if (r->kind == DecodeService::Kind::Strip &&
                std::abs(r->z(r->z.rows() - 1, 0) - b.x()) < 1e-4 &&
                std::abs(r->z(r->z.rows() - 1, 1) - b.y()) < 1e-4)
                return true;
        }
        return false;
    };
    REQUIRE(QTest::qWaitFor([&] { return ends_at_b(); }, 10000));
    CHECK(decoder->latestGeneration(DecodeService::Kind::Strip) == 2);
    QTest::mouseRelease(plot, Qt::LeftButton, Qt::NoModifier, last);
}
