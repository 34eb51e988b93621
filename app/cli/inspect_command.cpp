#include "app/cli/cli_command.h"
#include "app/common/source_options.h"

#include "data/dataset_loader.h"
#include "data/dataset_summary.h"
#include "data/load_error.h"

#include <QCommandLineParser>

#include <chrono>
#include <cstdio>

namespace vae::app {

int run_inspect(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Load a dataset and print a JSON summary of it (rows, columns, labels, "
                       "image shape, value range, missing values, load time)."));
    parser.addHelpOption();
    parser.addPositionalArgument(
        QStringLiteral("source"),
        QStringLiteral("A CSV (.csv, .csv.gz), NumPy .npy, MNIST IDX file, or builtin:NAME."));
    add_source_options(parser);
    if (!parser.parse(args))
        return fail(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(parser.helpText().replace(QStringLiteral("vae-cli"),
                                                        QStringLiteral("vae-cli inspect"))),
                   stdout);
        return kExitOk;
    }
    const QStringList pos = parser.positionalArguments();
    if (pos.size() != 1)
        return fail(
            QStringLiteral("inspect takes one dataset source (see vae-cli inspect --help)"));
    QString error;
    const auto options = source_options_from(parser, error);
    if (!options)
        return fail(error);
    return run_guarded([&] {
        const auto start = std::chrono::steady_clock::now();
        const Dataset data = load_dataset(pos.front().toStdString(), *options);
        print_notes(data);
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        std::printf("%s\n", summary_json(summarize(data), seconds).c_str());
        return kExitOk;
    });
}

} // namespace vae::app
