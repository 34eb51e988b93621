// Event-loop latency of the main window while it trains, and training throughput inside the
// window against `vae-cli train` with the same settings.
//
// Each round opens a fresh MainWindow, loads the source, trains E epochs with the live curves
// updating, and measures how late a 5 ms timer on the GUI thread fires; then runs vae-cli
// train on the same source and settings in its own process. Rounds alternate (GUI, CLI, GUI,
// CLI, ...) because the machine is noisy; figures are medians.
//
// usage: bench_gui_responsiveness --cli build/app/vae-cli [--source PATH] [--epochs 2]
//        [--rounds 3] [--threads 0]
// Run under xvfb-run for a real X server, or with QT_QPA_PLATFORM=offscreen.

#include "bench_stats.h"
#include "ui/main_window.h"
#include "ui/training/training_panel.h"
#include "ui/training/training_session.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

using vae::bench::median;
using vae::bench::percentile;

namespace {

struct GuiRound {
    std::vector<double> latency_ms;
    double samples_per_sec = 0.0;
    bool ok = false;
};

GuiRound run_gui_round(const QString& source, std::size_t epochs, int threads, bool probe) {
    GuiRound round;
    vae::ui::MainWindow window;
    window.setProperty("scripted", true);
    window.resize(1400, 900);
    window.show();
    QEventLoop loop;
    QObject::connect(&window, &vae::ui::MainWindow::datasetLoadFinished, &loop,
                     [&](bool ok) { loop.exit(ok ? 0 : 1); });
    window.openSource(source);
    if (loop.exec() != 0) {
        std::fprintf(stderr, "error: cannot load %s\n", qPrintable(source));
        return round;
    }
    vae::TrainingConfig c = window.trainingPanel()->config();
    c.epochs = epochs;
    c.threads = threads;
    window.trainingPanel()->setConfig(c);

    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    tick.setInterval(5);
    QElapsedTimer clock;
    qint64 last_ns = 0;
    QObject::connect(&tick, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        round.latency_ms.push_back(std::max(0.0, static_cast<double>(now - last_ns) / 1e6 - 5.0));
        last_ns = now;
    });
    QObject::connect(window.session(), &vae::ui::TrainingSession::finished, &loop,
                     [&](const vae::TrainingResult& r) {
                         round.samples_per_sec = r.samples_per_sec;
                         round.ok = r.end == vae::TrainingResult::End::Completed;
                         loop.exit(0);
                     });
    QObject::connect(window.session(), &vae::ui::TrainingSession::failed, &loop,
                     [&](const QString& reason) {
                         std::fprintf(stderr, "error: %s\n", qPrintable(reason));
                         loop.exit(1);
                     });
    if (!window.startTraining())
        return round;
    clock.start();
    if (probe)
        tick.start();
    loop.exec();
    tick.stop();
    return round;
}

/// Opens a window, trains, and closes it `after_ms` into the run: how long closing takes
/// (the destructor joins the training thread, which stops within a minibatch or the
/// end-of-epoch evaluation in progress).
double close_latency_ms(const QString& source, int after_ms) {
    auto window = std::make_unique<vae::ui::MainWindow>();
    window->setProperty("scripted", true);
    window->show();
    QEventLoop loop;
    QObject::connect(window.get(), &vae::ui::MainWindow::datasetLoadFinished, &loop,
                     [&](bool ok) { loop.exit(ok ? 0 : 1); });
    window->openSource(source);
    if (loop.exec() != 0 || !window->startTraining())
        return -1.0;
    QTimer::singleShot(after_ms, &loop, [&] { loop.exit(0); });
    loop.exec();
    QElapsedTimer t;
    t.start();
    window->close();
    window.reset();
    return static_cast<double>(t.nsecsElapsed()) / 1e6;
}

double run_cli_round(const QString& cli, const QString& source, std::size_t epochs, int threads) {
    QTemporaryDir dir;
    QProcess p;
    QStringList args{QStringLiteral("train"),    source,
                     QStringLiteral("--epochs"), QString::number(epochs),
                     QStringLiteral("--out"),    dir.filePath(QStringLiteral("m.vaem"))};
    if (threads > 0) // the CLI's default is all cores, as the window's 0
        args << QStringLiteral("--threads") << QString::number(threads);
    p.start(cli, args);
    if (!p.waitForFinished(-1) || p.exitCode() != 0) {
        std::fprintf(stderr, "error: vae-cli train failed: %s\n",
                     p.readAllStandardError().constData());
        return 0.0;
    }
    const QList<QByteArray> lines = p.readAllStandardOutput().trimmed().split('\n');
    return QJsonDocument::fromJson(lines.back())
        .object()
        .value(QStringLiteral("samples_per_sec"))
        .toDouble();
}

} // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("vae-explorer-bench"));
    QCommandLineParser parser;
    parser.addOptions({
        {QStringLiteral("cli"), QStringLiteral("vae-cli executable."), QStringLiteral("path")},
        {QStringLiteral("source"), QStringLiteral("Dataset."), QStringLiteral("path"),
         QStringLiteral("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz")},
        {QStringLiteral("epochs"), QStringLiteral("Epochs per run."), QStringLiteral("N"),
         QStringLiteral("2")},
        {QStringLiteral("rounds"), QStringLiteral("GUI/CLI round pairs."), QStringLiteral("N"),
         QStringLiteral("3")},
        {QStringLiteral("threads"), QStringLiteral("Training threads (0 = all cores)."),
         QStringLiteral("N"), QStringLiteral("0")},
    });
    parser.addHelpOption();
    parser.process(app);
    const QString source = parser.value(QStringLiteral("source"));
    const QString cli = parser.value(QStringLiteral("cli"));
    const auto epochs = parser.value(QStringLiteral("epochs")).toULong();
    const int rounds = parser.value(QStringLiteral("rounds")).toInt();
    const int threads = parser.value(QStringLiteral("threads")).toInt();

    std::printf("# %s, %lu epochs per run, threads %d, platform %s\n", qPrintable(source), epochs,
                threads, qPrintable(QGuiApplication::platformName()));
    std::printf("%5s %10s %10s %10s %8s %14s %14s %14s\n", "round", "p50 ms", "p99 ms", "max ms",
                "ticks", "app+probe", "app samples/s", "cli samples/s");
    std::vector<double> all_latency, app_rates, cli_rates, p99s, maxes, ratios;
    for (int r = 0; r < rounds; ++r) {
        // Latency with the probe timer; throughput in a run without it, because 200 wake-ups a
        // second of the probe itself preempt the training threads (which meet at a barrier
        // several times per step) and are not part of the application.
        GuiRound g = run_gui_round(source, epochs, threads, true);
        const GuiRound quiet = run_gui_round(source, epochs, threads, false);
        if (!g.ok || !quiet.ok)
            return 1;
        const double probed_rate = g.samples_per_sec;
        g.samples_per_sec = quiet.samples_per_sec;
        const double cli_rate = cli.isEmpty() ? 0.0 : run_cli_round(cli, source, epochs, threads);
        std::printf("%5d %10.2f %10.2f %10.2f %8zu %14.0f %14.0f %14.0f\n", r + 1,
                    percentile(g.latency_ms, 0.5), percentile(g.latency_ms, 0.99),
                    percentile(g.latency_ms, 1.0), g.latency_ms.size(), probed_rate,
                    g.samples_per_sec, cli_rate);
        std::fflush(stdout);
        all_latency.insert(all_latency.end(), g.latency_ms.begin(), g.latency_ms.end());
        p99s.push_back(percentile(g.latency_ms, 0.99));
        maxes.push_back(percentile(g.latency_ms, 1.0));
        app_rates.push_back(g.samples_per_sec);
        if (cli_rate > 0) {
            cli_rates.push_back(cli_rate);
            ratios.push_back(g.samples_per_sec / cli_rate);
        }
    }
    std::printf("all rounds: latency p50 %.2f ms, p99 %.2f ms, max %.2f ms (target p99 < 30, "
                "max < 100)\n",
                percentile(all_latency, 0.5), percentile(all_latency, 0.99),
                percentile(all_latency, 1.0));
    if (!cli_rates.empty())
        std::printf("throughput: app %.0f, cli %.0f samples/s (medians); app/cli %.3f (target "
                    ">= 0.9)\n",
                    median(app_rates), median(cli_rates), median(app_rates) / median(cli_rates));
    if (!ratios.empty())
        std::printf("per-round app/cli ratios: median %.3f, min %.3f, max %.3f\n", median(ratios),
                    percentile(ratios, 0.0), percentile(ratios, 1.0));
    // Closing mid-run, at moments spread over the first epochs (some land in the
    // end-of-epoch evaluation).
    std::vector<double> closes;
    for (int after = 500; after <= 4500; after += 500)
        closes.push_back(close_latency_ms(source, after));
    std::printf("closing the window mid-run: median %.1f ms, max %.1f ms over %zu trials\n",
                median(closes), percentile(closes, 1.0), closes.size());
    return 0;
}
