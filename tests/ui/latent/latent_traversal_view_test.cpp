#include "ui/latent/latent_traversal_view.h"

#include "ui/widgets/feature_colors.h"

#include "../core/temp_files.h"

#include <QDoubleSpinBox>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

#include <catch2/catch.hpp>

#include <vector>

using vae::ui::FeatureValue;
using vae::ui::LatentTraversalView;

namespace {

QStringList dim_labels(int n) {
    QStringList out;
    for (int k = 0; k < n; ++k)
        out << QStringLiteral("z%1").arg(k);
    return out;
}

/// rows x cols images of `size` pixels, cell (r, c) in a colour of its own.
std::vector<QImage> cells(int rows, int cols, int size) {
    std::vector<QImage> out;
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) {
            QImage image(size, size, QImage::Format_RGB888);
            image.fill(
                QColor(r * 255 / std::max(1, rows - 1), c * 255 / std::max(1, cols - 1), 90));
            out.push_back(image);
        }
    return out;
}

} // namespace

TEST_CASE("the traversal view shows one row per dimension and one column per value", "[gui]") {
    LatentTraversalView view;
    view.resize(700, 400);
    CHECK(view.rowCount() == 0);
    const std::vector<double> values{-2, -1, 0, 1, 2};
    const auto images = cells(3, 5, 8);
    view.setImages(images, QStringList{"z₀", "z₄", "z₉"}, values);
    REQUIRE(view.rowCount() == 3);
    REQUIRE(view.columnCount() == 5);
    CHECK(view.rowLabel(1) == QStringLiteral("z₄"));
    CHECK(view.columnCaption(0) == QStringLiteral("−2"));
    CHECK(view.columnCaption(2) == QStringLiteral("0"));
    CHECK(view.columnCaption(4) == QStringLiteral("2"));

    const QImage shot = view.render();
    for (int r = 0; r < 3; ++r)
        for (int c = 0; c < 5; ++c) {
            const QRect cell = view.cellRect(r, c);
            REQUIRE(!cell.isEmpty());
            CHECK(cell.width() % 8 == 0); // whole pixels
            CHECK(cell.width() > 8);      // scaled up to use the room
            CHECK(shot.rect().contains(cell));
            CHECK(QColor(shot.pixel(cell.center())) ==
                  QColor(images[static_cast<std::size_t>(r * 5 + c)].pixel(0, 0)));
            if (c > 0)
                CHECK(view.cellRect(r, c - 1).right() < cell.left());
            if (r > 0)
                CHECK(view.cellRect(r - 1, c).bottom() < cell.top());
        }

    // Counts that do not add up show nothing rather than a misaligned table.
    view.setImages(cells(2, 5, 8), QStringList{"a", "b", "c"}, values);
    CHECK(view.rowCount() == 0);
    view.setImages(images, QStringList{"z₀", "z₄", "z₉"}, values);
    view.clear();
    CHECK(view.rowCount() == 0);
    CHECK(view.cellRect(0, 0).isEmpty());
}

TEST_CASE("the traversal controls announce a new request", "[gui]") {
    LatentTraversalView view;
    QSignalSpy spy(&view, &LatentTraversalView::requestChanged);
    auto* steps = view.findChild<QSpinBox*>(QStringLiteral("traversalSteps"));
    auto* range = view.findChild<QDoubleSpinBox*>(QStringLiteral("traversalRange"));
    REQUIRE(steps != nullptr);
    REQUIRE(range != nullptr);
    CHECK(view.steps() == LatentTraversalView::kDefaultSteps);
    CHECK(view.range() == LatentTraversalView::kDefaultRange);

    steps->setFocus();
    steps->selectAll();
    QTest::keyClicks(steps, QStringLiteral("11"));
    QTest::keyClick(steps, Qt::Key_Enter);
    CHECK(view.steps() == 11);
    CHECK(spy.count() == 1); // not once for "1" and again for "11"

    range->setValue(2.5);
    CHECK(spy.count() == 2);
    CHECK(view.range() == 2.5);
    view.setRange(2.5); // unchanged: no new request
    CHECK(spy.count() == 2);
    view.setSteps(1000);
    CHECK(view.steps() == LatentTraversalView::kMaxSteps);
    CHECK(spy.count() == 3);
}

TEST_CASE("sixty-four dimensions scroll and all of them render", "[gui]") {
    LatentTraversalView view;
    view.resize(800, 300);
    std::vector<double> values(9);
    for (std::size_t i = 0; i < values.size(); ++i)
        values[i] = -3.0 + 0.75 * static_cast<double>(i);
    const auto images = cells(64, 9, 28);
    view.setImages(images, dim_labels(64), values);
    QStringList notes;
    for (int k = 0; k < 64; ++k)
        notes << QStringLiteral("KL %1").arg(k * 0.1, 0, 'f', 2);
    view.setRowNotes(notes);
    REQUIRE(view.rowCount() == 64);
    const QRect last = view.cellRect(63, 8);
    CHECK(last.bottom() > view.height()); // beyond the view: scrolled to
    CHECK(last.right() < view.width());   // but never sideways
    const QImage shot = view.render();
    REQUIRE(shot.rect().contains(last));
    CHECK(QColor(shot.pixel(last.center())) == QColor(images.back().pixel(0, 0)));
    CHECK(view.columnCaption(1) == QStringLiteral("−2.25"));
}

TEST_CASE("crowded column headers are thinned out, the last one kept", "[gui]") {
    LatentTraversalView view;
    view.resize(300, 300);
    std::vector<double> values(25);
    for (std::size_t i = 0; i < values.size(); ++i)
        values[i] = -3.0 + 0.25 * static_cast<double>(i);
    view.setImages(cells(2, 25, 8), dim_labels(2), values);
    int shown = 0;
    for (int c = 0; c < 25; ++c)
        shown += view.columnCaption(c).isEmpty() ? 0 : 1;
    CHECK(shown > 1);
    CHECK(shown < 25);
    CHECK(view.columnCaption(0) == QStringLiteral("−3"));
    CHECK(view.columnCaption(24) == QStringLiteral("3"));
}

TEST_CASE("table traversals are a heat map of each feature's training range", "[gui]") {
    LatentTraversalView view;
    view.resize(600, 300);
    const std::vector<double> values{-1, 0, 1};
    std::vector<std::vector<FeatureValue>> rows;
    for (int r = 0; r < 2; ++r)
        for (int c = 0; c < 3; ++c)
            rows.push_back(
                {FeatureValue::numeric("mass", 3000.0 + 1000.0 * c, 3000.0, 5000.0),
                 FeatureValue::categorical_value("island", c == 2 ? "Dream" : "Biscoe", 1.0)});
    view.setFeatureRows(rows, dim_labels(2), values);
    REQUIRE(view.rowCount() == 2);
    REQUIRE(view.columnCount() == 3);
    const QImage shot = view.render();
    const QRect first = view.cellRect(1, 0);
    const QRect last = view.cellRect(1, 2);
    // The numeric feature's band is the cell's upper half: training minimum, then maximum.
    const QPoint low(first.left() + 2, first.top() + 2);
    const QPoint high(last.right() - 2, last.top() + 2);
    CHECK(QColor(shot.pixel(low)) == vae::ui::viridis_color(0.0));
    CHECK(QColor(shot.pixel(high)) == vae::ui::viridis_color(1.0));
    // Two categories, two colours.
    const QPoint biscoe(first.left() + 2, first.bottom() - 2);
    const QPoint dream(last.right() - 2, last.bottom() - 2);
    CHECK(shot.pixel(biscoe) != shot.pixel(dream));

    view.setFeatureRows({}, dim_labels(2), values);
    CHECK(view.rowCount() == 0);
}

TEST_CASE("the traversal exports as a PNG", "[gui]") {
    LatentTraversalView view;
    view.resize(500, 300);
    view.setImages(cells(4, 7, 12), dim_labels(4), {-3, -2, -1, 0, 1, 2, 3});
    const vae::test::TempDir dir;
    const QString path = QString::fromStdString((dir.path() / "traversal.png").string());
    QString error;
    REQUIRE(view.exportImage(path, &error));
    const QImage back(path);
    CHECK(back.size() == view.render().size());
    CHECK(back.pixel(view.cellRect(3, 6).center()) ==
          view.render().pixel(view.cellRect(3, 6).center()));
}
