// The Latent Plane tab end to end, as a user meets it: the real LatentPage in a window, all of
// Fashion-MNIST on the plane (60,000 training + 10,000 test images = 70,000 points), a VAE with
// a 2-D latent and the default architecture (784-512-256-2), trained for one epoch here (a few
// seconds; the decoded images then look like clothes) or loaded with --model.
//
//   1. A click on the plane away from the points: from the synthesized click (QTest::mouseClick
//      on the plot) until the decoded image is on screen; the marker on the plane repaints on
//      the way. Also a click on a data point: its reconstruction (the row is encoded on the GUI
//      thread, then decoded) and the hover tooltip that a release over a point opens.
//   2. A full replot of the 70,000 points until on screen: after setResults() with a new
//      snapshot (a live update during training), after one wheel step of zoom, after one step
//      of a right-drag pan.
//   3. A left drag: QTest::mousePress, then mouse moves along a curve, due on a fixed schedule
//      (every 8 ms = a 125 Hz mouse, 4 ms, 2 ms = 500 Hz). When the GUI thread is busy past the
//      next due time, the due moves are merged into the newest, as X queues motion for Qt to
//      compress. Per move: from when it was due until the strip shows 16 frames decoded for it
//      or for a newer move. Which move a strip shows is read off the strip (its last frame is
//      the cursor's B). Counts say how many moves never got a strip of their own.
//      Also where the GUI thread's time went: repaint passes with and without the plot, the
//      paintEvents alone, the mouse-move handling, and CPU use by thread group.
//
// "On screen" means: the window's repaint pass (Qt's UpdateRequest: every dirty widget painted
// into the backing store, which is then flushed to the platform) that painted the watched
// widget has returned. FrameProbe dispatches that event itself to stamp its end. Not included:
// what the platform does with the flushed image afterwards (offscreen: nothing; X: the server
// copying the shared-memory image to the screen; a compositor's vsync).
//
// usage: bench_latent_page [--data DIR] [--train-only] [--model FILE] [--save-model FILE]
//        [--epochs 1] [--threads 0] [--clicks 300] [--replots 100] [--moves 300]
//        [--intervals 8,4,2] [--screenshot FILE]
// Runs offscreen unless QT_QPA_PLATFORM says otherwise; xvfb-run for a real X server.
//
// Measured 2026-11-25 (after the nearest-sample thread and the GUI-thread decode of small
// decoders), 2 shared cores, three runs each, medians (p50 / p99 ms), offscreen | Xvfb:
//   plane click -> image on screen   0.45-0.64 / 0.86-1.15 | 0.57-0.65 / 3.2-3.6 (quiet machine;
//     under X the excess is the X server round trip of Qt's MIT-SHM flush, see README.md)
//     of which decoded               0.16 / 0.35 | 0.18 / 0.33
//   new snapshot -> replotted        6.0 / 11.4  | 6.1 / 7.4
//   drag every 8 ms -> strip shown   2.3 / 4.0   | 2.7 / 5.1
// See README.md for all figures and where the time goes.

#include "bench_stats.h"
#include "data/dataset_loader.h"
#include "io/model_file.h"
#include "io/trained_model_file.h"
#include "training/trainer.h"
#include "ui/latent/decode_service.h"
#include "ui/latent/decoded_sample_view.h"
#include "ui/latent/interpolation_strip.h"
#include "ui/latent/latent_page.h"
#include "ui/latent/scatter/latent_scatter_view.h"
#include "vae/latent_ops.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QScreen>
#include <QTest>
#include <QTimer>
#include <QWheelEvent>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <numbers>
#include <numeric>
#include <random>
#include <stdexcept>
#include <thread>
#include <vector>

using vae::bench::percentile;
using vae::ui::DecodeService;

namespace {

QElapsedTimer g_clock;

double now_ms() {
    return static_cast<double>(g_clock.nsecsElapsed()) * 1e-6;
}

constexpr unsigned kSampleBit = 1;
constexpr unsigned kStripBit = 2;
constexpr unsigned kPlotBit = 4;

/// Stamps the end of each repaint of the window and says which watched widgets it painted.
/// The window's UpdateRequest is dispatched from the filter so that the stamp falls after the
/// paint and the flush; a watched widget painted outside such a pass (a synchronous repaint())
/// is stamped after its own paintEvent. Also keeps how long each pass and each watched
/// widget's paintEvent took, to say where the time goes.
class FrameProbe : public QObject {
public:
    std::function<void(double ms, unsigned painted)> on_frame;
    int passes = 0;
    int paints_outside_passes = 0;
    double last_pass_start = 0.0;                     ///< when the latest repaint pass began
    std::vector<std::pair<double, unsigned>> pass_ms; ///< duration, widgets painted
    std::map<unsigned, std::vector<double>> paint_ms; ///< by widget bit

    explicit FrameProbe(QWidget* window) : window_(window) { window->installEventFilter(this); }
    void watch(QWidget* w, unsigned bit) {
        w->installEventFilter(this);
        bits_[w] = bit;
    }
    void clearCosts() {
        pass_ms.clear();
        paint_ms.clear();
    }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (event->type() == QEvent::UpdateRequest && watched == window_) {
            painted_ = 0;
            in_pass_ = true;
            const double t0 = now_ms();
            last_pass_start = t0;
            // QObject::event is public; this runs QWidget::event, i.e. the paint and the flush.
            watched->event(event);
            const double t1 = now_ms();
            in_pass_ = false;
            ++passes;
            pass_ms.emplace_back(t1 - t0, painted_);
            if (on_frame)
                on_frame(t1, painted_);
            return true;
        }
        if (event->type() == QEvent::Paint) {
            const auto it = bits_.find(watched);
            if (it == bits_.end())
                return false;
            const double t0 = now_ms();
            watched->event(event);
            const double t1 = now_ms();
            paint_ms[it->second].push_back(t1 - t0);
            if (in_pass_) {
                painted_ |= it->second;
            } else {
                ++paints_outside_passes;
                if (on_frame)
                    on_frame(t1, it->second);
            }
            return true;
        }
        return false;
    }

private:
    QWidget* window_;
    std::map<QObject*, unsigned> bits_;
    unsigned painted_ = 0;
    bool in_pass_ = false;
};

double thread_cpu_ms() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) * 1e-6;
}

double process_cpu_ms() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) * 1e-6;
}

/// Where a drag's time went on the GUI thread: passes that painted the plot (the path on
/// the overlay layer) against passes that painted only the strip, the paintEvents alone, the
/// mouse-move handling, and the CPU the GUI thread and the other threads used.
void print_costs(const FrameProbe& probe, const std::vector<double>& move_ms, double wall_ms,
                 double gui_cpu_ms, double other_cpu_ms) {
    std::vector<double> with_plot;
    std::vector<double> strip_only;
    for (const auto& [ms, painted] : probe.pass_ms)
        if (painted & kPlotBit)
            with_plot.push_back(ms);
        else if (painted & kStripBit)
            strip_only.push_back(ms);
    auto paints = [&](unsigned bit) {
        const auto it = probe.paint_ms.find(bit);
        return it == probe.paint_ms.end() ? std::vector<double>{} : it->second;
    };
    std::printf("  GUI thread: passes with the plot %zu x %.2f ms (its paintEvent %.2f ms), "
                "strip only %zu x %.2f ms (strip paintEvent %.2f ms); mouse move handling "
                "%.3f ms (p50)\n",
                with_plot.size(), percentile(with_plot, 0.5), percentile(paints(kPlotBit), 0.5),
                strip_only.size(), percentile(strip_only, 0.5), percentile(paints(kStripBit), 0.5),
                percentile(move_ms, 0.5));
    std::printf("  CPU during the drag (%.0f ms): GUI thread %.0f %%, other threads of the "
                "process %.0f %% of a core\n",
                wall_ms, 100.0 * gui_cpu_ms / wall_ms, 100.0 * other_cpu_ms / wall_ms);
}

/// Runs the event loop (sleeping while idle) until `done()` or `timeout_ms`; false on timeout.
bool wait_for(const std::function<bool()>& done, double timeout_ms) {
    const double deadline = now_ms() + timeout_ms;
    QTimer wake;
    wake.start(static_cast<int>(timeout_ms) + 1); // so that an idle wait still ends
    while (!done()) {
        if (now_ms() > deadline)
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    return true;
}

/// Drops the offscreen plugin's "does not support raise()" (the hover tooltip asks for it).
void quiet_platform(QtMsgType type, const QMessageLogContext&, const QString& message) {
    if (!message.startsWith(QLatin1String("This plugin does not support")))
        std::fprintf(stderr, "%s%s\n", type == QtDebugMsg ? "" : "qt: ", qPrintable(message));
}

/// Handles whatever is queued without waiting (overlay repaints and the like).
void drain() {
    for (int i = 0; i < 3; ++i)
        QCoreApplication::processEvents();
}

struct Figure {
    std::string name;
    std::vector<double> ms;
    double target = 0.0; ///< on p99; 0 = none
};

void print_table(const std::vector<Figure>& figures) {
    std::printf("\n%-52s %6s %8s %8s %8s  %-12s\n", "figure (ms)", "n", "p50", "p99", "max",
                "target p99");
    for (const Figure& f : figures) {
        const double p99 = percentile(f.ms, 0.99);
        const double mx = f.ms.empty() ? 0.0 : *std::max_element(f.ms.begin(), f.ms.end());
        char target[32] = "";
        if (f.target > 0)
            std::snprintf(target, sizeof target, "< %g %s", f.target,
                          p99 < f.target ? "pass" : "FAIL");
        std::printf("%-52s %6zu %8.3f %8.3f %8.3f  %-12s\n", f.name.c_str(), f.ms.size(),
                    percentile(f.ms, 0.5), p99, mx, target);
    }
}

std::string first_line_with(const char* path, const char* key) {
    QFile f(QString::fromLatin1(path));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    for (const QByteArray& line : f.readAll().split('\n'))
        if (line.startsWith(key)) {
            const auto colon = line.indexOf(':');
            return line.mid(colon + 1).trimmed().toStdString();
        }
    return {};
}

std::string load_average() {
    QFile f(QStringLiteral("/proc/loadavg"));
    if (!f.open(QIODevice::ReadOnly))
        return "?";
    return f.readAll().split(' ').mid(0, 3).join(' ').toStdString();
}

/// Train and test sets as one dataset (test rows after the training rows).
vae::Dataset append_rows(vae::Dataset a, const vae::Dataset& b) {
    const Eigen::Index n = a.values.rows();
    a.values.conservativeResize(n + b.values.rows(), Eigen::NoChange);
    a.values.bottomRows(b.values.rows()) = b.values;
    a.labels.insert(a.labels.end(), b.labels.begin(), b.labels.end());
    return a;
}

/// Positions (plot pixels) inside the axis rect, on a jittered grid, where a click is a plane
/// click (no point within reach) or, with `on_points`, lands on a data point.
std::vector<QPoint> click_positions(const vae::ui::LatentScatterView& view, bool on_points,
                                    std::size_t want, std::mt19937& rng) {
    const QRect area = view.plot()->axisRect()->rect().adjusted(8, 8, -8, -8);
    std::vector<QPoint> found;
    if (on_points) {
        std::uniform_int_distribution<std::size_t> pick(0, view.pointCount() - 1);
        for (std::size_t tries = 0; found.size() < want && tries < want * 50; ++tries) {
            const QPoint p = view.pixelAt(view.pointPosition(pick(rng))).toPoint();
            if (area.contains(p) && view.pointNear(QPointF(p)).has_value())
                found.push_back(p);
        }
    } else {
        std::uniform_int_distribution<int> jitter(0, 6);
        for (int y = area.top(); y < area.bottom(); y += 9)
            for (int x = area.left(); x < area.right(); x += 9) {
                const QPoint p(x + jitter(rng), y + jitter(rng));
                if (area.contains(p) &&
                    !view.pointNear(QPointF(p), 2.0 * vae::ui::LatentScatterView::kHitRadiusPx))
                    found.push_back(p);
            }
        std::shuffle(found.begin(), found.end(), rng);
    }
    return found;
}

int run(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    qInstallMessageHandler(quiet_platform);
    QApplication app(argc, argv);
    g_clock.start();
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    QCommandLineParser args;
    args.addHelpOption();
    args.addOptions(
        {{QStringLiteral("data"), QStringLiteral("Fashion-MNIST folder"), QStringLiteral("dir"),
          QStringLiteral("/usr/share/datasets/fashion-mnist")},
         {QStringLiteral("train-only"), QStringLiteral("the 60,000 training rows only")},
         {QStringLiteral("model"), QStringLiteral("use this .vaem instead of training"),
          QStringLiteral("file")},
         {QStringLiteral("save-model"), QStringLiteral("save the trained model"),
          QStringLiteral("file")},
         {QStringLiteral("epochs"), QStringLiteral("training epochs"), QStringLiteral("n"),
          QStringLiteral("1")},
         {QStringLiteral("threads"), QStringLiteral("training threads (0 = all)"),
          QStringLiteral("n"), QStringLiteral("0")},
         {QStringLiteral("clicks"), QStringLiteral("timed plane clicks"), QStringLiteral("n"),
          QStringLiteral("300")},
         {QStringLiteral("replots"), QStringLiteral("timed replots of each kind"),
          QStringLiteral("n"), QStringLiteral("100")},
         {QStringLiteral("moves"), QStringLiteral("mouse moves per drag"), QStringLiteral("n"),
          QStringLiteral("300")},
         {QStringLiteral("intervals"), QStringLiteral("ms between drag moves, one drag each"),
          QStringLiteral("list"), QStringLiteral("8,4,2")},
         {QStringLiteral("screenshot"), QStringLiteral("save the window as a PNG"),
          QStringLiteral("file")}});
    args.process(app);
    const QString dir = args.value(QStringLiteral("data"));
    const int clicks = std::max(10, args.value(QStringLiteral("clicks")).toInt());
    const int replots = std::max(10, args.value(QStringLiteral("replots")).toInt());
    const int moves = std::max(20, args.value(QStringLiteral("moves")).toInt());
    const std::string load_before = load_average();

    // Data: train, then test rows.
    double t = now_ms();
    vae::Dataset train =
        vae::load_dataset((dir + QStringLiteral("/train-images-idx3-ubyte.gz")).toStdString());
    auto data = std::make_shared<vae::Dataset>(
        args.isSet(QStringLiteral("train-only"))
            ? train
            : append_rows(train,
                          vae::load_dataset(
                              (dir + QStringLiteral("/t10k-images-idx3-ubyte.gz")).toStdString())));
    std::printf("data: %zu rows x %zu (%zu classes), loaded in %.1f s\n", data->rows(),
                data->cols(), data->classes(), (now_ms() - t) / 1000.0);

    // Model: loaded, or the default architecture with a 2-D latent trained here.
    std::shared_ptr<const vae::VaeModel> model;
    if (args.isSet(QStringLiteral("model"))) {
        const vae::ModelFile file =
            vae::load_model_file(args.value(QStringLiteral("model")).toStdString());
        vae::check_compatible(file, train, "Fashion-MNIST");
        model = std::make_shared<const vae::VaeModel>(file.architecture, file.parameters);
        std::printf("model: %s\n", qPrintable(args.value(QStringLiteral("model"))));
    } else {
        vae::TrainingConfig c;
        c.architecture.latent_dim = 2;
        c.epochs = static_cast<std::size_t>(args.value(QStringLiteral("epochs")).toInt());
        c.threads = args.value(QStringLiteral("threads")).toInt();
        vae::Trainer trainer(train, c);
        vae::TrainingControl control;
        const vae::TrainingResult r = trainer.run(control, {});
        model = r.model;
        std::printf("model: trained %zu epoch(s) in %.1f s (%.0f samples/s), ELBO train %.1f val "
                    "%.1f nats\n",
                    r.epochs_completed, r.seconds, r.samples_per_sec,
                    r.last_epoch ? r.last_epoch->train_elbo : 0.0,
                    r.last_epoch ? r.last_epoch->val_elbo : 0.0);
        if (args.isSet(QStringLiteral("save-model")))
            vae::save_model_file(vae::trained_model_file(*model, vae::metadata_of(train), c, &r,
                                                         "Fashion-MNIST train"),
                                 args.value(QStringLiteral("save-model")).toStdString());
    }
    if (model->latent_dim() < 2 || model->input_dim() != data->cols()) {
        std::fprintf(stderr, "error: the model needs a latent of 2+ and %zu inputs\n",
                     data->cols());
        return 1;
    }
    std::printf("architecture: %zu", model->input_dim());
    for (const std::size_t h : model->architecture().hidden)
        std::printf("-%zu", h);
    std::printf("-%zu\n", model->latent_dim());

    // Snapshots: the encoder means of every row, and four "live updates" drawn from q(z|x)
    // around them (a snapshot a few hundred steps later moves each point by about as much).
    t = now_ms();
    vae::Matrix means;
    vae::Matrix logvars;
    vae::encode_rows(*model, data->values, {}, means, logvars);
    std::printf("encoded %zu rows in %.2f s\n", data->rows(), (now_ms() - t) / 1000.0);
    std::vector<std::size_t> all_rows(data->rows());
    std::iota(all_rows.begin(), all_rows.end(), std::size_t{0});
    std::vector<std::shared_ptr<const vae::LatentSnapshot>> snapshots;
    std::mt19937 rng(7);
    std::normal_distribution<float> noise(0.0f, 1.0f);
    for (int s = 0; s < 5; ++s) {
        auto snap = std::make_shared<vae::LatentSnapshot>();
        snap->step = static_cast<std::size_t>(s);
        snap->rows = all_rows;
        snap->means = means;
        if (s > 0)
            for (Eigen::Index i = 0; i < means.rows(); ++i)
                for (Eigen::Index j = 0; j < means.cols(); ++j)
                    snap->means(i, j) += 0.3f * std::exp(0.5f * logvars(i, j)) * noise(rng);
        snapshots.push_back(std::move(snap));
    }

    // The page as a window, at about the size the tab has in a 1400 x 1000 main window.
    vae::ui::LatentPage page;
    page.setWindowTitle(QStringLiteral("Latent plane benchmark"));
    page.resize(1400, 900);
    page.strip()->setFrameCount(16);
    page.setDataset(data);
    page.show();
    if (!QTest::qWaitForWindowExposed(&page)) {
        std::fprintf(stderr, "error: the window was not exposed\n");
        return 1;
    }
    auto* decoder = page.findChild<DecodeService*>();
    vae::ui::LatentScatterView* scatter = page.scatter();
    QCustomPlot* plot = scatter->plot();
    FrameProbe probe(&page);
    probe.watch(page.sampleView()->findChild<QWidget*>(QStringLiteral("decodedImages")),
                kSampleBit);
    probe.watch(page.strip()->findChild<QWidget*>(QStringLiteral("interpolationFrames")),
                kStripBit);
    probe.watch(plot, kPlotBit);

    // What the page has shown, by kind: the generation of the last result it put up.
    std::uint64_t shown_point = 0;
    std::uint64_t shown_recon = 0;
    std::uint64_t shown_nearest = 0;
    double decoded_at = 0.0;
    std::function<void(QPointF)> strip_decoded; // B of each strip handed to the strip view
    // Connected after the page's own slot: runs once the page has handed the images on.
    QObject::connect(
        decoder, &DecodeService::decoded, &page,
        [&](const std::shared_ptr<const DecodeService::Result>& r) {
            if (r->kind == DecodeService::Kind::Point) {
                decoded_at = now_ms();
                shown_point = r->generation;
            } else if (r->kind == DecodeService::Kind::Nearest)
                shown_nearest = r->generation;
            else if (r->kind == DecodeService::Kind::Reconstruction)
                shown_recon = r->generation;
            else if (r->kind == DecodeService::Kind::Strip && strip_decoded && r->z.rows() > 0)
                strip_decoded(QPointF(r->z(r->z.rows() - 1, 0), r->z(r->z.rows() - 1, 1)));
        });

    page.setResults(model, snapshots[0]);
    wait_for([&] { return scatter->replotCount() > 0; }, 5000);
    drain();
    const QRect area = plot->axisRect()->rect();
    std::printf("platform %s, screen %dx%d dpr %.2f; window %dx%d, plot %dx%d, axis rect %dx%d, "
                "%zu points, strip of %d frames\n",
                qPrintable(QGuiApplication::platformName()),
                QGuiApplication::primaryScreen()->size().width(),
                QGuiApplication::primaryScreen()->size().height(),
                QGuiApplication::primaryScreen()->devicePixelRatio(), page.width(), page.height(),
                plot->width(), plot->height(), area.width(), area.height(), scatter->pointCount(),
                page.strip()->frameCount());

    std::vector<Figure> figures;
    // QCustomPlot paints within replot() (a synchronous repaint), before afterReplot: count
    // the replots begun, so that a paint inside one counts as its paint.
    int replots_begun = 0;
    QObject::connect(plot, &QCustomPlot::beforeReplot, &page, [&] { ++replots_begun; });

    // 1. Clicks on the plane, away from the points; then clicks on points.
    {
        const auto positions = click_positions(*scatter, false, 0, rng);
        Figure shown{"click on the plane -> decoded image on screen", {}, 2.0};
        Figure decoded{"  of which: click -> decoded and handed to the view", {}, 0.0};
        Figure waited{"  then: handed over -> repaint pass begins", {}, 0.0};
        Figure pass{"  then: the repaint pass (paint + flush)", {}, 0.0};
        int lost = 0;
        for (int i = -clicks / 10; i < clicks && !positions.empty(); ++i) {
            const QPoint pos = positions[static_cast<std::size_t>(i + clicks) % positions.size()];
            const std::uint64_t before = decoder->latestGeneration(DecodeService::Kind::Point);
            double painted_at = -1.0;
            double pass_began = -1.0;
            std::uint64_t want = 0;
            probe.on_frame = [&](double ms, unsigned painted) {
                if (want != 0 && painted_at < 0 && (painted & kSampleBit) && shown_point >= want) {
                    painted_at = ms;
                    pass_began = probe.last_pass_start;
                }
            };
            const double t0 = now_ms();
            QTest::mouseClick(plot, Qt::LeftButton, Qt::NoModifier, pos);
            want = decoder->latestGeneration(DecodeService::Kind::Point);
            if (want == before || !wait_for([&] { return painted_at >= 0; }, 2000)) {
                ++lost;
                continue;
            }
            if (i >= 0) {
                shown.ms.push_back(painted_at - t0);
                decoded.ms.push_back(decoded_at - t0);
                waited.ms.push_back(pass_began - decoded_at);
                pass.ms.push_back(painted_at - pass_began);
            }
            // The nearest real sample follows each click (a search over all rows on a
            // lower-priority thread); a user's next click comes long after it, so let it land
            // rather than time this click's tail against the next one.
            wait_for([&] { return shown_nearest >= want; }, 500);
            drain();
        }
        std::printf("plane clicks: %zu positions away from points, %d clicks without a "
                    "decoded image\n",
                    positions.size(), lost);
        figures.push_back(shown);
        figures.push_back(decoded);
        figures.push_back(waited);
        figures.push_back(pass);

        const auto on_points = click_positions(*scatter, true, 100, rng);
        Figure recon{"click on a point -> original + reconstruction shown", {}, 0.0};
        for (const QPoint pos : on_points) {
            double painted_at = -1.0;
            std::uint64_t want = 0;
            probe.on_frame = [&](double ms, unsigned painted) {
                if (want != 0 && painted_at < 0 && (painted & kSampleBit) && shown_recon >= want)
                    painted_at = ms;
            };
            const std::uint64_t before =
                decoder->latestGeneration(DecodeService::Kind::Reconstruction);
            const double t0 = now_ms();
            QTest::mouseClick(plot, Qt::LeftButton, Qt::NoModifier, pos);
            want = decoder->latestGeneration(DecodeService::Kind::Reconstruction);
            if (want != before && wait_for([&] { return painted_at >= 0; }, 2000))
                recon.ms.push_back(painted_at - t0);
            drain();
        }
        figures.push_back(recon);
    }

    // 2. Full replots: a live update, a wheel step, a pan step; each until painted.
    {
        Figure live{"new snapshot (setResults) -> replotted on screen", {}, 30.0};
        Figure set_points{"  of which: setResults itself (setPoints)", {}, 0.0};
        int rasters = 0;
        for (int i = -replots / 10; i < replots; ++i) {
            const int replots_before = replots_begun;
            const int rasters_before = scatter->scatterRasterCount();
            double painted_at = -1.0;
            probe.on_frame = [&](double ms, unsigned painted) {
                if (painted_at < 0 && (painted & kPlotBit) && replots_begun > replots_before)
                    painted_at = ms;
            };
            const double t0 = now_ms();
            page.setResults(model, snapshots[static_cast<std::size_t>(i + replots) % 4 + 1]);
            const double t1 = now_ms();
            const bool ok = wait_for([&] { return painted_at >= 0; }, 5000);
            if (!ok)
                continue;
            rasters += scatter->scatterRasterCount() - rasters_before;
            if (i >= 0) {
                live.ms.push_back(painted_at - t0);
                set_points.ms.push_back(t1 - t0);
            }
            drain();
        }
        std::printf("live updates: %d point rasterisations in %d timed+warm-up updates\n", rasters,
                    replots + replots / 10);
        figures.push_back(live);
        figures.push_back(set_points);

        Figure zoom{"wheel zoom step -> replotted on screen", {}, 30.0};
        const QPointF centre = QRectF(area).center();
        for (int i = 0; i < replots; ++i) {
            // In towards one place for ten steps, back out for ten, wandering a little.
            const bool in = (i / 10) % 2 == 0;
            const QPointF at = centre + QPointF(area.width() * 0.15 * std::sin(i * 0.7),
                                                area.height() * 0.15 * std::cos(i * 0.5));
            const int replots_before = replots_begun;
            double painted_at = -1.0;
            probe.on_frame = [&](double ms, unsigned painted) {
                if (painted_at < 0 && (painted & kPlotBit) && replots_begun > replots_before)
                    painted_at = ms;
            };
            const double t0 = now_ms();
            QWheelEvent wheel(at, plot->mapToGlobal(at), QPoint(), QPoint(0, in ? 120 : -120),
                              Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
            QApplication::sendEvent(plot, &wheel);
            if (wait_for([&] { return painted_at >= 0; }, 5000))
                zoom.ms.push_back(painted_at - t0);
            drain();
        }
        figures.push_back(zoom);

        Figure pan{"right-drag pan step -> replotted on screen", {}, 30.0};
        QPoint p = centre.toPoint();
        QTest::mousePress(plot, Qt::RightButton, Qt::NoModifier, p);
        for (int i = 0; i < replots; ++i) {
            p += QPoint(static_cast<int>(12 * std::cos(i * 0.2)),
                        static_cast<int>(9 * std::sin(i * 0.3)));
            const int replots_before = replots_begun;
            double painted_at = -1.0;
            probe.on_frame = [&](double ms, unsigned painted) {
                if (painted_at < 0 && (painted & kPlotBit) && replots_begun > replots_before)
                    painted_at = ms;
            };
            const double t0 = now_ms();
            QTest::mouseMove(plot, p);
            if (wait_for([&] { return painted_at >= 0; }, 5000))
                pan.ms.push_back(painted_at - t0);
            drain();
        }
        QTest::mouseRelease(plot, Qt::RightButton, Qt::NoModifier, p);
        drain();
        figures.push_back(pan);
        scatter->resetView();
        wait_for([&] { return false; }, 100);
    }

    // 3. Left drags: moves due every `interval` ms along a curve; a move the GUI thread is too
    // busy to take before the next one is due is merged into it, as the X event queue does.
    for (const QString& item : args.value(QStringLiteral("intervals")).split(QLatin1Char(','))) {
        const double interval = std::max(0.5, item.toDouble());
        const QPointF c = QRectF(area).center();
        std::vector<QPoint> path(static_cast<std::size_t>(moves));
        for (int i = 0; i < moves; ++i) {
            const double s = 2.0 * std::numbers::pi * i / moves;
            path[static_cast<std::size_t>(i)] =
                (c + QPointF(area.width() * 0.38 * std::sin(s),
                             area.height() * 0.38 * std::sin(2.0 * s + 0.5)))
                    .toPoint();
        }
        const QPoint a = (c - QPointF(area.width() * 0.3, area.height() * 0.25)).toPoint();

        // Which move a strip shows is read off its content: its last frame is B, the cursor's
        // plane position when the move was handled. Results arrive in request order, so the
        // first sent move after the last matched one with that B is the one shown.
        struct Move {
            double due = 0.0;
            QPointF b; ///< plane position, once sent
            bool sent = false;
            bool decoded = false;
            double shown = -1.0;
        };
        std::vector<Move> log(static_cast<std::size_t>(moves));
        std::size_t matched = 0;    // moves before this one are matched or passed over
        std::ptrdiff_t handed = -1; // the newest move whose strip was handed to the view
        int results = 0;
        int strip_paints = 0;
        std::size_t next = 0;
        strip_decoded = [&](QPointF b) {
            ++results;
            for (std::size_t j = matched; j < next; ++j)
                if (log[j].sent && std::abs(log[j].b.x() - b.x()) < 1e-4 &&
                    std::abs(log[j].b.y() - b.y()) < 1e-4) {
                    log[j].decoded = true;
                    handed = static_cast<std::ptrdiff_t>(j);
                    matched = j + 1;
                    return;
                }
        };
        probe.on_frame = [&](double ms, unsigned painted) {
            if (!(painted & kStripBit))
                return;
            ++strip_paints;
            for (std::ptrdiff_t j = handed; j >= 0 && log[static_cast<std::size_t>(j)].shown < 0;
                 --j)
                log[static_cast<std::size_t>(j)].shown = ms;
        };
        QTest::mousePress(plot, Qt::LeftButton, Qt::NoModifier, a);
        drain();
        const std::uint64_t requests_before = decoder->latestGeneration(DecodeService::Kind::Strip);
        const double start = now_ms() + 20.0;
        for (int i = 0; i < moves; ++i)
            log[static_cast<std::size_t>(i)].due = start + interval * i;
        std::vector<double> move_ms;
        QTimer tick;
        tick.setSingleShot(true);
        tick.setTimerType(Qt::PreciseTimer);
        QObject::connect(&tick, &QTimer::timeout, &page, [&] {
            const double at = now_ms();
            std::size_t last = next;
            while (last + 1 < log.size() && log[last + 1].due <= at)
                ++last;
            if (log[last].due > at) { // early: Qt timers round to whole milliseconds
                tick.start(1);
                return;
            }
            const QPointF b = scatter->planeAt(QPointF(path[last]));
            log[last].b = QPointF(static_cast<float>(b.x()), static_cast<float>(b.y()));
            log[last].sent = true;
            next = last + 1;
            const double m0 = now_ms();
            QTest::mouseMove(plot, path[last]);
            move_ms.push_back(now_ms() - m0);
            if (next < log.size())
                tick.start(static_cast<int>(std::max(0.0, std::floor(log[next].due - now_ms()))));
        });
        tick.start(20);
        probe.clearCosts();
        const double wall0 = now_ms();
        const double gui0 = thread_cpu_ms();
        const double all0 = process_cpu_ms();
        wait_for([&] { return next >= log.size(); }, interval * moves + 10000);
        wait_for([&] { return log.back().shown >= 0; }, 2000);
        const double gui_cpu = thread_cpu_ms() - gui0;
        const double other_cpu = process_cpu_ms() - all0 - gui_cpu;
        const double wall = now_ms() - wall0;
        const auto requests =
            decoder->latestGeneration(DecodeService::Kind::Strip) - requests_before;
        strip_decoded = nullptr;
        QTest::mouseRelease(plot, Qt::LeftButton, Qt::NoModifier, path.back());
        drain();

        Figure f{"drag, a move every " + item.toStdString() +
                     " ms -> its 16 frames (or newer) on screen",
                 {},
                 16.0};
        int sent = 0;
        int decoded = 0;
        int unshown = 0;
        for (const Move& m : log) {
            sent += m.sent ? 1 : 0;
            decoded += m.decoded ? 1 : 0;
            if (m.shown >= 0)
                f.ms.push_back(m.shown - m.due);
            else
                ++unshown;
        }
        std::printf("drag every %s ms: %d moves; %d merged by the event loop, %d reached the "
                    "plot; %llu decode requests; %d strips handed to the view (%d moves never "
                    "got their own: coalesced), %d strip paints; %d moves never shown\n",
                    qPrintable(item), moves, moves - sent, sent,
                    static_cast<unsigned long long>(requests), results, moves - decoded,
                    strip_paints, unshown);
        print_costs(probe, move_ms, wall, gui_cpu, other_cpu);
        figures.push_back(f);
    }
    probe.on_frame = nullptr;

    std::printf("repaint passes %d, watched paints outside a pass %d\n", probe.passes,
                probe.paints_outside_passes);
    std::printf("machine: %u cores, %s; load %s before, %s after; Qt %s\n",
                std::thread::hardware_concurrency(),
                first_line_with("/proc/cpuinfo", "model name").c_str(), load_before.c_str(),
                load_average().c_str(), qVersion());
    print_table(figures);

    if (args.isSet(QStringLiteral("screenshot"))) {
        page.grab().save(args.value(QStringLiteral("screenshot")));
        std::printf("screenshot: %s\n", qPrintable(args.value(QStringLiteral("screenshot"))));
    }
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
}
