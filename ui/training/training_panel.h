#pragma once

#include "data/dataset.h"
#include "training/training_config.h"
#include "training/training_events.h"
#include "ui/training/training_metatypes.h"

#include <QWidget>

#include <cstddef>
#include <memory>

class QLabel;
class QProgressBar;
class QPushButton;
class QTimer;

namespace vae::ui {

class AdvancedSettingsForm;
class ModelSettingsForm;
class ObjectiveSettingsForm;
class OptimisationSettingsForm;

/// Where the user sets up a training run: every engine option in a narrow vertical form (for a
/// left-hand dock), defaults picked from the data, Start / Pause / Stop, and the run's progress.
/// The panel trains nothing itself: it emits requests, and the owner reports back through
/// setRunState(), showProgress() and showMessage().
class TrainingPanel : public QWidget {
    Q_OBJECT
public:
    /// What the owner's training run is doing; decides what can be edited and clicked.
    enum class RunState { Idle, Running, Paused, Stopping };

    /// β, learning rate and warm-up edits made during a run are sent this long after the last
    /// arrow click or wheel turn (typed values go at once when the edit is finished), so that
    /// ten quick clicks make one change on the curves, not ten.
    static constexpr int kLiveEditDelayMs = 400;

    explicit TrainingPanel(QWidget* parent = nullptr);
    ~TrainingPanel() override;

    /// Takes the input dimension and the automatic likelihood from `data`; the user's other
    /// choices stay. With no dataset (nullptr) Start is disabled.
    void setDataset(std::shared_ptr<const Dataset> data);
    [[nodiscard]] std::shared_ptr<const Dataset> dataset() const { return data_; }

    /// The run the form describes: input_dim is the dataset's column count (0 without one), the
    /// automatic likelihood resolved for the dataset. Settings the form does not show
    /// (metrics_every, snapshot_*) are those of the last setConfig().
    [[nodiscard]] TrainingConfig config() const;
    /// Shows `c` in the form; its likelihood becomes an explicit choice (see setAutoLikelihood).
    /// Emits no liveSettingsChanged.
    void setConfig(const TrainingConfig& c);
    /// Whether the likelihood follows the data ("Auto") rather than the user's pick.
    [[nodiscard]] bool autoLikelihood() const;
    void setAutoLikelihood(bool on);
    /// β, learning rate and warm-up as the form shows them.
    [[nodiscard]] LiveSettings liveSettings() const;

    /// Empty, or why the form's settings cannot be trained (from vae::validate, or a hidden
    /// layer text that is not a list of widths). Shown under the form; Start stays disabled.
    [[nodiscard]] QString problem() const;

    /// Idle: everything editable. Running/Paused: only β, learning rate and warm-up. Stopping:
    /// nothing, and no run button.
    void setRunState(RunState state);
    [[nodiscard]] RunState runState() const { return state_; }

    /// Updates the progress bar and the status text from the run's latest metrics: "Epoch 3.4
    /// of 10 · step 1,432 of 4,210", then on a second line "31,200 samples/s · ETA 1 min 12 s"
    /// (one line would wrap in the middle of a number and its unit in a narrow dock). The ETA
    /// uses seconds per step smoothed over the last few samples.
    void showProgress(const MetricsSample& latest);
    /// Replaces the status line, e.g. with how a run ended.
    void showMessage(const QString& text);
    /// The run is over: the status line says how it ended, and a completed run fills the bar
    /// (the last metrics sample may come a few steps before the end).
    void showFinished(const QString& text, bool completed);
    /// What the status line shows.
    [[nodiscard]] QString statusText() const;

    /// Whether the "Advanced" section is open (it starts closed).
    [[nodiscard]] bool advancedShown() const;
    void setAdvancedShown(bool shown);

signals:
    /// The run buttons were clicked. The panel does not change its state itself: the owner
    /// answers with setRunState() once the run has started, paused, resumed or is stopping.
    void startRequested();
    void pauseRequested();
    void resumeRequested();
    void stopRequested();
    /// The user changed β, learning rate or warm-up during a run; `settings` are valid per
    /// vae::live_settings_error and differ from the ones sent before.
    void liveSettingsChanged(vae::LiveSettings settings);
    /// Any setting changed (and with it, perhaps, problem()).
    void settingsEdited();

private:
    QWidget* buildRunControls();
    void onSettingsEdited();
    void onLiveEdited();
    void sendLiveSettings();
    void onPauseClicked();
    void updateControls();

    std::shared_ptr<const Dataset> data_;
    TrainingConfig base_; ///< holds the fields the form does not show
    RunState state_ = RunState::Idle;
    LiveSettings sent_live_; ///< what the running trainer was last told
    std::size_t run_epochs_ = 0;
    std::size_t run_batch_ = 0;
    double seconds_per_step_ = 0.0; ///< smoothed; 0 until the first sample of a run
    bool applying_ = false;         ///< setConfig() is filling the form

    ModelSettingsForm* model_ = nullptr;
    ObjectiveSettingsForm* objective_ = nullptr;
    OptimisationSettingsForm* optimisation_ = nullptr;
    AdvancedSettingsForm* advanced_ = nullptr;
    QLabel* problem_ = nullptr;
    QLabel* locked_note_ = nullptr;
    QPushButton* start_ = nullptr;
    QPushButton* pause_ = nullptr;
    QPushButton* stop_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QLabel* status_ = nullptr;
    QTimer* live_timer_ = nullptr;
};

/// "45 s", "1 min 12 s", "2 h 5 min": a duration for status lines and end-of-run messages.
QString format_duration(double seconds);

} // namespace vae::ui
