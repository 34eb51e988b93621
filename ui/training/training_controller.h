#pragma once

#include "data/dataset.h"
#include "data/dataset_metadata.h"
#include "training/trainer.h"
#include "training/training_config.h"
#include "ui/training/training_metatypes.h"
#include "vae/vae_model.h"

#include <QElapsedTimer>
#include <QMap>
#include <QObject>
#include <QString>

#include <memory>
#include <optional>

namespace vae::ui {

class TrainingCurvesView;
class TrainingPanel;
class TrainingSession;

/// Connects the settings panel, the training session and the curves: starts a run (continuing
/// from the current weights when the architecture is the same), passes pause, resume, stop and
/// live settings on, marks each live change on the curves at the step it took effect, and
/// reports progress and how a run ended. Owns the TrainingSession. GUI thread only.
class TrainingController : public QObject {
    Q_OBJECT
public:
    TrainingController(TrainingPanel* panel, TrainingCurvesView* curves, QObject* parent);

    [[nodiscard]] TrainingSession* session() const { return session_; }
    /// The data the next run trains on. Weights for another column count are dropped.
    void setDataset(std::shared_ptr<const Dataset> data);
    /// Starts (or continues) a run with the panel's settings; false with `error` set when it
    /// cannot (no data, a run going, settings the panel flags as a problem). With the weights
    /// of a run on the same data and architecture, that run is carried on (TrainingState): a
    /// stopped one up to the panel's epochs, a finished one for the panel's epochs more.
    bool start(QString* error);
    /// Rows each latent snapshot of the next run encodes (the latent plane's point count).
    void setSnapshotPoints(std::size_t n) { snapshot_points_ = n; }
    /// Forgets the current weights and curves: the next run starts afresh. Not during a run.
    void resetWeights();
    /// Weights loaded from a file: they become the current ones and the panel takes their
    /// architecture. Not during a run.
    /// `data`: what the weights were trained on (a model file's metadata); unset: the data of
    /// the next run is taken as theirs.
    void adoptModel(std::shared_ptr<const VaeModel> model,
                    std::optional<DatasetMetadata> data = std::nullopt);
    /// What the current weights were trained on (for saving them with the right names and
    /// normalisation, whatever dataset is loaded since); unset without weights.
    [[nodiscard]] const std::optional<DatasetMetadata>& weightsData() const {
        return weights_data_;
    }

    /// The settings of the run behind the current weights (for saving them).
    [[nodiscard]] const TrainingConfig& runConfig() const { return run_config_; }
    /// How that run ended; empty mid-run, and for loaded or reset weights.
    [[nodiscard]] const std::optional<TrainingResult>& lastResult() const { return last_result_; }

signals:
    /// The run ended: `text` says how, for a status bar; `diverged` asks for a louder warning.
    void runEnded(const QString& text, bool diverged);
    /// The run could not start or failed: `reason` says why.
    void runFailed(const QString& reason);
    /// Something a user should read from the trainer (a rollback, a settings change).
    void message(const QString& text);
    /// State, weights or curves changed: menus may need updating.
    void changed();

private:
    void onLiveSettings(const LiveSettings& settings);
    void onMetrics(const std::vector<MetricsSample>& batch);
    void onEpoch(const EpochSummary& summary);
    void onFinished(const TrainingResult& result);

    TrainingPanel* panel_;
    TrainingCurvesView* curves_;
    TrainingSession* session_;
    std::shared_ptr<const Dataset> data_;

    TrainingConfig run_config_;
    std::size_t snapshot_points_ = 0; ///< 0: the panel's (engine default)
    std::optional<TrainingResult> last_result_;
    std::optional<DatasetMetadata> weights_data_;
    LiveSettings live_shown_; ///< the live settings as the curves last marked them
    /// Where the run behind the current weights stood, to carry it on; null for loaded or
    /// reset weights and after the data changed.
    std::shared_ptr<const TrainingState> continuation_;
    TrainingResult::End last_result_end_ = TrainingResult::End::Completed;
    double epoch_offset_ = 0.0; ///< epochs of earlier runs this one continues
    double last_epoch_shown_ = 0.0;
    QMap<quint64, QString> pending_marks_; ///< live-settings revision -> curve label
    quint64 live_revisions_sent_ = 0;      ///< TrainingControl revisions this run
    static constexpr qint64 kProgressIntervalMs = 250;
    QElapsedTimer progress_clock_; ///< since the status line last changed
};

/// A curve mark's text for a live edit: each setting that changed, "β 1 → 0.25, MMD λ 0 → 2".
QString describe_live_change(const LiveSettings& before, const LiveSettings& after);

} // namespace vae::ui
