// What one update of the sample views costs on the GUI thread while the user drags on the
// latent plane: InterpolationStrip::setFrames() with 16 new frames plus the repaint it
// schedules, for 28x28 grayscale and 32x32x3 RGB frames; for comparison one
// DecodedSampleView::showImages() (two panels) and one showFeatures() (a 6-column table,
// a QCustomPlot replot) with their repaints. Prints p50/p99 in ms; asserts nothing. A 60 Hz
// drag leaves 16.7 ms per frame for everything, decoding included.
//
// usage: bench_sample_views [--rounds 1000]
// Runs offscreen unless QT_QPA_PLATFORM says otherwise (xvfb-run for a real X server).

#include "bench_stats.h"
#include "ui/latent/decoded_sample_view.h"
#include "ui/latent/interpolation_strip.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEvent>

#include <qcustomplot.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

using vae::bench::median;
using vae::bench::percentile;

namespace {

/// Counts the paint events of one widget, to check that each round really repainted.
class PaintCounter : public QObject {
public:
    int paints = 0;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (event->type() == QEvent::Paint)
            ++paints;
        return QObject::eventFilter(watched, event);
    }
};

/// `frames` images of size x size with `channels` channels, distinct per `seed`.
std::vector<QImage> make_frames(int frames, int size, int channels, int seed) {
    std::vector<QImage> out;
    for (int f = 0; f < frames; ++f) {
        QImage image(size, size, channels == 3 ? QImage::Format_RGB888 : QImage::Format_Grayscale8);
        for (int y = 0; y < size; ++y) {
            uchar* line = image.scanLine(y);
            for (int x = 0; x < size * channels; ++x)
                line[x] = static_cast<uchar>((x * 7 + y * 13 + f * 29 + seed * 101) & 0xff);
        }
        out.push_back(image);
    }
    return out;
}

/// Runs `update` then the event loop until `target` has repainted; returns the times in ms.
std::vector<double> time_updates(int rounds, QWidget* target,
                                 const std::function<void(int)>& update, int* missed) {
    PaintCounter counter;
    target->installEventFilter(&counter);
    std::vector<double> ms;
    ms.reserve(static_cast<std::size_t>(rounds));
    QElapsedTimer clock;
    for (int r = -rounds / 10; r < rounds; ++r) { // the first tenth warms up, untimed
        const int before = counter.paints;
        clock.start();
        update(r);
        QCoreApplication::processEvents();
        const double elapsed = static_cast<double>(clock.nsecsElapsed()) / 1e6;
        if (counter.paints == before)
            ++*missed;
        if (r >= 0)
            ms.push_back(elapsed);
    }
    target->removeEventFilter(&counter);
    return ms;
}

void report(const char* what, const std::vector<double>& ms, int missed) {
    std::printf("%-46s p50 %7.3f ms   p99 %7.3f ms   (%zu rounds%s)\n", what, percentile(ms, 0.5),
                percentile(ms, 0.99), ms.size(), missed > 0 ? ", some without a repaint!" : "");
}

} // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    QCommandLineOption rounds_option(QStringLiteral("rounds"), QStringLiteral("timed updates"),
                                     QStringLiteral("n"), QStringLiteral("1000"));
    parser.addOption(rounds_option);
    parser.process(app);
    const int rounds = std::max(10, parser.value(rounds_option).toInt());

    vae::ui::InterpolationStrip strip;
    strip.resize(1200, 140);
    strip.show();
    QWidget* canvas = strip.findChild<QWidget*>(QStringLiteral("interpolationFrames"));
    for (const auto& [size, channels, label] :
         {std::tuple{28, 1, "strip: setFrames + repaint, 16 x 28x28 gray"},
          std::tuple{32, 3, "strip: setFrames + repaint, 16 x 32x32x3 RGB"}}) {
        const std::vector<std::vector<QImage>> sets{make_frames(16, size, channels, 0),
                                                    make_frames(16, size, channels, 1)};
        int missed = 0;
        const auto ms = time_updates(
            rounds, canvas, [&](int r) { strip.setFrames(sets[static_cast<std::size_t>(r & 1)]); },
            &missed);
        report(label, ms, missed);
    }

    vae::ui::DecodedSampleView view;
    view.resize(480, 320);
    view.show();
    QCoreApplication::processEvents();
    {
        const auto a = make_frames(2, 28, 1, 0);
        const auto b = make_frames(2, 28, 1, 1);
        int missed = 0;
        const auto ms = time_updates(
            rounds, &view,
            [&](int r) {
                const auto& s = (r & 1) ? a : b;
                view.showImages(s[0], QStringLiteral("decoded z = (0.52, -1.30)"), s[1],
                                QStringLiteral("nearest training sample · row 4711"));
            },
            &missed);
        report("view: showImages + repaint, two 28x28 gray", ms, missed);
    }
    {
        QWidget* plot = view.plot();
        int missed = 0;
        const auto ms = time_updates(
            rounds, plot,
            [&](int r) {
                const double t = (r % 100) / 100.0;
                view.showFeatures({vae::ui::FeatureValue::numeric(QStringLiteral("bill_length_mm"),
                                                                  35 + 20 * t, 32.1, 59.6),
                                   vae::ui::FeatureValue::numeric(QStringLiteral("bill_depth_mm"),
                                                                  19 - 4 * t, 13.1, 21.5),
                                   vae::ui::FeatureValue::numeric(
                                       QStringLiteral("flipper_length_mm"), 180 + 50 * t, 172, 231),
                                   vae::ui::FeatureValue::numeric(QStringLiteral("body_mass_g"),
                                                                  3000 + 3800 * t, 2700, 6300)},
                                  QStringLiteral("decoded"),
                                  {vae::ui::FeatureValue::numeric(QStringLiteral("bill_length_mm"),
                                                                  46.5, 32.1, 59.6),
                                   vae::ui::FeatureValue::numeric(QStringLiteral("bill_depth_mm"),
                                                                  17.9, 13.1, 21.5),
                                   vae::ui::FeatureValue::numeric(
                                       QStringLiteral("flipper_length_mm"), 192, 172, 231),
                                   vae::ui::FeatureValue::numeric(QStringLiteral("body_mass_g"),
                                                                  3500, 2700, 6300)},
                                  QStringLiteral("nearest training sample"));
            },
            &missed);
        report("view: showFeatures + repaint, 4 numeric pairs", ms, missed);
    }
    return 0;
}
