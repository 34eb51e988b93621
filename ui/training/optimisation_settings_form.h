#pragma once

#include "ui/training/live_settings_form.h"

class QDoubleSpinBox;
class QSpinBox;

namespace vae::ui {

class ScientificSpinBox;

/// The "Optimisation" section of the training settings: epochs, batch size, learning rate,
/// seed and threads. The learning rate may change during a run. GUI thread only.
class OptimisationSettingsForm : public LiveSettingsForm {
    Q_OBJECT
public:
    explicit OptimisationSettingsForm(QWidget* parent = nullptr);

    void applyTo(TrainingConfig& c) const override;
    void setConfig(const TrainingConfig& c) override;
    void setRunPhase(bool idle, bool live) override;

private:
    QSpinBox* epochs_ = nullptr;
    QSpinBox* batch_ = nullptr;
    ScientificSpinBox* learning_rate_ = nullptr;
    QDoubleSpinBox* seed_ = nullptr;
    QSpinBox* threads_ = nullptr;
};

} // namespace vae::ui
