// How every vae-cli command reports failure: one line on stderr and exit status 2.

#include "app/cli/cli_command.h"

#include "data/dataset.h"
#include "data/load_error.h"

#include <cstdio>
#include <exception>
#include <new>

namespace vae::app {

int fail(const QString& message) {
    std::fprintf(stderr, "error: %s\n", message.toLocal8Bit().constData());
    return kExitBadInput;
}

void print_notes(const Dataset& data) {
    for (const auto& note : data.notes)
        std::fprintf(stderr, "note: %s\n", note.c_str());
}

int run_guarded(const std::function<int()>& body) {
    try {
        return body();
    } catch (const DataError& e) {
        return fail(QString::fromStdString(e.what()));
    } catch (const std::bad_alloc&) {
        return fail(
            QStringLiteral("not enough memory (try --limit N, a smaller model or fewer samples)"));
    } catch (const std::exception& e) {
        return fail(QString::fromUtf8(e.what()));
    }
}

} // namespace vae::app
