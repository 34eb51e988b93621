#pragma once
// The latent page set up on a small dataset with an untrained model, shared by the latent
// page's tool tests.

#include "data/dataset_loader.h"
#include "ui/latent/latent_page.h"
#include "ui/latent/latent_projection_panel.h"
#include "ui/latent/scatter/latent_scatter_view.h"
#include "vae/latent_ops.h"

#include <QSignalSpy>
#include <QTest>

#include <catch2/catch.hpp>
#include <qcustomplot.h>

#include <memory>
#include <numeric>
#include <string>

namespace vae::test {

/// A page showing `source` encoded by an untrained (but fixed-seed) model of `latent` dims.
struct PageFixture {
    std::shared_ptr<const vae::Dataset> data;
    std::shared_ptr<const vae::VaeModel> model;
    std::shared_ptr<vae::LatentSnapshot> snapshot;
    vae::ui::LatentPage page;

    PageFixture(const std::string& source, std::size_t latent, std::size_t rows) {
        vae::LoadOptions o;
        o.builtin_rows = rows;
        data = std::make_shared<const vae::Dataset>(vae::load_dataset(source, o));
        vae::VaeArchitecture arch;
        arch.input_dim = data->cols();
        arch.latent_dim = latent;
        arch.hidden = {16};
        model = std::make_shared<const vae::VaeModel>(arch, 7);
        snapshot = std::make_shared<vae::LatentSnapshot>();
        snapshot->rows.resize(data->rows());
        std::iota(snapshot->rows.begin(), snapshot->rows.end(), std::size_t{0});
        vae::Matrix logvars;
        vae::encode_rows(*model, data->values, {}, snapshot->means, logvars);
        page.resize(1100, 760);
        page.setDataset(data);
        page.setResults(model, snapshot);
        page.show();
        REQUIRE(QTest::qWaitForWindowExposed(&page));
        // Above two dimensions the plane's PCA axes are fitted off the GUI thread, and the points
        // move when they arrive: a pixel found before then may miss its point after.
        REQUIRE(QTest::qWaitFor([this] { return !page.projectionPanel()->fitting(); }, 10000));
    }

    /// Every result put on screen since the page was set up (a click on a small decoder is
    /// shown before decodeAt returns, so the spy must exist before).
    QSignalSpy shown{&page, &vae::ui::LatentPage::decodedShown};

    /// Waits for a result of `kind` not waited for yet, and consumes the results up to it.
    bool waitFor(vae::ui::DecodeService::Kind kind) {
        for (int i = 0; i < 100; ++i) {
            while (!shown.isEmpty()) {
                const auto k = shown.takeFirst().at(0).value<vae::ui::DecodeService::Kind>();
                if (k == kind)
                    return true;
            }
            shown.wait(100);
        }
        return false;
    }

    /// A pixel of the plot area with no data point within the hit radius, scanning from `from`.
    [[nodiscard]] QPoint emptyPixel(QPoint from, QPoint step) const {
        const QRect area = page.scatter()->plot()->axisRect()->rect().adjusted(8, 8, -8, -8);
        for (QPoint p = from; area.contains(p); p += step)
            if (!page.scatter()->pointNear(QPointF(p),
                                           2 * vae::ui::LatentScatterView::kHitRadiusPx))
                return p;
        return {};
    }
};

} // namespace vae::test
