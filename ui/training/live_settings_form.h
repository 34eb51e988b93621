#pragma once

#include "training/training_config.h"

#include <QGroupBox>

namespace vae::ui {

/// A section of the training settings with fields that may change during a run (β and warm-up
/// in the objective, the learning rate in the optimisation), so that TrainingPanel wires
/// every such section the same way. GUI thread only.
class LiveSettingsForm : public QGroupBox {
    Q_OBJECT
public:
    explicit LiveSettingsForm(const QString& title, QWidget* parent = nullptr);

    /// Writes the settings the form shows into `c`, leaving the others.
    virtual void applyTo(TrainingConfig& c) const = 0;
    /// Shows the settings of `c` that this form holds.
    virtual void setConfig(const TrainingConfig& c) = 0;
    /// Idle: every field editable. Live (a run going on or paused): only the live fields.
    /// Neither: nothing.
    virtual void setRunPhase(bool idle, bool live) = 0;

signals:
    /// A setting that cannot change during a run changed.
    void edited();
    /// A live setting changed, by an arrow, the wheel or a finished edit.
    void liveEdited();
    /// The user finished typing into a live setting.
    void liveEditFinished();
};

} // namespace vae::ui
