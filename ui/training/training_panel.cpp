#include "ui/training/training_panel.h"

#include "ui/training/advanced_settings_form.h"
#include "ui/training/model_settings_form.h"
#include "ui/training/objective_settings_form.h"
#include "ui/training/optimisation_settings_form.h"
#include "ui/training/settings_form_rows.h"

#include <QCoreApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QStyle>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <climits>
#include <cmath>

namespace vae::ui {
namespace {

/// Weight of the newest metrics sample in the smoothed seconds per step: a sample covers
/// metrics_every steps, so this follows speed changes within a few hundred steps.
constexpr double kRateSmoothing = 0.3;

QString translate(const char* text) {
    return QCoreApplication::translate("vae::ui::TrainingPanel", text);
}

/// 31,234 -> "31,200": three significant digits are all a rate that jitters deserves.
QString format_rate(double per_second, const QLocale& locale) {
    if (!(per_second > 0.0) || !std::isfinite(per_second))
        return QStringLiteral("0");
    const double magnitude = std::pow(10.0, std::floor(std::log10(per_second)) - 2.0);
    const double rounded = std::round(per_second / magnitude) * magnitude;
    if (rounded >= 100.0)
        return locale.toString(static_cast<qlonglong>(std::llround(rounded)));
    return locale.toString(rounded, 'g', 3);
}

} // namespace

QString format_duration(double seconds) {
    // Small tables train in well under a second: "0 s" would read as nothing happened.
    if (seconds < 9.95)
        return translate("%1 s").arg(std::max(0.0, seconds), 0, 'f', 1);
    const long long s = std::llround(std::max(0.0, seconds));
    if (s < 60)
        return translate("%1 s").arg(s);
    if (s < 3600)
        return translate("%1 min %2 s").arg(s / 60).arg(s % 60);
    return translate("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
}

TrainingPanel::TrainingPanel(QWidget* parent) : QWidget(parent) {
    auto* content = new QWidget;
    auto* column = new QVBoxLayout(content);
    column->setContentsMargins(0, 0, 0, 0);
    model_ = new ModelSettingsForm;
    column->addWidget(model_);
    objective_ = new ObjectiveSettingsForm;
    column->addWidget(objective_);
    optimisation_ = new OptimisationSettingsForm;
    column->addWidget(optimisation_);
    advanced_ = new AdvancedSettingsForm;
    column->addWidget(advanced_);
    problem_ = new QLabel;
    problem_->setObjectName(QStringLiteral("problem"));
    problem_->setWordWrap(true);
    problem_->setStyleSheet(QStringLiteral("color: #d32f2f;"));
    problem_->hide();
    column->addWidget(problem_);
    locked_note_ = new QLabel(tr("While training, only β, warm-up and learning rate can change."));
    locked_note_->setWordWrap(true);
    locked_note_->setEnabled(false); // greyed: a remark, not a control
    locked_note_->hide();
    column->addWidget(locked_note_);
    column->addStretch(1);

    // The form scrolls when the dock is short; the run controls below it stay in view.
    auto* scroll = new QScrollArea;
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setMinimumWidth(content->minimumSizeHint().width() +
                            scroll->verticalScrollBar()->sizeHint().width());

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(scroll, 1);
    layout->addWidget(buildRunControls());

    live_timer_ = new QTimer(this);
    live_timer_->setSingleShot(true);
    live_timer_->setInterval(kLiveEditDelayMs);
    connect(live_timer_, &QTimer::timeout, this, &TrainingPanel::sendLiveSettings);
    connect(model_, &ModelSettingsForm::edited, this, &TrainingPanel::onSettingsEdited);
    for (LiveSettingsForm* form : {static_cast<LiveSettingsForm*>(objective_),
                                   static_cast<LiveSettingsForm*>(optimisation_)}) {
        connect(form, &LiveSettingsForm::edited, this, &TrainingPanel::onSettingsEdited);
        connect(form, &LiveSettingsForm::liveEdited, this, &TrainingPanel::onLiveEdited);
        connect(form, &LiveSettingsForm::liveEditFinished, this, &TrainingPanel::sendLiveSettings);
    }
    connect(advanced_, &AdvancedSettingsForm::edited, this, &TrainingPanel::onSettingsEdited);

    const TrainingConfig defaults; // a named value: g++ 12 misreads the temporary's vectors
    setConfig(defaults);
    setAutoLikelihood(true);
    setDataset(nullptr);
}

TrainingPanel::~TrainingPanel() = default;

QWidget* TrainingPanel::buildRunControls() {
    auto* box = new QWidget;
    auto* column = new QVBoxLayout(box);
    column->setContentsMargins(0, 0, 0, 0);
    auto* buttons = new QHBoxLayout;
    start_ = new QPushButton(style()->standardIcon(QStyle::SP_MediaPlay), tr("Start"));
    start_->setObjectName(QStringLiteral("start"));
    start_->setToolTip(
        rich_tooltip(tr("Train a new model on the loaded dataset with these settings.")));
    pause_ = new QPushButton(style()->standardIcon(QStyle::SP_MediaPause), tr("Pause"));
    pause_->setObjectName(QStringLiteral("pause"));
    pause_->setToolTip(
        rich_tooltip(tr("Hold the run after the current step; Resume goes on from there. "
                        "β, warm-up and learning rate can be changed meanwhile.")));
    stop_ = new QPushButton(style()->standardIcon(QStyle::SP_MediaStop), tr("Stop"));
    stop_->setObjectName(QStringLiteral("stop"));
    stop_->setToolTip(rich_tooltip(tr("End the run after the current step, keeping what it has "
                                      "trained so far.")));
    for (QPushButton* b : {start_, pause_, stop_})
        buttons->addWidget(b);
    column->addLayout(buttons);

    progress_ = new QProgressBar;
    progress_->setObjectName(QStringLiteral("progress"));
    progress_->setRange(0, 1);
    progress_->setValue(0);
    column->addWidget(progress_);

    status_ = new QLabel;
    status_->setObjectName(QStringLiteral("status"));
    status_->setWordWrap(true);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Room for two lines, so that the panel does not jump when the text wraps.
    status_->setMinimumHeight(2 * status_->fontMetrics().lineSpacing());
    status_->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    column->addWidget(status_);

    connect(start_, &QPushButton::clicked, this, &TrainingPanel::startRequested);
    connect(pause_, &QPushButton::clicked, this, &TrainingPanel::onPauseClicked);
    connect(stop_, &QPushButton::clicked, this, &TrainingPanel::stopRequested);
    return box;
}

bool TrainingPanel::advancedShown() const {
    return advanced_->optionsShown();
}

void TrainingPanel::setAdvancedShown(bool shown) {
    advanced_->setOptionsShown(shown);
}

void TrainingPanel::setDataset(std::shared_ptr<const Dataset> data) {
    data_ = std::move(data);
    model_->setDataset(data_.get());
    if (state_ == RunState::Idle) {
        progress_->setRange(0, 1);
        progress_->setValue(0);
        status_->setText(data_ ? tr("Ready to train.") : tr("Load a dataset to train."));
    }
    updateControls();
}

bool TrainingPanel::autoLikelihood() const {
    return model_->autoLikelihood();
}

void TrainingPanel::setAutoLikelihood(bool on) {
    model_->setAutoLikelihood(on);
}

TrainingConfig TrainingPanel::config() const {
    TrainingConfig c = base_;
    model_->applyTo(c);
    objective_->applyTo(c);
    optimisation_->applyTo(c);
    advanced_->applyTo(c);
    return c;
}

void TrainingPanel::setConfig(const TrainingConfig& c) {
    applying_ = true;
    base_ = c;
    model_->setConfig(c);
    objective_->setConfig(c);
    optimisation_->setConfig(c);
    advanced_->setConfig(c);
    applying_ = false;
    live_timer_->stop();
    updateControls();
}

LiveSettings TrainingPanel::liveSettings() const {
    return live_settings_of(config());
}

QString TrainingPanel::problem() const {
    if (QString error = model_->hiddenLayersError(); !error.isEmpty())
        return error;
    return QString::fromStdString(validate(config()));
}

void TrainingPanel::onSettingsEdited() {
    if (applying_)
        return;
    updateControls();
    emit settingsEdited();
}

void TrainingPanel::onLiveEdited() {
    if (applying_)
        return;
    updateControls();
    emit settingsEdited();
    if (state_ == RunState::Running || state_ == RunState::Paused)
        live_timer_->start(); // restarts: the change goes out once the clicks stop
}

void TrainingPanel::sendLiveSettings() {
    live_timer_->stop();
    if (state_ != RunState::Running && state_ != RunState::Paused)
        return;
    const LiveSettings s = liveSettings();
    if (s == sent_live_ || !live_settings_error(s).empty())
        return;
    sent_live_ = s;
    emit liveSettingsChanged(s);
}

void TrainingPanel::onPauseClicked() {
    if (state_ == RunState::Running)
        emit pauseRequested();
    else if (state_ == RunState::Paused)
        emit resumeRequested();
}

void TrainingPanel::setRunState(RunState state) {
    const auto is_live = [](RunState s) { return s == RunState::Running || s == RunState::Paused; };
    if (is_live(state) && !is_live(state_)) {
        const TrainingConfig shown = config();
        sent_live_ = live_settings_of(shown);
        run_epochs_ = shown.epochs;
        run_batch_ = shown.batch_size;
        seconds_per_step_ = 0.0;
        progress_->setRange(0, 1);
        progress_->setValue(0);
        status_->setText(tr("Starting…"));
    }
    if (!is_live(state))
        live_timer_->stop(); // a change that has not gone out would reach no run
    state_ = state;
    updateControls();
}

void TrainingPanel::updateControls() {
    const QString p = problem();
    problem_->setText(p.isEmpty() ? QString() : p.left(1).toUpper() + p.mid(1));
    problem_->setVisible(!p.isEmpty());

    const bool idle = state_ == RunState::Idle;
    const bool live = state_ == RunState::Running || state_ == RunState::Paused;
    model_->setIdle(idle);
    objective_->setRunPhase(idle, live);
    optimisation_->setRunPhase(idle, live);
    advanced_->setIdle(idle, config());
    locked_note_->setVisible(live);

    start_->setEnabled(idle && data_ && p.isEmpty());
    pause_->setEnabled(live);
    pause_->setText(state_ == RunState::Paused ? tr("Resume") : tr("Pause"));
    pause_->setIcon(style()->standardIcon(state_ == RunState::Paused ? QStyle::SP_MediaPlay
                                                                     : QStyle::SP_MediaPause));
    stop_->setEnabled(live);
}

void TrainingPanel::showProgress(const MetricsSample& latest) {
    const TrainingConfig shown = config();
    const std::size_t batch = run_batch_ > 0 ? run_batch_ : shown.batch_size;
    const std::size_t epochs = run_epochs_ > 0 ? run_epochs_ : shown.epochs;
    if (latest.samples_per_sec > 0.0 && std::isfinite(latest.samples_per_sec)) {
        const double per_step = static_cast<double>(batch) / latest.samples_per_sec;
        seconds_per_step_ = seconds_per_step_ > 0.0 ? (1.0 - kRateSmoothing) * seconds_per_step_ +
                                                          kRateSmoothing * per_step
                                                    : per_step;
    }

    const QLocale locale = this->locale();
    const auto number = [&](std::size_t n) { return locale.toString(static_cast<qulonglong>(n)); };
    QStringList position;
    position << tr("Epoch %1 of %2").arg(locale.toString(latest.epoch, 'f', 1), number(epochs));
    if (latest.total_steps > 0) {
        position << tr("step %1 of %2").arg(number(latest.step), number(latest.total_steps));
        // A QProgressBar counts in int; long runs are shown in thousandths instead.
        const bool fits = latest.total_steps <= static_cast<std::size_t>(INT_MAX);
        const double done = std::min(1.0, static_cast<double>(latest.step) /
                                              static_cast<double>(latest.total_steps));
        progress_->setRange(0, fits ? static_cast<int>(latest.total_steps) : 1000);
        progress_->setValue(fits ? static_cast<int>(std::min(latest.step, latest.total_steps))
                                 : static_cast<int>(done * 1000.0));
    } else {
        position << tr("step %1").arg(number(latest.step));
    }
    QStringList speed;
    speed << tr("%1 samples/s").arg(format_rate(latest.samples_per_sec, locale));
    if (seconds_per_step_ > 0.0 && latest.step < latest.total_steps)
        speed << tr("ETA %1").arg(format_duration(
            static_cast<double>(latest.total_steps - latest.step) * seconds_per_step_));
    if (latest.rollbacks > 0)
        speed << (latest.rollbacks == 1 ? tr("1 rollback")
                                        : tr("%1 rollbacks").arg(latest.rollbacks));
    const QString dot = QStringLiteral(" · ");
    status_->setText(position.join(dot) + QLatin1Char('\n') + speed.join(dot));
}

void TrainingPanel::showMessage(const QString& text) {
    status_->setText(text);
}

void TrainingPanel::showFinished(const QString& text, bool completed) {
    if (completed)
        progress_->setValue(progress_->maximum());
    showMessage(text);
}

QString TrainingPanel::statusText() const {
    return status_->text();
}

} // namespace vae::ui
