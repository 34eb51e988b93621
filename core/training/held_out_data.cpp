#include "training/held_out_data.h"

#include "nn/matrix_ops.h"
#include "training/trainer.h"
#include "training/training_defaults.h"

#include <stdexcept>

namespace vae {

std::vector<std::size_t> validation_rows(const Dataset& data, const TrainingConfig& config) {
    if (config.validation_split <= 0.0 || data.rows() < 2)
        return {};
    TrainingConfig c = config;
    c.architecture.input_dim = data.cols();
    fit_image_to(c.architecture, data);
    try {
        // The trainer's constructor only splits the rows; asking it keeps one definition of
        // the split.
        return Trainer(data, c).validation_rows();
    } catch (const std::invalid_argument&) {
        return {};
    }
}

Dataset subset_rows(const Dataset& data, const std::vector<std::size_t>& rows) {
    Dataset out;
    out.name = data.name;
    out.column_names = data.column_names;
    out.label_names = data.label_names;
    out.label_column = data.label_column;
    out.image_shape = data.image_shape;
    out.categorical_columns = data.categorical_columns;
    out.normalization = data.normalization;
    out.values = gather_rows(data.values, rows);
    for (const std::size_t r : rows) {
        if (data.has_labels())
            out.labels.push_back(data.labels[r]);
        if (!data.targets.empty())
            out.targets.push_back(data.targets[r]);
    }
    return out;
}

std::shared_ptr<const Dataset> held_out_data(std::shared_ptr<const Dataset> data,
                                             const TrainingConfig& config) {
    if (!data)
        return nullptr;
    const auto rows = validation_rows(*data, config);
    if (rows.empty())
        return data;
    return std::make_shared<const Dataset>(subset_rows(*data, rows));
}

} // namespace vae
