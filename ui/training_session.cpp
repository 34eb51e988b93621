#include "ui/training_session.h"

#include "ui/training_worker.h"

#include <utility>

namespace vae::ui {

TrainingSession::TrainingSession(QObject* parent)
    : QObject(parent), mailbox_(std::make_shared<TrainingMailbox>()) {
    qRegisterMetaType<vae::MetricsSample>();
    qRegisterMetaType<std::vector<vae::MetricsSample>>();
    qRegisterMetaType<vae::EpochSummary>();
    qRegisterMetaType<vae::TrainingResult>();

    thread_.setObjectName(QStringLiteral("training"));
    worker_ = new TrainingWorker(mailbox_);
    worker_->moveToThread(&thread_);
    connect(worker_, &TrainingWorker::metricsReady, this, &TrainingSession::metricsArrived);
    connect(worker_, &TrainingWorker::epochFinished, this, &TrainingSession::epochFinished);
    connect(worker_, &TrainingWorker::message, this, &TrainingSession::message);
    connect(worker_, &TrainingWorker::resultsReady, this, &TrainingSession::takeResults);
    connect(worker_, &TrainingWorker::finished, this, [this](const TrainingResult& result) {
        takeResults();
        control_.reset();
        setState(State::Idle);
        emit finished(result);
    });
    connect(worker_, &TrainingWorker::failed, this, [this](const QString& reason) {
        control_.reset();
        setState(State::Idle);
        emit failed(reason);
    });
    thread_.start();
}

TrainingSession::~TrainingSession() {
    if (control_)
        control_->request_stop();
    // The worker's run returns within a minibatch of the stop; its queued signals to this
    // object are dropped with it.
    thread_.quit();
    thread_.wait();
    // Deleted here, after the join, rather than by deleteLater on its own thread: the join is
    // an ordering every tool can see (ThreadSanitizer cannot see Qt's internal atomics).
    delete worker_;
}

bool TrainingSession::start(std::shared_ptr<const Dataset> data, const TrainingConfig& config,
                            std::shared_ptr<const VaeModel> initial, QString* error) {
    if (busy()) {
        if (error)
            *error = tr("a training run is already going");
        return false;
    }
    control_ = std::make_shared<TrainingControl>();
    mailbox_->request.put(std::make_shared<const TrainingRequest>(
        TrainingRequest{std::move(data), config, std::move(initial), control_}));
    QMetaObject::invokeMethod(worker_, "runNext", Qt::QueuedConnection);
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
