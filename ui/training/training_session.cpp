#include "ui/training/training_session.h"

#include "ui/training/training_worker.h"

#include <utility>

namespace vae::ui {

TrainingSession::TrainingSession(QObject* parent)
    : QObject(parent), mailbox_(std::make_shared<TrainingMailbox>()) {
    qRegisterMetaType<vae::MetricsSample>();
    qRegisterMetaType<std::vector<vae::MetricsSample>>();
    qRegisterMetaType<vae::EpochSummary>();
    qRegisterMetaType<vae::TrainingResult>();

    worker_ = std::make_unique<TrainingWorker>(mailbox_);
    // The worker lives on this (GUI) thread but runs on thread_; its signals, emitted there,
    // reach these connections queued.
    connect(worker_.get(), &TrainingWorker::metricsReady, this, &TrainingSession::metricsArrived);
    connect(worker_.get(), &TrainingWorker::epochFinished, this, &TrainingSession::epochFinished);
    connect(worker_.get(), &TrainingWorker::message, this, &TrainingSession::message);
    connect(worker_.get(), &TrainingWorker::resultsReady, this, &TrainingSession::takeResults);
    connect(worker_.get(), &TrainingWorker::finished, this, [this](const TrainingResult& result) {
        takeResults();
        control_.reset();
        setState(State::Idle);
        emit finished(result);
    });
    connect(worker_.get(), &TrainingWorker::failed, this, [this](const QString& reason) {
        control_.reset();
        setState(State::Idle);
        emit failed(reason);
    });
}

TrainingSession::~TrainingSession() {
    if (control_)
        control_->request_stop();
    // The run returns within a minibatch of the stop; its queued signals to this object are
    // dropped with it. A plain std::thread rather than a QThread: the join is an ordering that
    // ThreadSanitizer sees, where QThread's own hand-over goes through Qt's uninstrumented
    // atomics.
    if (thread_.joinable())
        thread_.join();
}

bool TrainingSession::start(std::shared_ptr<const Dataset> data, const TrainingConfig& config,
                            std::shared_ptr<const VaeModel> initial, QString* error,
                            std::shared_ptr<const TrainingState> continue_from) {
    if (busy()) {
        if (error)
            *error = tr("a training run is already going");
        return false;
    }
    // The previous run has signalled its end; its thread is at most returning.
    if (thread_.joinable())
        thread_.join();
    control_ = std::make_shared<TrainingControl>();
    thread_ = std::thread(
        [worker = worker_.get(),
         request = TrainingRequest{std::move(data), config, std::move(initial), control_,
                                   std::move(continue_from)}] { worker->run(request); });
    setState(State::Running);
    return true;
}

void TrainingSession::pause() {
    if (state_ != State::Running)
        return;
    control_->pause();
    setState(State::Paused);
}

void TrainingSession::resume() {
    if (state_ != State::Paused)
        return;
    control_->resume();
    setState(State::Running);
}

void TrainingSession::stop() {
    if (state_ != State::Running && state_ != State::Paused)
        return;
    control_->request_stop();
    setState(State::Stopping);
}

void TrainingSession::setLiveSettings(const LiveSettings& settings) {
    if (control_ && (state_ == State::Running || state_ == State::Paused))
        control_->set_live_settings(settings);
}

void TrainingSession::setModel(std::shared_ptr<const VaeModel> model) {
    if (busy())
        return;
    model_ = std::move(model);
    snapshot_.reset();
    emit resultsUpdated();
}

void TrainingSession::setState(State s) {
    if (s == state_)
        return;
    state_ = s;
    emit stateChanged(s);
}

void TrainingSession::takeResults() {
    bool changed = false;
    if (auto s = mailbox_->snapshot.take()) {
        snapshot_ = std::move(s);
        changed = true;
    }
    if (auto m = mailbox_->model.take()) {
        model_ = std::move(m);
        changed = true;
    }
    if (changed)
        emit resultsUpdated();
}

} // namespace vae::ui
