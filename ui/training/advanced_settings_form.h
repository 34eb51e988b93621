#pragma once

#include "training/training_config.h"

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QGroupBox;
class QSpinBox;
class QToolButton;

namespace vae::ui {

class ScientificSpinBox;

/// The "Advanced" section of the training settings, closed until its header is clicked:
/// validation split, optimiser and weight decay, gradient clipping, learning-rate schedule,
/// Gaussian σ, the discriminator's learning rate and the rollback limit. None of them may
/// change during a run. GUI thread only.
class AdvancedSettingsForm : public QWidget {
    Q_OBJECT
public:
    explicit AdvancedSettingsForm(QWidget* parent = nullptr);

    /// Writes the settings the section shows into `c` (σ into its architecture).
    void applyTo(TrainingConfig& c) const;
    /// Shows those settings of `c`.
    void setConfig(const TrainingConfig& c);

    /// Whether the options are open (they start closed).
    [[nodiscard]] bool optionsShown() const;
    void setOptionsShown(bool shown);

    /// Idle: editable, but for the fields that `shown` (the whole form's config) does not use:
    /// weight decay without AdamW, σ with a Bernoulli likelihood, the discriminator's rate
    /// without a GAN term. During a run, nothing.
    void setIdle(bool idle, const TrainingConfig& shown);

signals:
    /// Any setting changed.
    void edited();

private:
    QToolButton* toggle_ = nullptr;
    QGroupBox* options_ = nullptr;
    QDoubleSpinBox* validation_ = nullptr;
    QComboBox* optimizer_ = nullptr;
    QDoubleSpinBox* weight_decay_ = nullptr;
    QDoubleSpinBox* clip_ = nullptr;
    QComboBox* schedule_ = nullptr;
    QDoubleSpinBox* sigma_ = nullptr;
    ScientificSpinBox* gan_learning_rate_ = nullptr;
    QSpinBox* rollbacks_ = nullptr;
};

} // namespace vae::ui
