// Catch2 runner for widget tests: one QApplication for the whole run, offscreen by default.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <QApplication>

namespace {

QtMessageHandler default_handler = nullptr;

// The offscreen platform warns on every top-level window it cannot size from hints; that says
// nothing about our code and buries real warnings.
void filter_platform_noise(QtMsgType type, const QMessageLogContext& context, const QString& msg) {
    if (msg.contains(QLatin1String("does not support propagateSizeHints")))
        return;
    default_handler(type, context, msg);
}

} // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    default_handler = qInstallMessageHandler(filter_platform_noise);
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("vae-explorer-tests"));
    return Catch::Session().run(argc, argv);
}
