#include "app/gui/latent_scene.h"

#include "ui/latent/interpolation_strip.h"
#include "ui/latent/latent_page.h"
#include "ui/latent/nearest_samples_view.h"
#include "ui/latent/scatter/latent_scatter_view.h"

#include <QElapsedTimer>
#include <QStringList>
#include <QTimer>

#include <cmath>

namespace vae::app {
namespace {

const QCommandLineOption kClick(QStringLiteral("click"),
                                QStringLiteral("Latent page: decode the plane point <x,y>."),
                                QStringLiteral("x,y"));
const QCommandLineOption
    kDrag(QStringLiteral("drag"),
          QStringLiteral("Latent page: interpolate from plane point x1,y1 to x2,y2."),
          QStringLiteral("x1,y1,x2,y2"));
const QCommandLineOption
    kGrid(QStringLiteral("manifold-grid"),
          QStringLiteral("Latent page: tile decoded images over the visible region."));
const QCommandLineOption
    kTraversal(QStringLiteral("traversal"),
               QStringLiteral("Latent page: show the traversal instead of the strip."));
const QCommandLineOption kPrior(QStringLiteral("prior-circles"),
                                QStringLiteral("Latent page: show the prior's 1σ and 2σ circles."));
const QCommandLineOption
    kInterpolation(QStringLiteral("interpolation"),
                   QStringLiteral("Latent page: linear (default) or spherical interpolation."),
                   QStringLiteral("mode"));
const QCommandLineOption kFrames(QStringLiteral("frames"),
                                 QStringLiteral("Latent page: frames in the strip (2-64)."),
                                 QStringLiteral("N"));
const QCommandLineOption
    kPoints(QStringLiteral("points"),
            QStringLiteral("Latent page: data points shown (a count, or 'all')."),
            QStringLiteral("N"));

const QCommandLineOption
    kMap(QStringLiteral("map"),
         QStringLiteral("Latent page: a map layer under the points: density (posterior vs "
                        "prior) or consistency (decode-encode distance)."),
         QStringLiteral("layer"));
const QCommandLineOption
    kNearest(QStringLiteral("nearest"),
             QStringLiteral("Latent page: show the K training samples nearest to the decoded "
                            "point (the Nearest tab)."),
             QStringLiteral("K"));

/// Parses "a,b,..." into exactly `count` finite numbers.
std::optional<QList<double>> numbers(const QString& text, int count) {
    const QStringList parts = text.split(QLatin1Char(','));
    if (parts.size() != count)
        return std::nullopt;
    QList<double> out;
    for (const QString& p : parts) {
        bool ok = false;
        const double v = p.trimmed().toDouble(&ok);
        if (!ok || !std::isfinite(v))
            return std::nullopt;
        out.append(v);
    }
    return out;
}

} // namespace

void add_latent_scene_options(QCommandLineParser& parser) {
    for (const auto* o : {&kClick, &kDrag, &kGrid, &kTraversal, &kPrior, &kInterpolation, &kFrames,
                          &kPoints, &kMap, &kNearest})
        parser.addOption(*o);
}

std::optional<LatentScene> latent_scene_from(const QCommandLineParser& parser, QString& error) {
    LatentScene s;
    if (parser.isSet(kClick)) {
        const auto v = numbers(parser.value(kClick), 2);
        if (!v) {
            error = QStringLiteral("--click: '%1' is not accepted (two numbers: x,y)")
                        .arg(parser.value(kClick));
            return std::nullopt;
        }
        s.click = QPointF((*v)[0], (*v)[1]);
    }
    if (parser.isSet(kDrag)) {
        const auto v = numbers(parser.value(kDrag), 4);
        if (!v) {
            error = QStringLiteral("--drag: '%1' is not accepted (four numbers: x1,y1,x2,y2)")
                        .arg(parser.value(kDrag));
            return std::nullopt;
        }
        s.drag = QLineF((*v)[0], (*v)[1], (*v)[2], (*v)[3]);
    }
    s.manifold_grid = parser.isSet(kGrid);
    s.prior_circles = parser.isSet(kPrior);
    s.traversal = parser.isSet(kTraversal);
    if (parser.isSet(kInterpolation)) {
        const QString mode = parser.value(kInterpolation);
        if (mode != QLatin1String("linear") && mode != QLatin1String("spherical")) {
            error = QStringLiteral("--interpolation: '%1' is not accepted (linear or spherical)")
                        .arg(mode);
            return std::nullopt;
        }
        s.spherical = mode == QLatin1String("spherical");
    }
    if (parser.isSet(kFrames)) {
        bool ok = false;
        const int n = parser.value(kFrames).toInt(&ok);
        if (!ok || n < ui::InterpolationStrip::kMinFrames ||
            n > ui::InterpolationStrip::kMaxFrames) {
            error = QStringLiteral("--frames: '%1' is not accepted (a whole number from %2 to %3)")
                        .arg(parser.value(kFrames))
                        .arg(ui::InterpolationStrip::kMinFrames)
                        .arg(ui::InterpolationStrip::kMaxFrames);
            return std::nullopt;
        }
        s.frames = n;
    }
    if (parser.isSet(kPoints)) {
        const QString text = parser.value(kPoints);
        bool ok = text == QLatin1String("all");
        const qulonglong n = ok ? 0 : text.toULongLong(&ok);
        if (!ok || (text != QLatin1String("all") && n == 0)) {
            error = QStringLiteral("--points: '%1' is not accepted (a whole number >= 1, or all)")
                        .arg(text);
            return std::nullopt;
        }
        s.points = static_cast<std::size_t>(n);
    }
    if (parser.isSet(kMap)) {
        const QString layer = parser.value(kMap);
        if (layer == QLatin1String("density"))
            s.map = ui::LatentMapKind::Density;
        else if (layer == QLatin1String("consistency"))
            s.map = ui::LatentMapKind::Consistency;
        else if (layer != QLatin1String("none")) {
            error = QStringLiteral("--map: '%1' is not accepted (density, consistency or none)")
                        .arg(layer);
            return std::nullopt;
        }
    }
    if (parser.isSet(kNearest)) {
        bool ok = false;
        const int k = parser.value(kNearest).toInt(&ok);
        if (!ok || k < 1 || k > ui::NearestSamplesView::kMaxCount) {
            error = QStringLiteral("--nearest: '%1' is not accepted (a whole number from 1 to %2)")
                        .arg(parser.value(kNearest))
                        .arg(ui::NearestSamplesView::kMaxCount);
            return std::nullopt;
        }
        s.nearest = k;
    }
    return s;
}

void LatentScene::apply(ui::LatentPage& page) const {
    if (frames)
        page.strip()->setFrameCount(*frames);
    page.setInterpolation(spherical ? ui::LatentPage::Interpolation::Spherical
                                    : ui::LatentPage::Interpolation::Linear);
    page.scatter()->setPriorCirclesVisible(prior_circles);
    page.scatter()->setManifoldGridEnabled(manifold_grid);
    page.showTraversal(traversal);
    if (nearest) {
        page.nearestView()->setCount(*nearest);
        page.showNearestTab();
    }
    page.scatter()->setMapKind(map);
    if (click)
        page.decodeAt(*click);
    if (drag)
        page.interpolate(drag->p1(), drag->p2());
}

void LatentScene::whenShown(ui::LatentPage& page, std::function<void()> done,
                            int timeout_ms) const {
    // By value: the scene may be gone by the time the timer fires.
    const auto shown = [map = map, nearest = nearest, has_click = click.has_value(), &page] {
        if (map != ui::LatentMapKind::None) {
            const auto m = page.mapResult();
            // For the view as it is now: a resize or refit after apply() asks again.
            if (!m || m->kind != map || m->rect != page.scatter()->visibleRange())
                return false;
        }
        if (nearest && has_click) {
            auto* view = page.nearestView();
            if (view->neighbours().size() != static_cast<std::size_t>(*nearest) ||
                view->verdict() == ui::NearestSamplesView::Verdict::Pending)
                return false;
        }
        return true;
    };
    auto* timer = new QTimer(&page);
    auto clock = std::make_shared<QElapsedTimer>();
    clock->start();
    timer->setInterval(100);
    QObject::connect(timer, &QTimer::timeout, &page,
                     [timer, clock, shown, done = std::move(done), timeout_ms] {
                         if (!shown() && clock->elapsed() < timeout_ms)
                             return;
                         timer->stop();
                         timer->deleteLater();
                         done();
                     });
    timer->start();
}

} // namespace vae::app
