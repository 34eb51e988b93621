#pragma once

#include "data/dataset.h"
#include "training/training_config.h"

#include <cstddef>
#include <memory>
#include <vector>

namespace vae {

/// The rows a model is scored on: the validation rows a run with `config` held out of `data`
/// (the trainer's own seeded split, so the figures are on data the weights never saw), or the
/// whole dataset when the config holds none out. Copies the rows with the labels, image shape
/// and names that the metrics and the renderer need. Safe on any thread.
[[nodiscard]] std::shared_ptr<const Dataset> held_out_data(std::shared_ptr<const Dataset> data,
                                                           const TrainingConfig& config);

/// The validation rows of a run with `config` on `data`; empty when it holds none out.
[[nodiscard]] std::vector<std::size_t> validation_rows(const Dataset& data,
                                                       const TrainingConfig& config);

/// Rows `rows` of `data` as a dataset of their own (values, labels, targets, names, shape,
/// normalization); factors are left out.
[[nodiscard]] Dataset subset_rows(const Dataset& data, const std::vector<std::size_t>& rows);

} // namespace vae
