#include "data/dataset_loader.h"
#include "ui/latent_page.h"
#include "ui/latent_scatter_view.h"
#include "ui/main_window.h"
#include "ui/training_panel.h"
#include "ui/training_session.h"
#include "vae/latent_ops.h"

#include "small_training.h"

#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>

#include <catch2/catch.hpp>
#include <qcustomplot.h>

#include <cmath>
#include <memory>
#include <numeric>

using vae::ui::DecodeService;
using vae::ui::MainWindow;

TEST_CASE("a click on the latent plane decodes exactly the z under the cursor", "[gui]") {
    MainWindow w;
    w.setProperty("scripted", true);
    w.resize(1280, 820);
    w.show();
    QSignalSpy loaded(&w, &MainWindow::datasetLoadFinished);
    vae::LoadOptions o;
    o.builtin_rows = vae::test::kSmallSpriteRows;
    w.openSource(QStringLiteral("builtin:sprites"), o);
    REQUIRE(loaded.wait(30000));
    w.trainingPanel()->setConfig(vae::test::make_small(w.trainingPanel()->config(), 2));
    QSignalSpy finished(&w, &MainWindow::trainingFinished);
    REQUIRE(w.startTraining());
    REQUIRE(finished.wait(60000));

    auto* page = w.latentPage();
    w.findChild<QTabWidget*>()->setCurrentWidget(page);
    REQUIRE(QTest::qWaitForWindowExposed(&w));
    auto* scatter = page->scatter();
    // The newest snapshot's points are on the plane.
    REQUIRE(w.session()->snapshot());
    CHECK(scatter->legendTexts().size() == 4);

    // Somewhere on the plane away from the data points: a plane click, not a data-point click.
    QSignalSpy shown(page, &vae::ui::LatentPage::decodedShown);
    const QRect area = scatter->plot()->axisRect()->rect();
    QPoint pos;
    for (int y = area.top() + 10; y < area.bottom() - 10 && pos.isNull(); y += 7)
        for (int x = area.left() + 10; x < area.right() - 10; x += 7)
            if (!scatter->pointNear(QPointF(x, y), 10).has_value()) {
                pos = QPoint(x, y);
                break;
            }
    REQUIRE_FALSE(pos.isNull());
    const QPointF xy = scatter->planeAt(QPointF(pos));
    QTest::mouseClick(scatter->plot(), Qt::LeftButton, Qt::NoModifier, pos);
    REQUIRE(shown.wait(10000));
    CHECK(shown.takeFirst().at(0).value<DecodeService::Kind>() == DecodeService::Kind::Point);
    const vae::Matrix& z = page->lastDecodedZ();
    REQUIRE(z.cols() == 2);
    // Within the plane distance one pixel covers.
    const QPointF next = scatter->planeAt(QPointF(pos + QPoint(1, 1)));
    CHECK(std::abs(z(0, 0) - xy.x()) <= std::abs(next.x() - xy.x()) + 1e-6);
    CHECK(std::abs(z(0, 1) - xy.y()) <= std::abs(next.y() - xy.y()) + 1e-6);
    CHECK(page->lastDecodedX() == vae::decode_latents(*w.session()->model(), z));
}

TEST_CASE("moves faster than the decoder keep one strip in flight and end on the newest", "[gui]") {
    vae::LoadOptions o;
    o.builtin_rows = vae::test::kSmallSpriteRows;
    auto data = std::make_shared<const vae::Dataset>(vae::load_dataset("builtin:sprites", o));
    vae::VaeArchitecture arch;
    arch.input_dim = data->cols();
    arch.latent_dim = 2;
    arch.hidden = {16};
    auto model = std::make_shared<const vae::VaeModel>(arch, 3);
    auto snapshot = std::make_shared<vae::LatentSnapshot>();
    snapshot->rows.resize(data->rows());
    std::iota(snapshot->rows.begin(), snapshot->rows.end(), std::size_t{0});
    vae::Matrix logvars;
    vae::encode_rows(*model, data->values, {}, snapshot->means, logvars);

    vae::ui::LatentPage page;
    page.resize(900, 600);
    page.setDataset(data);
    page.setResults(model, snapshot);
    page.show();
    REQUIRE(QTest::qWaitForWindowExposed(&page));
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
    QTRY_VERIFY_WITH_TIMEOUT(ends_at_b(), 10000);
    CHECK(decoder->latestGeneration(DecodeService::Kind::Strip) == 2);
    QTest::mouseRelease(plot, Qt::LeftButton, Qt::NoModifier, last);
}
