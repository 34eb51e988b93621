// vae-cli: the headless front end. Each command lives in its own file; this only dispatches.

#include "app/cli/cli_command.h"

#include <QCoreApplication>

#include <cstdio>
#include <cstring>

namespace {

const char* const kUsage =
    "Usage: vae-cli <command> [options]\n"
    "\n"
    "Train variational autoencoders and explore what they learned, without a display.\n"
    "\n"
    "Commands:\n"
    "  inspect <source>   Load a dataset and print a JSON summary.\n"
    "  train <source>     Train a VAE and save it (--out model.vaem).\n"
    "  evaluate <model> <source>\n"
    "                     ELBO, KL, active units, IWAE log-likelihood (--iwae-k K).\n"
    "  sample <model>     Decode samples from the prior (--count N --out F).\n"
    "  encode <model> <source>\n"
    "                     Latent means and log-variances as CSV (--out F).\n"
    "  decode <model>     Decode one latent point (--z z1,z2 --out F).\n"
    "  interpolate <model>\n"
    "                     Decode a path (--from Z --to Z --steps N [--slerp] --out F);\n"
    "                     a .png is one row of frames, or --columns C to a row.\n"
    "\n"
    "F ends in .csv (your column names and units), .npy, or .png (an image grid).\n"
    "\n"
    "<source> is a CSV file (.csv, .csv.gz, .tsv), a NumPy .npy file, an MNIST-style IDX\n"
    "file (*-idx3-ubyte[.gz]) or a built-in set (builtin:sprites, builtin:moons, ...).\n"
    "\n"
    "Options:\n"
    "  -h, --help         Show this help, or a command's help after its name.\n"
    "  -v, --version      Show the version.\n"
    "\n"
    "Exit status: 0 on success, 2 on bad input or options (with 'error: ...' on stderr).\n";

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("vae-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(VAE_VERSION));

    QStringList args = QCoreApplication::arguments();
    if (args.size() < 2) {
        std::fputs(kUsage, stderr);
        return vae::app::kExitBadInput;
    }
    const QString command = args.at(1);
    if (command == QLatin1String("-h") || command == QLatin1String("--help") ||
        command == QLatin1String("help")) {
        std::fputs(kUsage, stdout);
        return vae::app::kExitOk;
    }
    if (command == QLatin1String("-v") || command == QLatin1String("--version")) {
        std::printf("vae-cli %s\n", VAE_VERSION);
        return vae::app::kExitOk;
    }
    args.removeAt(1); // the command's parser sees "vae-cli <its arguments>"
    if (command == QLatin1String("inspect"))
        return vae::app::run_inspect(args);
    if (command == QLatin1String("train"))
        return vae::app::run_train(args);
    if (command == QLatin1String("evaluate"))
        return vae::app::run_evaluate(args);
    if (command == QLatin1String("sample"))
        return vae::app::run_sample(args);
    if (command == QLatin1String("encode"))
        return vae::app::run_encode(args);
    if (command == QLatin1String("decode"))
        return vae::app::run_decode(args);
    if (command == QLatin1String("interpolate"))
        return vae::app::run_interpolate(args);
    return vae::app::fail(QStringLiteral("unknown command '%1' (see vae-cli --help)").arg(command));
}
