#include "ui/training/training_controller.h"

#include "ui/training/training_curves_view.h"
#include "ui/training/training_panel.h"
#include "ui/training/training_session.h"

#include <algorithm>
#include <cmath>

namespace vae::ui {
namespace {

TrainingPanel::RunState run_state_of(TrainingSession::State s) {
    switch (s) {
    case TrainingSession::State::Running:
        return TrainingPanel::RunState::Running;
    case TrainingSession::State::Paused:
        return TrainingPanel::RunState::Paused;
    case TrainingSession::State::Stopping:
        return TrainingPanel::RunState::Stopping;
    case TrainingSession::State::Idle:
        break;
    }
    return TrainingPanel::RunState::Idle;
}

/// At least about 25 points per epoch: a small dataset has only a few steps per epoch.
std::size_t metrics_interval(const Dataset& data, const TrainingConfig& c) {
    const auto train_rows =
        static_cast<std::size_t>(static_cast<double>(data.rows()) * (1.0 - c.validation_split));
    const std::size_t steps_per_epoch = std::max<std::size_t>(1, train_rows / c.batch_size);
    return std::clamp<std::size_t>(steps_per_epoch / 25, 1, c.metrics_every);
}

} // namespace

TrainingController::TrainingController(TrainingPanel* panel, TrainingCurvesView* curves,
                                       QObject* parent)
    : QObject(parent), panel_(panel), curves_(curves), session_(new TrainingSession(this)) {
    connect(panel_, &TrainingPanel::pauseRequested, session_, &TrainingSession::pause);
    connect(panel_, &TrainingPanel::resumeRequested, session_, &TrainingSession::resume);
    connect(panel_, &TrainingPanel::stopRequested, session_, &TrainingSession::stop);
    connect(panel_, &TrainingPanel::liveSettingsChanged, this, &TrainingController::onLiveSettings);
    connect(panel_, &TrainingPanel::settingsEdited, this, &TrainingController::changed);
    connect(session_, &TrainingSession::stateChanged, this, [this](TrainingSession::State s) {
        panel_->setRunState(run_state_of(s));
        emit changed();
    });
    connect(session_, &TrainingSession::metricsArrived, this, &TrainingController::onMetrics);
    connect(session_, &TrainingSession::epochFinished, this, &TrainingController::onEpoch);
    connect(session_, &TrainingSession::message, this, &TrainingController::message);
    connect(session_, &TrainingSession::finished, this, &TrainingController::onFinished);
    connect(session_, &TrainingSession::failed, this, [this](const QString& reason) {
        panel_->showMessage(reason);
        emit changed();
        emit runFailed(reason);
    });
    connect(session_, &TrainingSession::resultsUpdated, this, &TrainingController::changed);
}

void TrainingController::setDataset(std::shared_ptr<const Dataset> data) {
    // A run's split and schedule belong to its data: other data (even of the same width)
    // starts a new run from the kept weights.
    if (data != data_)
        continuation_.reset();
    data_ = std::move(data);
    panel_->setDataset(data_);
    if (auto model = session_->model(); model && data_ && model->input_dim() != data_->cols())
        resetWeights();
}

bool TrainingController::start(QString* error) {
    if (!data_ || session_->busy()) {
        *error = data_ ? tr("A training run is already going.") : tr("Open a dataset first.");
        return false;
    }
    if (const QString problem = panel_->problem(); !problem.isEmpty()) {
        *error = problem;
        return false;
    }
    TrainingConfig config = panel_->config();
    config.metrics_every = metrics_interval(*data_, config);
    if (snapshot_points_ > 0)
        config.snapshot_points = snapshot_points_;
    // Same architecture: continue from the current weights and extend their curves.
    auto initial = session_->model();
    if (initial && !(initial->architecture() == config.architecture))
        initial = nullptr;
    if (!initial)
        curves_->clear();
    // The run behind the weights is carried on where it stood (warm-up, learning-rate schedule,
    // Adam's moments, split, rollback factor): a stopped run to the epochs asked for, a
    // finished one for that many more. Its epochs count on from where it was.
    std::shared_ptr<const TrainingState> state = initial ? continuation_ : nullptr;
    if (state) {
        const bool stopped_short =
            last_result_end_ == TrainingResult::End::Stopped && state->epoch < config.epochs;
        if (!stopped_short)
            config.epochs += state->epoch;
    } else {
        epoch_offset_ = initial ? last_epoch_shown_ : 0.0;
    }
    curves_->setInputDimension(data_->cols());
    pending_marks_.clear();
    live_revisions_sent_ = 0;
    progress_clock_.invalidate();
    run_config_ = config;
    live_shown_ = live_settings_of(config);
    last_result_.reset();
    if (!session_->start(data_, config, initial, error, state))
        return false;
    weights_data_ = metadata_of(*data_);
    return true;
}

void TrainingController::resetWeights() {
    if (session_->busy())
        return;
    session_->setModel(nullptr);
    weights_data_.reset();
    continuation_.reset();
    curves_->clear();
    epoch_offset_ = last_epoch_shown_ = 0.0;
    last_result_.reset();
    panel_->showMessage(tr("Weights reset: the next run starts from fresh weights"));
    emit changed();
}

void TrainingController::adoptModel(std::shared_ptr<const VaeModel> model,
                                    std::optional<DatasetMetadata> data) {
    if (session_->busy() || !model)
        return;
    TrainingConfig config = panel_->config();
    config.architecture = model->architecture();
    panel_->setConfig(config);
    session_->setModel(std::move(model));
    weights_data_ = std::move(data);
    continuation_.reset();
    curves_->clear();
    epoch_offset_ = last_epoch_shown_ = 0.0;
    run_config_ = config;
    last_result_.reset();
    emit changed();
}

QString describe_live_change(const LiveSettings& before, const LiveSettings& after) {
    QStringList parts;
    const auto change = [&](const QString& name, double from, double to) {
        if (from != to)
            parts << QStringLiteral("%1 %2 → %3").arg(name).arg(from).arg(to);
    };
    change(QStringLiteral("β"), static_cast<double>(before.beta), static_cast<double>(after.beta));
    change(TrainingController::tr("lr"), static_cast<double>(before.learning_rate),
           static_cast<double>(after.learning_rate));
    change(TrainingController::tr("warm-up"), static_cast<double>(before.warmup_epochs),
           static_cast<double>(after.warmup_epochs));
    change(TrainingController::tr("free bits"), static_cast<double>(before.free_bits),
           static_cast<double>(after.free_bits));
    change(QStringLiteral("MMD λ"), static_cast<double>(before.mmd_weight),
           static_cast<double>(after.mmd_weight));
    change(QStringLiteral("GAN γ"), static_cast<double>(before.gan_weight),
           static_cast<double>(after.gan_weight));
    change(TrainingController::tr("feature matching"), static_cast<double>(before.feature_matching),
           static_cast<double>(after.feature_matching));
    if (parts.isEmpty()) // sent again unchanged: say what holds
        parts << QStringLiteral("β %1").arg(static_cast<double>(after.beta))
              << TrainingController::tr("lr %1").arg(static_cast<double>(after.learning_rate));
    return parts.join(QStringLiteral(", "));
}

void TrainingController::onLiveSettings(const LiveSettings& s) {
    session_->setLiveSettings(s);
    // The trainer applies the change at its next minibatch; the curves mark it at the first
    // metrics sample that reports the new revision.
    pending_marks_.insert(++live_revisions_sent_, describe_live_change(live_shown_, s));
    live_shown_ = s;
}

void TrainingController::onMetrics(const std::vector<MetricsSample>& batch) {
    const bool first_points = curves_->pointCount() == 0;
    std::vector<MetricsSample> shifted = batch;
    for (auto& m : shifted) {
        m.epoch += epoch_offset_;
        if (auto it = pending_marks_.find(m.live_revision); it != pending_marks_.end()) {
            curves_->markChange(m.epoch, it.value());
            pending_marks_.erase(pending_marks_.begin(), std::next(it));
        }
    }
    last_epoch_shown_ = shifted.back().epoch;
    curves_->appendMetrics(shifted);
    // The status line and bar change a few times a second: every update lays text out again
    // on the GUI thread, which shares the cores with training.
    if (!progress_clock_.isValid() || progress_clock_.elapsed() >= kProgressIntervalMs) {
        panel_->showProgress(batch.back());
        progress_clock_.start();
    }
    if (first_points)
        emit changed(); // the curves can be exported now
}

void TrainingController::onEpoch(const EpochSummary& summary) {
    EpochSummary shifted = summary;
    shifted.epoch += static_cast<std::size_t>(std::lround(epoch_offset_));
    curves_->appendEpoch(shifted);
    last_epoch_shown_ = static_cast<double>(shifted.epoch);
}

void TrainingController::onFinished(const TrainingResult& result) {
    last_result_ = result;
    continuation_ = result.state;
    last_result_end_ = result.end;
    QString text = QString::fromStdString(result.message);
    if (!text.isEmpty())
        text[0] = text[0].toUpper();
    text += tr(" in %1").arg(format_duration(result.seconds));
    if (result.last_epoch && std::isfinite(result.last_epoch->val_elbo))
        text += tr(" · validation ELBO %1").arg(result.last_epoch->val_elbo, 0, 'f', 2);
    panel_->showFinished(text, result.end == TrainingResult::End::Completed);
    emit changed();
    emit runEnded(text, result.end == TrainingResult::End::Diverged);
}

} // namespace vae::ui
