#pragma once

#include "training/training_config.h"

#include <QString>

#include <utility>
#include <vector>

namespace vae::ui {

/// One training setting as the Runs table shows it: a short key (also the CSV column name)
/// and its value as text.
struct RunSetting {
    QString key;   ///< "latent", "hidden", "beta", ...: stable, ASCII, for CSV headers
    QString label; ///< what the summary prints before the value ("β", "warm-up"); may be empty
    QString value; ///< "2", "512-256", "0.5"
};

/// The settings of `c` that tell runs apart, in display order. The one place that knows which
/// TrainingConfig fields matter for comparing runs: a field added to TrainingConfig (an
/// objective weight, say) becomes a column of the Runs table and of its CSV by being listed
/// here.
[[nodiscard]] std::vector<RunSetting> run_settings(const TrainingConfig& c);

/// run_settings() on one line: "z 2 · 512-256 · relu · bernoulli · β 1 · warm-up 5".
/// Settings at their neutral value (free bits 0, no warm-up) are left out to keep it short.
[[nodiscard]] QString run_settings_summary(const TrainingConfig& c);

/// The Runs table's Network cell: the preset's name ("mlp", "conv-small") or the layers spec.
[[nodiscard]] QString run_network_text(const VaeArchitecture& a);

/// The same on two lines, the network's shape then the objective: "z 2 · 512-256 · relu" and
/// "bernoulli · β 1 · warm-up 5", for a table cell.
[[nodiscard]] QString run_settings_lines(const TrainingConfig& c);

} // namespace vae::ui
