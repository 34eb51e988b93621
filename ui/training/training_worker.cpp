#include "ui/training/training_worker.h"

#include <chrono>
#include <exception>
#include <utility>

namespace vae::ui {

TrainingWorker::TrainingWorker(std::shared_ptr<TrainingMailbox> mailbox)
    : mailbox_(std::move(mailbox)) {}

void TrainingWorker::run(const TrainingRequest& request) {
    using Clock = std::chrono::steady_clock;
    std::vector<MetricsSample> pending;
    auto last_sent = Clock::now();
    auto flush = [&] {
        if (pending.empty())
            return;
        emit metricsReady(pending);
        pending.clear();
        last_sent = Clock::now();
    };

    TrainingCallbacks callbacks;
    callbacks.on_metrics = [&](const MetricsSample& m) {
        pending.push_back(m);
        if (Clock::now() - last_sent >= std::chrono::milliseconds(kMetricsIntervalMs))
            flush();
    };
    callbacks.on_epoch = [&](const EpochSummary& e) {
        flush();
        emit epochFinished(e);
    };
    callbacks.on_snapshot = [this](std::shared_ptr<const LatentSnapshot> s) {
        if (mailbox_->snapshot.put(std::move(s)))
            emit resultsReady();
    };
    callbacks.on_model = [this](std::shared_ptr<const VaeModel> m) {
        if (mailbox_->model.put(std::move(m)))
            emit resultsReady();
    };
    callbacks.on_message = [this](const std::string& text) {
        emit message(QString::fromStdString(text));
    };

    try {
        Trainer trainer(*request.data, request.config, request.continue_from);
        TrainingResult result = trainer.run(*request.control, callbacks, request.initial);
        flush();
        if (result.model && mailbox_->model.put(result.model))
            emit resultsReady();
        emit finished(result);
    } catch (const std::exception& e) {
        flush();
        emit failed(QString::fromStdString(e.what()));
    }
}

} // namespace vae::ui
