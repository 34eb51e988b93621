#pragma once

#include "data/dataset.h"
#include "training/trainer.h"
#include "training/training_config.h"
#include "training/training_control.h"
#include "ui/latest_value.h"
#include "ui/training_metatypes.h"
#include "vae/vae_model.h"

#include <QObject>
#include <QString>

#include <memory>
#include <vector>

namespace vae::ui {

/// What one run needs. The worker shares ownership of the data, so closing the dataset in the
/// GUI mid-run cannot pull it from under the trainer.
struct TrainingRequest {
    std::shared_ptr<const Dataset> data;
    TrainingConfig config;
    std::shared_ptr<const VaeModel> initial; ///< continue from these weights, or null
    std::shared_ptr<TrainingControl> control;
};

/// What crosses between the GUI and the training thread besides signals: the next run's
/// request one way, heavy results (latest-wins, see LatestValue) the other.
struct TrainingMailbox {
    LatestValue<TrainingRequest> request;
    LatestValue<LatentSnapshot> snapshot;
    LatestValue<VaeModel> model;
};

/// Runs Trainer::run on the thread this object lives on (TrainingSession's worker thread) and
/// reports through signals, which reach the GUI queued. Metrics leave in batches at most every
/// kMetricsInterval ms of training time, so a fast small model cannot flood the GUI's event
/// queue; epoch summaries, messages and the end of the run leave at once.
class TrainingWorker : public QObject {
    Q_OBJECT
public:
    static constexpr int kMetricsIntervalMs = 25;

    explicit TrainingWorker(std::shared_ptr<TrainingMailbox> mailbox);

    /// Worker thread: takes the request from the mailbox and trains until the run completes,
    /// diverges or is stopped through request.control. Emits finished() or failed() exactly
    /// once. Invoked by name (queued) so that no functor object crosses threads.
    Q_INVOKABLE void runNext();

signals:
    void metricsReady(const std::vector<vae::MetricsSample>& batch);
    void epochFinished(const vae::EpochSummary& summary);
    /// A new snapshot/model is in the mailbox and the mailbox was empty before.
    void resultsReady();
    void message(const QString& text);
    void finished(const vae::TrainingResult& result);
    /// The run could not start (settings invalid for this data) or threw; `reason` says why.
    void failed(const QString& reason);

private:
    void run(const TrainingRequest& request);

    std::shared_ptr<TrainingMailbox> mailbox_;
};

} // namespace vae::ui
