#include "ui/widgets/background_job.h"

namespace vae::ui {

BackgroundJobBase::BackgroundJobBase() {
    QObject::connect(&progress_timer_, &QTimer::timeout, &progress_timer_, [this] {
        if (control_ && report_progress_)
            report_progress_(control_->progress.load());
    });
}

BackgroundJobBase::~BackgroundJobBase() {
    if (control_)
        control_->cancel = true; // superseded jobs were told when they were superseded
    const auto watchers = watchers_.findChildren<QFutureWatcherBase*>(Qt::FindDirectChildrenOnly);
    for (QFutureWatcherBase* watcher : watchers) {
        // A job still queued in the pool then never starts; a running one is waited for.
        watcher->cancel();
        try {
            watcher->waitForFinished();
        } catch (...) {
            // Work that threw would have rethrown at delivery; with no one left to deliver
            // to, its exception has nowhere to go, and a destructor must not throw.
        }
    }
}

void BackgroundJobBase::reportProgress(int interval_ms, std::function<void(double)> report) {
    progress_timer_.setInterval(interval_ms);
    report_progress_ = std::move(report);
}

void BackgroundJobBase::cancel() {
    if (running_)
        control_->cancel = true;
}

void BackgroundJobBase::abandon() {
    if (!running_)
        return;
    control_->cancel = true;
    // Its result is dropped anyway, so the pool need not start it if it has not yet.
    running_->cancel();
    // The job finishes unobserved; its watcher goes with it.
    QObject::disconnect(running_, nullptr, nullptr, nullptr);
    QObject::connect(running_, &QFutureWatcherBase::finished, running_, &QObject::deleteLater);
    running_ = nullptr;
    control_.reset();
    progress_timer_.stop();
}

std::shared_ptr<JobControl> BackgroundJobBase::begin(QFutureWatcherBase* watcher) {
    abandon();
    running_ = watcher;
    control_ = std::make_shared<JobControl>();
    if (report_progress_)
        progress_timer_.start();
    return control_;
}

void BackgroundJobBase::end(QFutureWatcherBase* watcher) {
    progress_timer_.stop();
    running_ = nullptr;
    control_.reset();
    watcher->deleteLater();
}

} // namespace vae::ui
