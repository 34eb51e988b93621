#include "ui/latent/latent_page.h"
#include "ui/latent/scatter/latent_scatter_view.h"
#include "ui/main_window.h"
#include "ui/training/training_panel.h"
#include "ui/training/training_session.h"
#include "vae/latent_ops.h"

#include "small_training.h"

#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>

#include <catch2/catch.hpp>
#include <qcustomplot.h>

#include <cmath>

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
