#include "nn/learning_rate_schedule.h"

#include <cmath>
#include <numbers>

namespace vae {

float LearningRateSchedule::at(std::uint64_t step) const {
    if (warmup_steps > 0 && step < warmup_steps)
        return base * static_cast<float>(static_cast<double>(step + 1) /
                                         static_cast<double>(warmup_steps));
    if (kind == Kind::Constant)
        return base;
    const std::uint64_t span = total_steps > warmup_steps ? total_steps - warmup_steps : 0;
    const std::uint64_t s = step - warmup_steps;
    if (span == 0 || s >= span)
        return minimum;
    const double progress = static_cast<double>(s) / static_cast<double>(span);
    const double cosine = 0.5 * (1.0 + std::cos(std::numbers::pi * progress));
    return static_cast<float>(static_cast<double>(minimum) +
                              static_cast<double>(base - minimum) * cosine);
}

std::optional<LearningRateSchedule::Kind> parse_schedule_kind(std::string_view name) {
    if (name == "constant")
        return LearningRateSchedule::Kind::Constant;
    if (name == "cosine")
        return LearningRateSchedule::Kind::Cosine;
    return std::nullopt;
}

std::string schedule_kind_name(LearningRateSchedule::Kind kind) {
    return kind == LearningRateSchedule::Kind::Cosine ? "cosine" : "constant";
}

} // namespace vae
