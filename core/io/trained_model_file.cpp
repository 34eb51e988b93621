#include "io/trained_model_file.h"

#include "data/dataset_metadata.h"
#include "io/number_text.h"

namespace vae {

ModelFile trained_model_file(const VaeModel& model, const DatasetMetadata& data,
                             const TrainingConfig& config, const TrainingResult* result,
                             const std::string& source) {
    ModelFile file;
    file.architecture = model.architecture();
    const auto params = model.parameters();
    file.parameters.assign(params.begin(), params.end());
    file.data = data;

    const TrainingConfig& c = config;
    std::string hidden;
    for (const auto w : file.architecture.hidden)
        hidden += (hidden.empty() ? "" : ",") + std::to_string(w);
    file.info = {
        {"source", source},
        {"hidden", hidden},
        {"layers", architecture_spec_text(architecture_spec(file.architecture))},
        {"activation", activation_name(file.architecture.activation)},
        {"likelihood", likelihood_name(file.architecture.likelihood)},
        {"beta", number_text(c.beta)},
        {"warmup_epochs", std::to_string(c.warmup_epochs)},
        {"free_bits", number_text(c.free_bits)},
        {"batch", std::to_string(c.batch_size)},
        {"lr", number_text(c.learning_rate)},
        {"seed", std::to_string(c.seed)},
    };
    // The sample-quality fixes, only when on, so that a plain run's info stays as it was.
    if (c.warmup_schedule == WarmupSchedule::Cyclical) {
        file.info.emplace_back("warmup_schedule", warmup_schedule_name(c.warmup_schedule));
        file.info.emplace_back("cycle_epochs", number_text(c.cycle_epochs));
        file.info.emplace_back("cycle_ratio", number_text(c.cycle_ratio));
    }
    if (c.mmd_weight > 0.0f)
        file.info.emplace_back("mmd", number_text(c.mmd_weight));
    if (c.gan_enabled()) {
        file.info.emplace_back("gan", number_text(c.gan_weight));
        file.info.emplace_back("feature_matching", number_text(c.feature_matching));
        file.info.emplace_back("gan_lr", number_text(c.gan_learning_rate));
    }
    if (result) {
        file.info.emplace_back("epochs", std::to_string(result->epochs_completed));
        file.info.emplace_back("end", result->message);
        if (result->last_epoch) {
            file.info.emplace_back("train_elbo", number_text(result->last_epoch->train_elbo, 8));
            file.info.emplace_back("val_elbo", number_text(result->last_epoch->val_elbo, 8));
        }
    }
    return file;
}

} // namespace vae
