#include "training/training_config.h"

#include <cmath>

namespace vae {

std::vector<std::size_t> discriminator_widths(const TrainingConfig& c) {
    std::vector<std::size_t> widths;
    for (const std::size_t w : c.discriminator_hidden)
        if (w > 0)
            widths.push_back(w);
    return widths;
}

std::optional<WarmupSchedule> parse_warmup_schedule(std::string_view name) {
    if (name == "linear")
        return WarmupSchedule::Linear;
    if (name == "cyclical")
        return WarmupSchedule::Cyclical;
    return std::nullopt;
}

std::string warmup_schedule_name(WarmupSchedule s) {
    return s == WarmupSchedule::Cyclical ? "cyclical" : "linear";
}

std::string validate(const TrainingConfig& c) {
    const auto& a = c.architecture;
    if (a.latent_dim < 1 || a.latent_dim > 64)
        return "latent dimension must be from 1 to 64 (got " + std::to_string(a.latent_dim) + ")";
    if (a.hidden.size() > 16)
        return "at most 16 hidden layers (got " + std::to_string(a.hidden.size()) + ")";
    for (const auto w : a.hidden)
        if (w < 1 || w > 16384)
            return "hidden layer widths must be from 1 to 16384 (got " + std::to_string(w) + ")";
    if (!(a.sigma > 0.0f) || !std::isfinite(a.sigma))
        return "sigma must be a positive number";
    // The conv layers against the data's image (input_dim 0 means "the data's", set later).
    if (a.input_dim > 0)
        if (std::string e = architecture_error(a); !e.empty())
            return e;
    if (!(c.beta >= 0.0f) || !std::isfinite(c.beta))
        return "beta must be a number >= 0";
    if (!(c.free_bits >= 0.0f) || !std::isfinite(c.free_bits))
        return "free bits must be a number >= 0";
    if (!(c.cycle_epochs > 0.0) || !std::isfinite(c.cycle_epochs))
        return "warm-up cycle length must be a number of epochs > 0";
    if (!(c.cycle_ratio > 0.0 && c.cycle_ratio <= 1.0))
        return "warm-up cycle ratio must be above 0 and at most 1";
    if (!(c.mmd_weight >= 0.0f) || !std::isfinite(c.mmd_weight))
        return "MMD weight must be a number >= 0 (0 = off)";
    if (!(c.gan_weight >= 0.0f) || !std::isfinite(c.gan_weight))
        return "GAN weight must be a number >= 0 (0 = off)";
    if (!(c.feature_matching >= 0.0f) || !std::isfinite(c.feature_matching))
        return "feature-matching weight must be a number >= 0 (0 = off)";
    if (!(c.gan_learning_rate > 0.0f) || !std::isfinite(c.gan_learning_rate))
        return "discriminator learning rate must be a number > 0";
    const auto& d = c.discriminator_hidden;
    if (d[0] < 1 || d[0] > 16384 || d[1] > 16384)
        return "discriminator layer widths must be from 1 to 16384 (got " +
               std::to_string(d[0] < 1 || d[0] > 16384 ? d[0] : d[1]) + ")";
    if (c.epochs < 1)
        return "epochs must be at least 1";
    if (c.batch_size < 1 || c.batch_size > 65536)
        return "batch size must be from 1 to 65536 (got " + std::to_string(c.batch_size) + ")";
    if (!(c.learning_rate > 0.0f) || !std::isfinite(c.learning_rate))
        return "learning rate must be a number > 0";
    if (!(c.weight_decay >= 0.0f) || !std::isfinite(c.weight_decay))
        return "weight decay must be a number >= 0";
    if (!(c.clip_norm >= 0.0f) || !std::isfinite(c.clip_norm))
        return "gradient clip norm must be a number >= 0 (0 = off)";
    if (c.threads < 0 || c.threads > 256)
        return "threads must be from 1 to 256, or 0 for all cores";
    if (!(c.validation_split >= 0.0 && c.validation_split < 1.0))
        return "validation split must be at least 0 and below 1";
    if (c.metrics_every < 1)
        return "metrics interval must be at least 1 step";
    return {};
}

LiveSettings live_settings_of(const TrainingConfig& c) {
    return {c.beta,       c.learning_rate, c.warmup_epochs,   c.free_bits,
            c.mmd_weight, c.gan_weight,    c.feature_matching};
}

std::string live_settings_error(const LiveSettings& s) {
    TrainingConfig c;
    c.beta = s.beta;
    c.learning_rate = s.learning_rate;
    c.warmup_epochs = s.warmup_epochs;
    c.free_bits = s.free_bits;
    c.mmd_weight = s.mmd_weight;
    c.gan_weight = s.gan_weight;
    c.feature_matching = s.feature_matching;
    return validate(c);
}

} // namespace vae
