#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <functional>
#include <memory>
#include <utility>

namespace vae::ui {

/// What a background job's work and the GUI thread share. Any thread.
struct JobControl {
    /// Set when the GUI asks the work to stop; work that never looks at it simply runs on.
    std::atomic<bool> cancel{false};
    /// The work's own estimate of how far it got, 0..1; read by BackgroundJob's progress timer.
    std::atomic<double> progress{0.0};

    /// Records `fraction` and says whether to go on: the shape of the engine's progress
    /// callbacks (LoadOptions::progress, QualityProgress), so it can be handed to them as is.
    bool report(double fraction) {
        progress = fraction;
        return !cancel.load();
    }
};

/// The part of BackgroundJob that does not depend on the result type; see there.
class BackgroundJobBase {
public:
    BackgroundJobBase(const BackgroundJobBase&) = delete;
    BackgroundJobBase& operator=(const BackgroundJobBase&) = delete;

    /// Asks the running work to stop (sets its JobControl::cancel). Its result is still
    /// delivered, so work that stops early must say so in its result. Nothing when idle.
    void cancel();
    /// Cancels the running work and forgets it: its result is never delivered and
    /// isRunning() is false at once. Nothing when idle.
    void abandon();
    /// True from start() until the result has been handed over (it is false inside the
    /// delivery, so the delivery may start the next job) or the job was abandoned.
    [[nodiscard]] bool isRunning() const { return running_ != nullptr; }
    /// While a job runs, calls `report` every `interval_ms` with its JobControl::progress.
    /// Nothing is reported after the result is delivered.
    void reportProgress(int interval_ms, std::function<void(double)> report);

protected:
    BackgroundJobBase();
    /// Cancels every job still running, superseded ones included, and waits for them: work
    /// may keep running only as long as its owner lives. Work that never checks its cancel
    /// flag is waited for in full; work not started yet is dropped from the pool.
    ~BackgroundJobBase();

    /// Abandons the running job and makes `watcher` (a child of watcherParent()) the running
    /// one; returns the control its work gets.
    std::shared_ptr<JobControl> begin(QFutureWatcherBase* watcher);
    /// The running job's result has been taken from `watcher`: the job is over.
    void end(QFutureWatcherBase* watcher);
    [[nodiscard]] QObject* watcherParent() { return &watchers_; }

private:
    /// Parent of every watcher, running or superseded, so that the destructor finds them all.
    QObject watchers_;
    QTimer progress_timer_;
    std::function<void(double)> report_progress_;
    QFutureWatcherBase* running_ = nullptr;
    std::shared_ptr<JobControl> control_;
};

/// Runs work on the global thread pool and hands its Result to the GUI thread by value: the
/// watcher, cancel flag, progress timer and "a newer request supersedes the older one" logic
/// that every background computation of the window needs. At most one job is observed at a
/// time; superseded ones run on unobserved. Owners that queue instead of superseding check
/// isRunning() before start() and start the next job from the delivery.
///
/// A plain template owning QFutureWatcher<Result> objects, not a QObject (moc cannot handle a
/// template with Q_OBJECT), so that results keep their type without a QVariant or a cast and
/// owners keep their own signals.
///
/// The work gets a JobControl& and should hold its inputs by value or shared pointer, never
/// the owner. GUI thread only (the thread that created it, which must run an event loop).
template <class Result> class BackgroundJob : public BackgroundJobBase {
public:
    BackgroundJob() = default;

    /// Runs `work(JobControl&) -> Result` on the pool, then `deliver(Result)` on this thread.
    /// A job still running is superseded: it is abandoned (see abandon()) and keeps running
    /// unobserved until it returns, without blocking this call.
    template <class Work, class Deliver> void start(Work work, Deliver deliver) {
        auto* watcher = new QFutureWatcher<Result>(watcherParent());
        auto control = begin(watcher);
        QObject::connect(watcher, &QFutureWatcherBase::finished, watcher,
                         [this, watcher, deliver = std::move(deliver)] {
                             Result result = watcher->result();
                             end(watcher);
                             deliver(std::move(result));
                         });
        watcher->setFuture(QtConcurrent::run(
            [work = std::move(work), control = std::move(control)]() mutable -> Result {
                return work(*control);
            }));
    }
};

} // namespace vae::ui
