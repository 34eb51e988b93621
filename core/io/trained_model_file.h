#pragma once

#include "data/dataset_metadata.h"
#include "io/model_file.h"
#include "training/trainer.h"
#include "training/training_config.h"
#include "vae/vae_model.h"

#include <string>

namespace vae {

/// The .vaem contents for weights trained on data described by `data` (loaded from `source`)
/// with `config`:
/// the architecture and parameters, the data's metadata, and the settings and final figures
/// as display text. `result` may be null (weights saved mid-run, or loaded and not trained).
/// Shared by the CLI's train command and the GUI's Save Model so both files read the same.
ModelFile trained_model_file(const VaeModel& model, const DatasetMetadata& data,
                             const TrainingConfig& config, const TrainingResult* result,
                             const std::string& source);

} // namespace vae
