// vae-explorer: the desktop application. Parses the command line and opens the main window.

#include "app/common/source_options.h"
#include "app/common/training_options.h"
#include "app/gui/latent_scene.h"
#include "training/training_defaults.h"
#include "ui/latent/latent_page.h"
#include "ui/main_window.h"
#include "ui/quality/quality_panel.h"
#include "ui/training/training_panel.h"
#include "ui/training/training_session.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QImageWriter>
#include <QTimer>

#include <cstdio>
#include <optional>

namespace {

/// Saves an image of the whole window once layouts have settled, then quits with `code`
/// (2 when the image cannot be written).
void screenshot_and_quit(vae::ui::MainWindow& window, const QString& path, const QString& page,
                         int code) {
    if (!page.isEmpty())
        window.showPage(page);
    QTimer::singleShot(400, &window, [&window, path, code] {
        QImageWriter writer(path);
        if (!writer.write(window.grab().toImage())) {
            std::fprintf(stderr, "error: %s: %s\n", qPrintable(path),
                         qPrintable(writer.errorString()));
            QCoreApplication::exit(2);
            return;
        }
        QCoreApplication::exit(code);
    });
}

/// Sets up the latent page's scene, lets its decodes arrive, then takes the screenshot.
void scene_screenshot_and_quit(vae::ui::MainWindow& window, const QString& path,
                               const QString& page, const vae::app::LatentScene& scene, int code) {
    if (page != QLatin1String("latent") || scene.empty()) {
        screenshot_and_quit(window, path, page, code);
        return;
    }
    window.showPage(page);
    // The plot needs its final size before the manifold grid picks its cells.
    QTimer::singleShot(200, &window, [&window, path, page, scene, code] {
        scene.apply(*window.latentPage());
        // Maps and nearest samples come from other threads, after seconds on a large dataset.
        scene.whenShown(*window.latentPage(), [&window, path, page, code] {
            screenshot_and_quit(window, path, page, code);
        });
    });
}

} // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("vae-explorer"));
    QApplication::setApplicationDisplayName(QStringLiteral("VAE Explorer"));
    QApplication::setOrganizationName(QStringLiteral("vae-explorer"));
    QApplication::setApplicationVersion(QStringLiteral(VAE_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.github.vaeexplorer.VaeExplorer"));
    // PNG renderings of resources/icons/vae-explorer.svg: Qt draws SVG only with libqt6svg6.
    QIcon icon;
    for (const int size : {16, 24, 32, 48, 64, 128, 256})
        icon.addFile(QStringLiteral(":/icons/vae-explorer-%1.png").arg(size), QSize(size, size));
    QApplication::setWindowIcon(icon);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Train variational autoencoders and explore what they learned."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(
        QStringLiteral("source"),
        QStringLiteral(
            "Dataset to open: CSV, .npy, IDX file or builtin:NAME (default: builtin:sprites)."),
        QStringLiteral("[source]"));
    const QCommandLineOption demo(QStringLiteral("demo"),
                                  QStringLiteral("Open <source> for a scripted demonstration."),
                                  QStringLiteral("source"));
    const QCommandLineOption train_epochs(
        QStringLiteral("train-epochs"),
        QStringLiteral("Once the dataset is loaded, train for <N> epochs (the training options "
                       "below change the defaults)."),
        QStringLiteral("N"));
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QStringLiteral("Save an image of the whole window to <file> and exit: once the dataset "
                       "is shown, or when training ends."),
        QStringLiteral("file"));
    const QCommandLineOption screenshot_epoch(
        QStringLiteral("screenshot-epoch"),
        QStringLiteral("With --train-epochs: take the screenshot after epoch <K>, mid-run."),
        QStringLiteral("K"));
    const QCommandLineOption page(
        QStringLiteral("page"),
        QStringLiteral(
            "The page shown for the screenshot: data, training, latent, quality or runs."),
        QStringLiteral("name"));
    parser.addOption(page);
    parser.addOption(demo);
    parser.addOption(train_epochs);
    parser.addOption(screenshot);
    parser.addOption(screenshot_epoch);
    const QCommandLineOption model_file(
        QStringLiteral("model"),
        QStringLiteral("Once the dataset is loaded, open the model saved in <file> (instead of "
                       "training)."),
        QStringLiteral("file"));
    parser.addOption(model_file);
    vae::app::add_latent_scene_options(parser);
    vae::app::add_source_options(parser);
    vae::app::add_training_options(parser);
    // A bare --feature-matching means weight 1, as in vae-cli train.
    parser.process(vae::app::with_feature_matching_default(QCoreApplication::arguments(),
                                                           QStringLiteral("1")));

    QString error;
    const auto options = vae::app::source_options_from(parser, error);
    bool auto_likelihood = true;
    auto config = vae::app::training_config_from(parser, auto_likelihood, error);
    const auto scene = vae::app::latent_scene_from(parser, error);
    if (!options || !config || !scene) {
        std::fprintf(stderr, "error: %s\n", qPrintable(error));
        return 2;
    }
    if (parser.isSet(page) &&
        !QStringList{QStringLiteral("data"), QStringLiteral("training"), QStringLiteral("latent"),
                     QStringLiteral("quality"), QStringLiteral("runs")}
             .contains(parser.value(page))) {
        std::fprintf(stderr,
                     "error: --page: '%s' is not accepted (data, training, latent, quality or "
                     "runs)\n",
                     qPrintable(parser.value(page)));
        return 2;
    }
    std::optional<std::size_t> epochs, shot_epoch;
    for (const auto* o : {&train_epochs, &screenshot_epoch}) {
        if (!parser.isSet(*o))
            continue;
        bool ok = false;
        const uint n = parser.value(*o).toUInt(&ok);
        if (!ok || n < 1) {
            std::fprintf(stderr, "error: --%s: '%s' is not accepted (a whole number >= 1)\n",
                         qPrintable(o->names().constFirst()), qPrintable(parser.value(*o)));
            return 2;
        }
        (o == &train_epochs ? epochs : shot_epoch) = n;
    }
    QString source = QStringLiteral("builtin:sprites");
    if (parser.isSet(demo))
        source = parser.value(demo);
    else if (!parser.positionalArguments().isEmpty())
        source = parser.positionalArguments().constFirst();

    vae::ui::MainWindow window;
    const QString shot = parser.value(screenshot);
    if (parser.isSet(model_file) && epochs) {
        std::fprintf(stderr, "error: --model and --train-epochs: choose one\n");
        return 2;
    }
    const auto shoot = [&](int code) {
        scene_screenshot_and_quit(window, shot, parser.value(page), *scene, code);
    };
    if (!shot.isEmpty() || epochs)
        window.setProperty("scripted", true);
    QObject::connect(&window, &vae::ui::MainWindow::datasetLoadFinished, &window, [&](bool ok) {
        if (ok && scene->points)
            window.latentPage()->setPointLimit(*scene->points);
        if (ok && parser.isSet(model_file)) {
            QString model_error;
            if (!window.openModel(parser.value(model_file), &model_error)) {
                std::fprintf(stderr, "error: %s\n", qPrintable(model_error));
                QCoreApplication::exit(2);
                return;
            }
            if (!shot.isEmpty())
                // The page encodes the data with the opened model; shoot once it shows.
                QObject::connect(
                    window.latentPage(), &vae::ui::LatentPage::pointsShown, &window,
                    [&] { shoot(0); }, Qt::SingleShotConnection);
            return;
        }
        if (ok && epochs) {
            vae::TrainingConfig c = *config;
            c.epochs = *epochs;
            if (auto_likelihood)
                c.architecture.likelihood = vae::default_likelihood(*window.dataset());
            window.trainingPanel()->setConfig(c);
            if (window.startTraining())
                return;
            ok = false;
        }
        if (!shot.isEmpty())
            shoot(ok ? 0 : 2);
        else if (epochs && !ok)
            QCoreApplication::exit(2);
    });
    if (epochs) {
        QObject::connect(&window, &vae::ui::MainWindow::trainingFinished, &window, [&](bool ok) {
            if (shot.isEmpty())
                return;
            // The run's quality figures are computed after it ends: shoot once they show.
            auto* quality = window.qualityPanel();
            if (ok && quality->busy())
                QObject::connect(
                    quality, &vae::ui::QualityPanel::busyChanged, &window,
                    [&](bool busy) {
                        if (!busy)
                            shoot(0);
                    },
                    Qt::SingleShotConnection);
            else
                shoot(ok ? 0 : 2);
        });
        if (shot_epoch && !shot.isEmpty())
            QObject::connect(window.session(), &vae::ui::TrainingSession::epochFinished, &window,
                             [&](const vae::EpochSummary& e) {
                                 if (e.epoch == *shot_epoch)
                                     shoot(0);
                             });
    }
    window.show();
    // A CSV opened from a file manager (or named alone on the command line) goes through the
    // import dialog, where the user sees how it parses; loader options mean "load it so".
    if (!parser.isSet(demo) && !epochs && shot.isEmpty() &&
        !vae::app::any_source_option_set(parser) && !parser.positionalArguments().isEmpty())
        window.openFile(source);
    else
        window.openSource(source, *options);
    return QApplication::exec();
}
