#pragma once

#include "training/training_config.h"

#include <QGroupBox>

class QDoubleSpinBox;
class QSpinBox;

namespace vae::ui {

class ScientificSpinBox;

/// The "Optimisation" section of the training settings: epochs, batch size, learning rate,
/// seed and threads. The learning rate may change during a run. GUI thread only.
class OptimisationSettingsForm : public QGroupBox {
    Q_OBJECT
public:
    explicit OptimisationSettingsForm(QWidget* parent = nullptr);

    /// Writes the epochs, batch size, learning rate, seed and threads the form shows into `c`.
    void applyTo(TrainingConfig& c) const;
    /// Shows those settings of `c`.
    void setConfig(const TrainingConfig& c);

    /// Idle: every field editable. Live (a run going on or paused): only the learning rate.
    /// Neither: nothing.
    void setRunPhase(bool idle, bool live);

signals:
    /// A setting that cannot change during a run changed.
    void edited();
    /// The learning rate changed, by an arrow, the wheel or a finished edit.
    void liveEdited();
    /// The user finished typing into the learning rate.
    void liveEditFinished();

private:
    QSpinBox* epochs_ = nullptr;
    QSpinBox* batch_ = nullptr;
    ScientificSpinBox* learning_rate_ = nullptr;
    QDoubleSpinBox* seed_ = nullptr;
    QSpinBox* threads_ = nullptr;
};

} // namespace vae::ui
