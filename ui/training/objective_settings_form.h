#pragma once

#include "training/training_config.h"

#include <QGroupBox>

class QComboBox;
class QDoubleSpinBox;
class QSpinBox;

namespace vae::ui {

/// The "Objective" section of the training settings: β, KL warm-up and its schedule, free
/// bits, and the MMD and VAE-GAN terms against inconsistent and blurry samples. β and warm-up
/// may change during a run. GUI thread only.
class ObjectiveSettingsForm : public QGroupBox {
    Q_OBJECT
public:
    explicit ObjectiveSettingsForm(QWidget* parent = nullptr);

    /// Writes the objective the form shows into `c`; the discriminator's learning rate, which
    /// the advanced section holds, stays.
    void applyTo(TrainingConfig& c) const;
    /// Shows the objective of `c`.
    void setConfig(const TrainingConfig& c);

    /// Idle: every field editable (the cycle settings only for the cyclical schedule). Live (a
    /// run going on or paused): only β and warm-up. Neither: nothing. Warm-up is greyed under
    /// the cyclical schedule, which ignores it.
    void setRunPhase(bool idle, bool live);

signals:
    /// A setting that cannot change during a run changed.
    void edited();
    /// β or warm-up changed, by an arrow, the wheel or a finished edit.
    void liveEdited();
    /// The user finished typing into β or warm-up.
    void liveEditFinished();

private:
    [[nodiscard]] bool cyclical() const;

    QDoubleSpinBox* beta_ = nullptr;
    QSpinBox* warmup_ = nullptr;
    QDoubleSpinBox* free_bits_ = nullptr;
    QComboBox* warmup_schedule_ = nullptr;
    QDoubleSpinBox* cycle_epochs_ = nullptr;
    QDoubleSpinBox* cycle_ratio_ = nullptr;
    QDoubleSpinBox* mmd_ = nullptr;
    QDoubleSpinBox* gan_ = nullptr;
    QDoubleSpinBox* feature_matching_ = nullptr;
};

} // namespace vae::ui
