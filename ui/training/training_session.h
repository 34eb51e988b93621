#pragma once

#include "data/dataset.h"
#include "training/training_config.h"
#include "training/training_control.h"
#include "ui/training/training_metatypes.h"
#include "vae/vae_model.h"

#include <QObject>
#include <QString>

#include <memory>
#include <thread>
#include <vector>

namespace vae::ui {

class TrainingWorker;
struct TrainingMailbox;

/// The GUI's handle on training: owns the training thread and the run's TrainingControl, keeps
/// the newest weights and latent snapshot, and tells the GUI what happened by signals.
/// Lives on the GUI thread. Every method returns at once: pause, resume, stop and live
/// settings go straight to the TrainingControl (atomics), never through the worker's event
/// queue, because the worker's thread is busy inside Trainer::run for the whole run.
/// The destructor stops a run and joins the thread; the trainer honours a stop within one
/// minibatch (or one batch of the end-of-epoch evaluation or latent snapshot).
class TrainingSession : public QObject {
    Q_OBJECT
public:
    enum class State { Idle, Running, Paused, Stopping };
    Q_ENUM(State)

    explicit TrainingSession(QObject* parent = nullptr);
    ~TrainingSession() override;
    TrainingSession(const TrainingSession&) = delete;
    TrainingSession& operator=(const TrainingSession&) = delete;

    /// Starts a run on `data`. Starts from the weights `initial` when given (same
    /// architecture); with `continue_from` (the state of a finished run's result) it carries
    /// that run on instead of restarting its warm-up, schedule, optimiser and split (see
    /// Trainer). False, with `error` set, when a run is already going.
    bool start(std::shared_ptr<const Dataset> data, const TrainingConfig& config,
               std::shared_ptr<const VaeModel> initial, QString* error = nullptr,
               std::shared_ptr<const TrainingState> continue_from = nullptr);
    void pause();
    void resume();
    void stop();
    /// Takes effect from the trainer's next minibatch; ignored when no run is going.
    void setLiveSettings(const LiveSettings& settings);

    [[nodiscard]] State state() const { return state_; }
    /// True once a pause has taken effect: the trainer is parked between minibatches (pause()
    /// is honoured after the minibatch under way) and no step runs until resume() or stop().
    [[nodiscard]] bool trainerPaused() const { return control_ && control_->held(); }
    [[nodiscard]] bool busy() const { return state_ != State::Idle; }
    /// Newest weights: from the running trainer, the last run, or setModel().
    [[nodiscard]] std::shared_ptr<const VaeModel> model() const { return model_; }
    [[nodiscard]] std::shared_ptr<const LatentSnapshot> snapshot() const { return snapshot_; }
    /// Replaces the current weights (a loaded model, or null to reset). Not while busy.
    void setModel(std::shared_ptr<const VaeModel> model);

signals:
    void stateChanged(vae::ui::TrainingSession::State state);
    void metricsArrived(const std::vector<vae::MetricsSample>& batch);
    void epochFinished(const vae::EpochSummary& summary);
    /// model() or snapshot() changed.
    void resultsUpdated();
    void message(const QString& text);
    /// The run ended (completed, stopped or diverged); result.message says how.
    void finished(const vae::TrainingResult& result);
    /// The run could not start or failed with an error; nothing was trained.
    void failed(const QString& reason);

private:
    void setState(State s);
    void takeResults();

    std::unique_ptr<TrainingWorker> worker_; // runs on thread_; outlives it
    std::thread thread_;                     // one per run
    std::shared_ptr<TrainingMailbox> mailbox_;
    std::shared_ptr<TrainingControl> control_;
    std::shared_ptr<const VaeModel> model_;
    std::shared_ptr<const LatentSnapshot> snapshot_;
    State state_ = State::Idle;
};

} // namespace vae::ui
