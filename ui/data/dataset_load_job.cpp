#include "ui/data/dataset_load_job.h"

#include "data/dataset_loader.h"
#include "data/load_error.h"

#include <chrono>

namespace vae::ui {

DatasetLoadJob::DatasetLoadJob(QObject* parent) : QObject(parent) {
    job_.reportProgress(50, [this](double fraction) { emit progressChanged(fraction); });
}

bool DatasetLoadJob::running() const {
    return job_.isRunning();
}

void DatasetLoadJob::cancel() {
    job_.cancel();
}

void DatasetLoadJob::start(const QString& source, LoadOptions options) {
    const std::string path = source.toStdString();
    job_.start(
        [path, options](JobControl& control) mutable -> Outcome {
            options.progress = [&control](double f) { return control.report(f); };
            Outcome out;
            const auto t0 = std::chrono::steady_clock::now();
            try {
                out.data = std::make_shared<const Dataset>(load_dataset(path, options));
            } catch (const LoadCancelled&) {
                out.cancelled = true;
            } catch (const DataError& e) {
                out.error = QString::fromStdString(e.what());
            } catch (const std::bad_alloc&) {
                out.error =
                    QString::fromStdString(path) +
                    QStringLiteral(": not enough memory (load fewer rows with a row limit)");
            } catch (const std::exception& e) {
                out.error = QString::fromStdString(path) + QStringLiteral(": ") +
                            QString::fromUtf8(e.what());
            }
            out.seconds =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            return out;
        },
        [this](const Outcome& out) { finish(out); });
}

void DatasetLoadJob::finish(const Outcome& out) {
    if (out.cancelled)
        emit cancelled();
    else if (out.data)
        emit loaded(out.data, out.seconds);
    else
        emit failed(out.error);
}

} // namespace vae::ui
