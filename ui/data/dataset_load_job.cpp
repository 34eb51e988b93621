#include "ui/data/dataset_load_job.h"

#include "data/dataset_loader.h"
#include "data/load_error.h"

#include <QtConcurrent/QtConcurrentRun>

#include <chrono>

namespace vae::ui {

DatasetLoadJob::DatasetLoadJob(QObject* parent) : QObject(parent) {
    progress_timer_.setInterval(50);
    connect(&progress_timer_, &QTimer::timeout, this, [this] {
        if (shared_)
            emit progressChanged(shared_->fraction.load());
    });
}

DatasetLoadJob::~DatasetLoadJob() {
    cancel();
}

bool DatasetLoadJob::running() const {
    return watcher_ != nullptr && watcher_->isRunning();
}

void DatasetLoadJob::cancel() {
    if (shared_)
        shared_->cancel = true;
}

void DatasetLoadJob::start(const QString& source, LoadOptions options) {
    if (watcher_) {
        // Forget the old load: its watcher is deleted once it finishes, unobserved.
        cancel();
        watcher_->disconnect(this);
        connect(watcher_, &QFutureWatcherBase::finished, watcher_, &QObject::deleteLater);
        watcher_ = nullptr;
    }
    shared_ = std::make_shared<Shared>();
    options.progress = [shared = shared_](double f) {
        shared->fraction = f;
        return !shared->cancel.load();
    };
    const std::string path = source.toStdString();
    watcher_ = new QFutureWatcher<Outcome>(this);
    connect(watcher_, &QFutureWatcherBase::finished, this, &DatasetLoadJob::finish);
    watcher_->setFuture(QtConcurrent::run([path, options]() -> Outcome {
        Outcome out;
        const auto t0 = std::chrono::steady_clock::now();
        try {
            out.data = std::make_shared<const Dataset>(load_dataset(path, options));
        } catch (const LoadCancelled&) {
            out.cancelled = true;
        } catch (const DataError& e) {
            out.error = QString::fromStdString(e.what());
        } catch (const std::bad_alloc&) {
            out.error = QString::fromStdString(path) +
                        QStringLiteral(": not enough memory (load fewer rows with a row limit)");
        } catch (const std::exception& e) {
            out.error =
                QString::fromStdString(path) + QStringLiteral(": ") + QString::fromUtf8(e.what());
        }
        out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        return out;
    }));
    progress_timer_.start();
}

void DatasetLoadJob::finish() {
    progress_timer_.stop();
    const Outcome out = watcher_->result();
    watcher_->deleteLater();
    watcher_ = nullptr;
    if (out.cancelled)
        emit cancelled();
    else if (out.data)
        emit loaded(out.data, out.seconds);
    else
        emit failed(out.error);
}

} // namespace vae::ui
