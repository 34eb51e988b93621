#include "ui/latent/interpolation_strip.h"

#include "../core/temp_files.h"

#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

#include <catch2/catch.hpp>

#include <algorithm>
#include <vector>

using vae::ui::FeatureValue;
using vae::ui::InterpolationStrip;

namespace {

QImage solid(int size, QColor colour) {
    QImage image(size, size, QImage::Format_RGB888);
    image.fill(colour);
    return image;
}

std::vector<QImage> gray_frames(int n, int size) {
    std::vector<QImage> frames;
    for (int i = 0; i < n; ++i) {
        QImage image(size, size, QImage::Format_Grayscale8);
        image.fill(qRgb(i * 255 / n, i * 255 / n, i * 255 / n));
        frames.push_back(image);
    }
    return frames;
}

} // namespace

TEST_CASE("the strip paints its frames left to right, captioned with t", "[gui]") {
    InterpolationStrip strip;
    strip.resize(700, 130);
    CHECK(strip.shownFrames() == 0);
    CHECK(strip.frameRect(0).isEmpty());

    const std::vector<QColor> colours{Qt::red, Qt::green, Qt::blue, Qt::yellow, Qt::magenta};
    std::vector<QImage> frames;
    frames.reserve(colours.size());
    for (const QColor& c : colours)
        frames.push_back(solid(8, c));
    strip.setFrames(frames);
    REQUIRE(strip.shownFrames() == 5);
    const QImage shot = strip.render();
    for (int i = 0; i < 5; ++i) {
        const QRect r = strip.frameRect(i);
        REQUIRE(!r.isEmpty());
        CHECK(r.width() % 8 == 0); // whole pixels
        if (i > 0)
            CHECK(strip.frameRect(i - 1).right() < r.left());
        CHECK(QColor(shot.pixel(r.center())) == colours[static_cast<std::size_t>(i)]);
    }
    CHECK(strip.frameCaption(0) == QStringLiteral("t = 0"));
    CHECK(strip.frameCaption(1) == QStringLiteral("t = 0.25"));
    CHECK(strip.frameCaption(4) == QStringLiteral("t = 1"));

    strip.clear();
    CHECK(strip.shownFrames() == 0);
}

TEST_CASE("new frames of the same count reuse the geometry and create no widgets", "[gui]") {
    InterpolationStrip strip;
    strip.resize(900, 120);
    strip.setFrames(gray_frames(16, 28));
    (void)strip.render();
    const auto children = strip.findChildren<QObject*>().size();
    const int layouts = strip.layoutCount();
    for (int round = 0; round < 3; ++round) {
        auto frames = gray_frames(16, 28);
        std::reverse(frames.begin(), frames.end());
        strip.setFrames(frames);
        const QImage shot = strip.render();
        CHECK(qGray(shot.pixel(strip.frameRect(0).center())) == 15 * 255 / 16);
    }
    CHECK(strip.findChildren<QObject*>().size() == children);
    CHECK(strip.layoutCount() == layouts);

    // A different count lays out again (still without new widgets).
    strip.setFrames(gray_frames(8, 28));
    (void)strip.render();
    CHECK(strip.layoutCount() == layouts + 1);
    CHECK(strip.findChildren<QObject*>().size() == children);
    // Narrow frames drop the "t = ", then label only every few frames and the last.
    strip.setFrames(gray_frames(64, 28));
    CHECK(strip.frameCaption(0) == QStringLiteral("0"));
    CHECK(strip.frameCaption(1).isEmpty());
    CHECK(strip.frameCaption(63) == QStringLiteral("1"));
}

TEST_CASE("the frame-count spin box announces N, clamped to 2..64", "[gui]") {
    InterpolationStrip strip;
    auto* box = strip.findChild<QSpinBox*>(QStringLiteral("frameCount"));
    REQUIRE(box);
    CHECK(strip.frameCount() == InterpolationStrip::kDefaultFrames);
    QSignalSpy spy(&strip, &InterpolationStrip::frameCountChanged);
    QTest::keyClick(box, Qt::Key_Up);
    REQUIRE(spy.count() == 1);
    CHECK(spy.at(0).at(0).toInt() == InterpolationStrip::kDefaultFrames + 1);

    strip.setFrameCount(500);
    CHECK(strip.frameCount() == 64);
    REQUIRE(spy.count() == 2);
    CHECK(spy.at(1).at(0).toInt() == 64);
    strip.setFrameCount(64);
    CHECK(spy.count() == 2);
    strip.setFrameCount(1);
    CHECK(strip.frameCount() == 2);
}

TEST_CASE("table frames show as a heat strip over the training range", "[gui]") {
    InterpolationStrip strip;
    strip.resize(700, 160);
    std::vector<std::vector<FeatureValue>> frames;
    frames.reserve(4);
    for (int i = 0; i < 4; ++i)
        frames.push_back(
            {FeatureValue::numeric(QStringLiteral("body_mass_g"), 2700 + 1200 * i, 2700, 6300),
             FeatureValue::numeric(QStringLiteral("bill_depth_mm"), i == 3 ? 25.0 : 17.0, 13.1,
                                   21.5),
             FeatureValue::categorical_value(
                 QStringLiteral("island"), QString::fromLatin1(i < 2 ? "Dream" : "Biscoe"), 0.9)});
    strip.setFeatureFrames(frames);
    REQUIRE(strip.shownFrames() == 4);
    const QImage shot = strip.render();
    auto cell = [&](int frame, int row, int dx) {
        const QRect r = strip.frameRect(frame);
        return shot.pixel(r.left() + dx, r.top() + (2 * row + 1) * r.height() / 6);
    };
    // Body mass from the training minimum (dark end) to its maximum (bright end).
    CHECK(qGray(cell(0, 0, 5)) < 80);
    CHECK(qGray(cell(3, 0, 5)) > 180);
    // The out-of-range bill depth has a warning border, the one in range does not.
    CHECK(QColor(cell(3, 1, 1)).red() > 150);
    CHECK(QColor(cell(3, 1, 1)).green() < 80);
    CHECK(cell(2, 1, 1) == cell(2, 1, 5));
    // Two islands, two colours.
    CHECK(cell(0, 2, 5) == cell(1, 2, 5));
    CHECK(cell(1, 2, 5) != cell(2, 2, 5));
}

TEST_CASE("the strip exports what it shows as a PNG", "[gui]") {
    vae::test::TempDir dir;
    InterpolationStrip strip;
    strip.resize(600, 110);
    strip.setFrames(gray_frames(6, 32));
    const QString path = QString::fromStdString(dir.file("strip.png"));
    QString error;
    REQUIRE(strip.exportImage(path, &error));
    const QImage back(path);
    REQUIRE_FALSE(back.isNull());
    CHECK(back.size() == strip.render().size());
    CHECK(qGray(back.pixel(strip.frameRect(5).center())) == 5 * 255 / 6);
}
