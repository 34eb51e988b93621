#pragma once

#include "data/dataset.h"
#include "training/trainer.h"
#include "training/training_config.h"
#include "training/training_control.h"
#include "ui/training/training_metatypes.h"
#include "ui/widgets/latest_value.h"
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
    /// A TrainingResult::state to carry on (split, epoch, schedule, optimiser), or null.
    std::shared_ptr<const TrainingState> continue_from;
};

/// Heavy results of a run, handed to the GUI latest-wins (see LatestValue).
struct TrainingMailbox {
    LatestValue<LatentSnapshot> snapshot;
    LatestValue<VaeModel> model;
};

/// Runs Trainer::run on the thread that calls run() (TrainingSession's training thread) and
/// reports through signals, which reach the GUI queued. Metrics leave in batches at most every
/// kMetricsInterval ms of training time, so a fast small model cannot flood the GUI's event
/// queue; epoch summaries, messages and the end of the run leave at once.
class TrainingWorker : public QObject {
    Q_OBJECT
public:
    static constexpr int kMetricsIntervalMs = 25;

    explicit TrainingWorker(std::shared_ptr<TrainingMailbox> mailbox);

    /// Training thread: trains until the run completes, diverges or is stopped through
    /// request.control. Emits finished() or failed() exactly once.
    void run(const TrainingRequest& request);

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
    std::shared_ptr<TrainingMailbox> mailbox_;
};

} // namespace vae::ui
