// vae-explorer: the desktop application. Parses the command line and opens the main window.

#include "app/common/source_options.h"
#include "ui/main_window.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QImageWriter>
#include <QTimer>

#include <cstdio>

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("vae-explorer"));
    QApplication::setApplicationDisplayName(QStringLiteral("VAE Explorer"));
    QApplication::setOrganizationName(QStringLiteral("vae-explorer"));
    QApplication::setApplicationVersion(QStringLiteral(VAE_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("vae-explorer"));

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
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QStringLiteral(
            "Once the dataset is shown, save an image of the whole window to <file> and exit."),
        QStringLiteral("file"));
    parser.addOption(demo);
    parser.addOption(screenshot);
    vae::app::add_source_options(parser);
    parser.process(app);

    QString error;
    const auto options = vae::app::source_options_from(parser, error);
    if (!options) {
        std::fprintf(stderr, "error: %s\n", qPrintable(error));
        return 2;
    }
    QString source = QStringLiteral("builtin:sprites");
    if (parser.isSet(demo))
        source = parser.value(demo);
    else if (!parser.positionalArguments().isEmpty())
        source = parser.positionalArguments().constFirst();

    vae::ui::MainWindow window;
    const QString shot = parser.value(screenshot);
    if (!shot.isEmpty()) {
        window.setProperty("scripted", true);
        QObject::connect(&window, &vae::ui::MainWindow::datasetLoadFinished, &window,
                         [&window, shot](bool ok) {
                             // Let layouts settle before grabbing.
                             QTimer::singleShot(300, &window, [&window, shot, ok] {
                                 QImageWriter writer(shot);
                                 if (!writer.write(window.grab().toImage())) {
                                     std::fprintf(stderr, "error: %s: %s\n", qPrintable(shot),
                                                  qPrintable(writer.errorString()));
                                     QCoreApplication::exit(2);
                                     return;
                                 }
                                 QCoreApplication::exit(ok ? 0 : 2);
                             });
                         });
    }
    window.show();
    window.openSource(source, *options);
    return QApplication::exec();
}
