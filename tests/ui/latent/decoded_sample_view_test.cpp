#include "ui/latent/decoded_sample_view.h"
#include "ui/widgets/crisp_image.h"

#include "../core/temp_files.h"

#include <QApplication>
#include <QHelpEvent>
#include <QLabel>
#include <QScrollArea>
#include <QToolTip>

#include <qcustomplot.h>

#include <catch2/catch.hpp>

#include <vector>

using vae::ui::DecodedSampleView;
using vae::ui::FeatureValue;

namespace {

QImage gray(int width, int height, int level) {
    QImage image(width, height, QImage::Format_Grayscale8);
    image.fill(qRgb(level, level, level));
    return image;
}

/// A penguin-like row: four measurements and two categories; body mass far too heavy.
std::vector<FeatureValue> decoded_penguin() {
    return {
        FeatureValue::numeric(QStringLiteral("bill_length_mm"), 44.1, 32.1, 59.6),
        FeatureValue::numeric(QStringLiteral("bill_depth_mm"), 17.3, 13.1, 21.5),
        FeatureValue::numeric(QStringLiteral("flipper_length_mm"), 201, 172, 231),
        FeatureValue::numeric(QStringLiteral("body_mass_g"), 7200, 2700, 6300),
        FeatureValue::categorical_value(QStringLiteral("island"), QStringLiteral("Dream"), 0.81),
        FeatureValue::categorical_value(QStringLiteral("sex"), QStringLiteral("female"), 0.64)};
}

std::vector<FeatureValue> nearest_penguin() {
    return {FeatureValue::numeric(QStringLiteral("bill_length_mm"), 46.5, 32.1, 59.6),
            FeatureValue::numeric(QStringLiteral("bill_depth_mm"), 17.9, 13.1, 21.5),
            FeatureValue::numeric(QStringLiteral("flipper_length_mm"), 192, 172, 231),
            FeatureValue::numeric(QStringLiteral("body_mass_g"), 3500, 2700, 6300),
            FeatureValue::categorical_value(QStringLiteral("island"), QStringLiteral("Dream"), 1.0),
            FeatureValue::categorical_value(QStringLiteral("sex"), QStringLiteral("female"), 1.0)};
}

int dark_pixels(const QImage& image, const QRect& area) {
    int n = 0;
    const QRect r = area.intersected(image.rect());
    for (int y = r.top(); y <= r.bottom(); ++y)
        for (int x = r.left(); x <= r.right(); ++x)
            n += qGray(image.pixel(x, y)) < 128 ? 1 : 0;
    return n;
}

} // namespace

TEST_CASE("the view starts with a hint and clear() returns to it", "[gui]") {
    DecodedSampleView view;
    view.resize(400, 300);
    auto* hint = view.findChild<QLabel*>(QStringLiteral("decodedPlaceholder"));
    REQUIRE(hint);
    CHECK(view.mode() == DecodedSampleView::Mode::Empty);
    CHECK(hint->isVisibleTo(&view));
    CHECK(hint->text().contains(QStringLiteral("Click the latent plane")));

    view.showImages(gray(28, 28, 0), QStringLiteral("decoded"));
    CHECK(view.mode() == DecodedSampleView::Mode::Images);
    CHECK_FALSE(hint->isVisibleTo(&view));
    view.clear();
    CHECK(view.mode() == DecodedSampleView::Mode::Empty);
    CHECK(view.panelCount() == 0);
    CHECK(hint->isVisibleTo(&view));
}

TEST_CASE("a decoded image is scaled up by whole pixels without smoothing", "[gui]") {
    DecodedSampleView view;
    view.resize(420, 320);
    QImage image = gray(28, 28, 0);
    image.setPixel(10, 7, qRgb(255, 255, 255));
    view.showImages(image, QStringLiteral("decoded z = (0.52, −1.30)"));
    REQUIRE(view.panelCount() == 1);

    const QImage shot = view.render();
    const QRect r = view.imageRect(0);
    REQUIRE(!r.isEmpty());
    const int k = r.width() / 28;
    REQUIRE(k >= 4); // scaled up, and by a whole number: square pixels
    CHECK(r.width() == 28 * k);
    CHECK(r.height() == 28 * k);

    // The bright source pixel is a solid k x k block of one colour ...
    const QPoint block = r.topLeft() + QPoint(10 * k, 7 * k);
    const QRgb bright = shot.pixel(block);
    CHECK(qGray(bright) > 240);
    int different = 0;
    for (int y = 0; y < k; ++y)
        for (int x = 0; x < k; ++x)
            different += shot.pixel(block + QPoint(x, y)) != bright ? 1 : 0;
    CHECK(different == 0);
    // ... with black right next to it on all four sides: smoothing would blend the edges.
    for (const QPoint& outside :
         {QPoint(-1, k / 2), QPoint(k, k / 2), QPoint(k / 2, -1), QPoint(k / 2, k)})
        CHECK(qGray(shot.pixel(block + outside)) == 0);
}

TEST_CASE("two panels sit side by side, each over its own caption", "[gui]") {
    DecodedSampleView view;
    view.resize(500, 300);
    const QString left = QStringLiteral("decoded z = (0.52, −1.30)");
    const QString right = QStringLiteral("nearest training sample · row 4711 · Sneaker");
    view.showImages(gray(28, 28, 0), left, gray(28, 28, 255), right);
    REQUIRE(view.panelCount() == 2);
    CHECK(view.caption(0) == left);
    CHECK(view.caption(1) == right);

    const QImage shot = view.render();
    const QRect a = view.imageRect(0);
    const QRect b = view.imageRect(1);
    CHECK(a.size() == b.size());
    CHECK(a.right() < b.left());
    CHECK(a.top() == b.top());
    CHECK(qGray(shot.pixel(a.center())) == 0);
    CHECK(qGray(shot.pixel(b.center())) == 255);
    // Captions are painted under each image (text pixels in a line's height below it).
    const int line = view.fontMetrics().height();
    for (const QRect& r : {a, b})
        CHECK(dark_pixels(shot, QRect(r.left() - 20, r.bottom() + 3, r.width() + 40, line + 4)) >
              10);

    view.showImages(gray(28, 28, 0), QStringLiteral("original · row 12"));
    CHECK(view.panelCount() == 1);
    CHECK(view.caption(1).isEmpty());
}

TEST_CASE("table rows: numeric bars, out-of-range values flagged, categories as text", "[gui]") {
    DecodedSampleView view;
    view.resize(520, 420);
    view.showFeatures(decoded_penguin(), QStringLiteral("decoded z = (0.52, −1.30)"),
                      nearest_penguin(), QStringLiteral("nearest training sample · row 17"));
    REQUIRE(view.mode() == DecodedSampleView::Mode::Features);
    CHECK(view.caption(1) == QStringLiteral("nearest training sample · row 17"));

    // One bar per numeric feature and row; exactly the heavy decoded body mass is flagged.
    QCustomPlot* plot = view.plot();
    int bars = 0;
    int flagged = 0;
    for (int i = 0; i < plot->plottableCount(); ++i)
        if (auto* b = qobject_cast<QCPBars*>(plot->plottable(i))) {
            bars += b->dataCount();
            if (b->name() == QStringLiteral("outside the training range"))
                flagged += b->dataCount();
        }
    CHECK(bars == 8);
    CHECK(flagged == 1);
    auto ticker =
        plot->axisRect()->axis(QCPAxis::atLeft)->ticker().dynamicCast<QCPAxisTickerText>();
    REQUIRE(ticker);
    const QStringList names = ticker->ticks().values();
    CHECK(names ==
          QStringList({QStringLiteral("bill_length_mm"), QStringLiteral("bill_depth_mm"),
                       QStringLiteral("flipper_length_mm"), QStringLiteral("⚠ body_mass_g")}));

    const QString warnings = view.rangeWarningText();
    CHECK(warnings.contains(QStringLiteral("body_mass_g = 7200")));
    CHECK(warnings.contains(QStringLiteral("outside the training range [2700, 6300]")));
    CHECK_FALSE(warnings.contains(QStringLiteral("bill")));
    auto* warning_label = view.findChild<QLabel*>(QStringLiteral("rangeWarnings"));
    REQUIRE(warning_label);
    CHECK(warning_label->isVisibleTo(&view));

    CHECK(
        view.categoricalText() ==
        QStringLiteral("island: Dream (0.81) | Dream (1.00)\nsex: female (0.64) | female (1.00)"));
    auto* categories = view.findChild<QLabel*>(QStringLiteral("categoricalValues"));
    REQUIRE(categories);
    CHECK(categories->isVisibleTo(&view));
    CHECK(categories->text().contains(QStringLiteral("Dream (0.81)")));

    // Hovering the flagged bar names the value and the range.
    (void)view.render(); // lays the plot out at its size
    QCPAxisRect* rect = plot->axisRect();
    const QPoint bar(static_cast<int>(rect->axis(QCPAxis::atBottom)->coordToPixel(0.5)),
                     static_cast<int>(rect->axis(QCPAxis::atLeft)->coordToPixel(3 - 0.19)));
    QHelpEvent hover(QEvent::ToolTip, bar, plot->mapToGlobal(bar));
    QApplication::sendEvent(plot, &hover);
    CHECK(QToolTip::text().contains(QStringLiteral("body_mass_g = 7200")));
    CHECK(QToolTip::text().contains(QStringLiteral("outside the training range [2700, 6300]")));
    QToolTip::hideText();

    // All in range: no notes, no flagged bars.
    view.showFeatures(nearest_penguin(), QStringLiteral("original · row 17"));
    CHECK(view.rangeWarningText().isEmpty());
    CHECK_FALSE(warning_label->isVisibleTo(&view));
    CHECK(view.caption(1).isEmpty());
}

TEST_CASE("exportImage writes a PNG of what the view shows", "[gui]") {
    vae::test::TempDir dir;
    DecodedSampleView view;
    view.resize(360, 240);
    view.showImages(gray(28, 28, 40), QStringLiteral("original"), gray(28, 28, 200),
                    QStringLiteral("reconstruction"));
    const QString path = QString::fromStdString(dir.file("decoded.png"));
    QString error;
    REQUIRE(view.exportImage(path, &error));
    const QImage back(path);
    REQUIRE_FALSE(back.isNull());
    CHECK(back.size() == view.render().size());
    CHECK(qGray(back.pixel(view.imageRect(1).center())) == 200);

    const QString missing = QString::fromStdString(dir.file("no/such/folder/x.png"));
    CHECK_FALSE(view.exportImage(missing, &error));
    CHECK(error.contains(QStringLiteral("x.png")));
}

TEST_CASE("images scale by whole pixels unless that wastes more than a fifth", "[gui]") {
    using vae::ui::crisp_image_rect;
    // 200 / 28 = 7.1: 7 whole pixels, centred.
    CHECK(crisp_image_rect({28, 28}, QRect(0, 0, 200, 300), 1.0) == QRect(2, 52, 196, 196));
    // 54 / 28 = 1.93: one whole pixel would keep half the size, so the exact fit (aspect kept).
    CHECK(crisp_image_rect({28, 28}, QRect(0, 0, 54, 54), 1.0).size() == QSize(54, 54));
    // On a 2x screen the whole pixels are device pixels: 200 * 2 / 28 = 14.3 -> 14 -> 196 / 2.
    CHECK(crisp_image_rect({28, 28}, QRect(0, 0, 200, 200), 2.0).size() == QSize(196, 196));
    // Larger than the box: scaled down to fit.
    CHECK(crisp_image_rect({256, 128}, QRect(0, 0, 100, 100), 1.0).size() == QSize(100, 50));
    CHECK(crisp_image_rect({}, QRect(0, 0, 100, 100), 1.0).isEmpty());
}
