#pragma once

#include "ui/training/live_settings_form.h"

class QComboBox;
class QDoubleSpinBox;
class QSpinBox;

namespace vae::ui {

/// The "Objective" section of the training settings: β, KL warm-up and its schedule, free
/// bits, and the MMD and VAE-GAN terms against inconsistent and blurry samples. β and warm-up
/// may change during a run. GUI thread only.
class ObjectiveSettingsForm : public LiveSettingsForm {
    Q_OBJECT
public:
    explicit ObjectiveSettingsForm(QWidget* parent = nullptr);

    /// The discriminator's learning rate, which the advanced section holds, stays.
    void applyTo(TrainingConfig& c) const override;
    void setConfig(const TrainingConfig& c) override;

    /// Idle: every field editable (the cycle settings only for the cyclical schedule). Live (a
    /// run going on or paused): only β and warm-up. Neither: nothing. Warm-up is greyed under
    /// the cyclical schedule, which ignores it.
    void setRunPhase(bool idle, bool live) override;

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
