#pragma once

#include "training/training_config.h"

#include <QSettings>

namespace vae::ui {

/// Writes the settings panel's choices (model, objective, optimisation) under "training/" so
/// that the next session starts with them. `auto_likelihood`: the likelihood is left to the data.
void save_training_settings(QSettings& settings, const TrainingConfig& config,
                            bool auto_likelihood);

/// `defaults` with every saved choice that is still valid put back; a missing or unreadable
/// value keeps its default (a settings file from another version must not break the window).
/// `auto_likelihood` is set from the saved choice, true when there is none.
[[nodiscard]] TrainingConfig load_training_settings(const QSettings& settings,
                                                    TrainingConfig defaults, bool& auto_likelihood);

/// Forgets what save_training_settings wrote.
void clear_training_settings(QSettings& settings);

} // namespace vae::ui
