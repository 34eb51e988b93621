// The latent page's nearest-neighbour viewer and map layers on a real page: the neighbours and
// the map cells against the core functions, the verdict, and the layers switched off again.

#include "latent/latent_maps.h"
#include "latent/nearest_distance_scale.h"
#include "latent/nearest_rows.h"
#include "ui/latent/latent_map_service.h"
#include "ui/latent/nearest_samples_view.h"

#include "latent_page_fixture.h"
#include "small_training.h"

#include <QAction>
#include <QSpinBox>
#include <QTest>

#include <cmath>

using vae::test::PageFixture;
using vae::ui::DecodeService;
using vae::ui::LatentMapKind;
using vae::ui::LatentMapService;
using vae::ui::LatentPage;
using vae::ui::NearestSamplesView;

namespace {

/// Waits until the Nearest tab shows neighbours of the page's current query.
bool wait_for_neighbours(LatentPage& page, std::size_t k) {
    QSignalSpy spy(&page, &LatentPage::nearestShown);
    for (int i = 0; i < 100; ++i) {
        if (page.nearestView()->neighbours().size() == k && page.nearestQuery().rows() == 1)
            return true;
        spy.wait(100);
    }
    return false;
}

/// The plane point at the centre of map cell (row r from the top, column c).
QPointF cell_centre(const LatentMapService::Result& m, int r, int c) {
    const double w = m.rect.width() / m.cols;
    const double h = m.rect.height() / m.rows;
    return {m.rect.left() + (c + 0.5) * w, m.rect.bottom() - (r + 0.5) * h};
}

std::shared_ptr<const LatentMapService::Result> wait_for_map(LatentPage& page) {
    QSignalSpy spy(&page, &LatentPage::mapShown);
    if (!page.mapResult())
        spy.wait(10000);
    return page.mapResult();
}

} // namespace

TEST_CASE("the Nearest tab lists the k training rows nearest to the decoded point", "[gui]") {
    PageFixture f("builtin:sprites", 2, vae::test::kSmallSpriteRows);
    auto* count = f.page.nearestView()->findChild<QSpinBox*>(QStringLiteral("nearestCount"));
    REQUIRE(count);
    CHECK(count->value() == 8); // the default
    count->setValue(5);
    f.page.showNearestTab();
    f.page.decodeAt(QPointF(0.4, -0.3));
    REQUIRE(wait_for_neighbours(f.page, 5));
    // The query is the decoded click, and the neighbours are the core's exact answer.
    const vae::Matrix x = f.page.lastDecodedX();
    REQUIRE(f.page.nearestQuery() == x.topRows(1));
    const auto expected = vae::nearest_rows(f.data->values, x.row(0), 5);
    const auto& shown = f.page.nearestView()->neighbours();
    for (std::size_t i = 0; i < 5; ++i) {
        CHECK(shown[i].row == expected[i]);
        const double d = (f.data->values.row(static_cast<Eigen::Index>(expected[i])) - x.row(0))
                             .cast<double>()
                             .norm();
        CHECK(shown[i].distance == Approx(d).epsilon(1e-6));
        CHECK_FALSE(shown[i].image.isNull());
        CHECK(shown[i].label ==
              QString::fromStdString(
                  f.data->label_names[static_cast<std::size_t>(f.data->labels[expected[i]])]));
    }
    // The side panel's nearest sample is the first of them.
    REQUIRE(f.page.nearestRow());
    CHECK(*f.page.nearestRow() == expected.front());

    // Another k searches the same sample again.
    count->setValue(3);
    REQUIRE(wait_for_neighbours(f.page, 3));
    CHECK(f.page.nearestView()->neighbours()[2].row == expected[2]);
}

TEST_CASE("a training row itself is judged a near-copy of its nearest row", "[gui]") {
    PageFixture f("builtin:sprites", 2, vae::test::kSmallSpriteRows);
    auto* decoder = f.page.findChild<DecodeService*>();
    REQUIRE(decoder);
    QSignalSpy scale_ready(decoder, &DecodeService::nearestScaleReady);
    const vae::Matrix row = f.data->values.middleRows(17, 1);
    f.page.showNearestOf(row, QStringLiteral("row 17 itself"));
    CHECK(f.page.nearestView()->queryCaption() == QStringLiteral("row 17 itself"));
    REQUIRE(wait_for_neighbours(f.page, 8));
    if (!decoder->nearestScale())
        REQUIRE(scale_ready.wait(10000));
    REQUIRE(QTest::qWaitFor(
        [&] { return f.page.nearestView()->verdict() != NearestSamplesView::Verdict::Pending; },
        5000));
    const auto& shown = f.page.nearestView()->neighbours();
    CHECK(shown.front().distance == 0.0);
    // Row 17, or an exact duplicate with a lower index.
    const auto expected = vae::nearest_rows(f.data->values, row.row(0), 1).front();
    CHECK(shown.front().row == expected);
    CHECK(f.page.nearestView()->verdict() == NearestSamplesView::Verdict::NearCopy);
    CHECK(f.page.nearestView()->verdictText().startsWith(
        QStringLiteral("Near-copy of row %1").arg(expected)));
    // The scale is the data's own nearest-neighbour distances.
    vae::NearestRowIndex index(f.data->values);
    const auto d = vae::nearest_other_distances(
        index, f.data->values, vae::spread_rows(f.data->rows(), DecodeService::kScaleRows));
    CHECK(decoder->nearestScale()->low == Approx(vae::nearest_distance_scale(d).low));
    CHECK(decoder->nearestScale()->high == Approx(vae::nearest_distance_scale(d).high));
}

TEST_CASE("the posterior-vs-prior map's cells are the core's log ratio", "[gui]") {
    PageFixture f("builtin:sprites", 2, vae::test::kSmallSpriteRows);
    auto* density = f.page.scatter()->findChild<QAction*>(QStringLiteral("mapDensityAction"));
    auto* none = f.page.scatter()->findChild<QAction*>(QStringLiteral("mapNoneAction"));
    REQUIRE(density);
    REQUIRE(none);
    density->trigger(); // as the Map menu does
    CHECK(f.page.scatter()->mapKind() == LatentMapKind::Density);
    // Computed off the GUI thread: nothing is on screen when the toggle returns.
    CHECK_FALSE(f.page.mapResult());
    CHECK_FALSE(f.page.scatter()->mapShown());
    const auto m = wait_for_map(f.page);
    REQUIRE(m);
    REQUIRE(m->kind == LatentMapKind::Density);
    REQUIRE(m->values.size() == m->cols * m->rows);
    CHECK(f.page.scatter()->mapShown());
    CHECK(f.page.scatter()->mapScale()->visible());

    // The core function at a probed cell, with the mixture the service encodes.
    const int r = m->rows / 3;
    const int c = m->cols / 2;
    const auto i = static_cast<Eigen::Index>(r * m->cols + c);
    const QPointF xy = cell_centre(*m, r, c);
    const vae::Matrix z = f.page.projection()->lift(xy.x(), xy.y()).transpose();
    CHECK(m->z.row(i).isApprox(z.row(0), 1e-5f));
    std::vector<std::size_t> rows;
    for (const std::size_t k :
         vae::spread_rows(f.snapshot->rows.size(), LatentMapService::kMixtureRows))
        rows.push_back(f.snapshot->rows[k]);
    vae::Matrix means, logvars;
    vae::encode_rows(*f.model, f.data->values, rows, means, logvars);
    const double expected = vae::posterior_prior_log_ratio(z, means, logvars)(0);
    CHECK(m->values(i) == Approx(expected).epsilon(1e-4).margin(1e-4));
    const auto shown = f.page.scatter()->mapValueAt(xy);
    REQUIRE(shown);
    CHECK(*shown == Approx(expected).epsilon(1e-4).margin(1e-4));
    CHECK(f.page.scatter()->mapText(xy).startsWith(QStringLiteral("log q/p = ")));

    // Off: the layer and its scale go.
    none->trigger();
    CHECK_FALSE(f.page.scatter()->mapShown());
    CHECK_FALSE(f.page.scatter()->mapPlottable()->visible());
    CHECK_FALSE(f.page.scatter()->mapScale()->visible());
    CHECK_FALSE(f.page.scatter()->mapValueAt(xy));
    CHECK_FALSE(f.page.mapResult());
}

TEST_CASE("the consistency map's cells are the core's decode-encode distance and follow zooms",
          "[gui]") {
    PageFixture f("builtin:sprites", 3, vae::test::kSmallSpriteRows);
    f.page.scatter()->setMapKind(LatentMapKind::Consistency);
    CHECK_FALSE(f.page.mapResult()); // on its way from the pool thread
    auto m = wait_for_map(f.page);
    REQUIRE(m);
    REQUIRE(m->kind == LatentMapKind::Consistency);
    // Latent 3: the cells are the projection's plane, lifted to all three dimensions.
    const int r = m->rows / 2;
    const int c = m->cols / 4;
    const QPointF xy = cell_centre(*m, r, c);
    const vae::Matrix z = f.page.projection()->lift(xy.x(), xy.y()).transpose();
    const double expected = vae::decoding_consistency(*f.model, z)(0);
    CHECK(m->values(static_cast<Eigen::Index>(r * m->cols + c)) ==
          Approx(expected).epsilon(1e-4).margin(1e-5));
    REQUIRE(f.page.scatter()->mapValueAt(xy));
    CHECK(*f.page.scatter()->mapValueAt(xy) == Approx(expected).epsilon(1e-4).margin(1e-5));

    // A zoom asks for the new region once the view settles.
    const QRectF zoomed(-0.5, -0.5, 1.0, 1.0);
    f.page.scatter()->setVisibleRange(zoomed);
    REQUIRE(QTest::qWaitFor(
        [&] {
            return f.page.mapResult() && f.page.mapResult() != m &&
                   f.page.mapResult()->rect.width() < m->rect.width();
        },
        10000));
    m = f.page.mapResult();
    CHECK(m->rect.contains(QPointF(0.0, 0.0)));

    f.page.scatter()->setMapKind(LatentMapKind::None);
    CHECK_FALSE(f.page.scatter()->mapShown());
    CHECK_FALSE(f.page.mapResult());
}
