#pragma once

#include <QStringList>

#include <functional>

namespace vae {
struct Dataset;
}

namespace vae::app {

/// Exit codes of vae-cli: 0 success, 2 bad input or options (a message on stderr), 130 a
/// run stopped by Ctrl-C (128 + SIGINT, as shells report it; what it trained is saved).
inline constexpr int kExitOk = 0;
inline constexpr int kExitBadInput = 2;
inline constexpr int kExitInterrupted = 130;

/// Prints "error: <message>" on stderr and returns kExitBadInput.
int fail(const QString& message);

/// Prints what the loader decided by itself ("note: label column ...") on stderr.
void print_notes(const Dataset& data);

/// Runs `body` and turns what it throws (bad data, bad settings, I/O errors, memory) into
/// fail(...): every command's one place where exceptions become "error: ..." and exit 2.
int run_guarded(const std::function<int()>& body);

/// `vae-cli inspect <source> [loader options]`: one JSON object describing the dataset.
/// `args` starts with the program name followed by the command's own arguments.
int run_inspect(const QStringList& args);

/// `vae-cli train <source> --out model.vaem [options]`: trains and saves a model.
int run_train(const QStringList& args);

/// Commands on a saved model: `evaluate <model> <source>`, `sample <model>`,
/// `encode <model> <source>`, `decode <model> --z ...`, `interpolate <model> --from --to`.
int run_evaluate(const QStringList& args);
int run_sample(const QStringList& args);
int run_encode(const QStringList& args);
int run_decode(const QStringList& args);
int run_interpolate(const QStringList& args);

} // namespace vae::app
