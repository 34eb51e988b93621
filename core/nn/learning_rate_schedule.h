#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vae {

/// Learning rate as a function of the update number. A value type; thread-safe (const).
struct LearningRateSchedule {
    enum class Kind { Constant, Cosine };
    Kind kind = Kind::Constant;
    float base = 1e-3f;             ///< the rate after warm-up (Cosine: at its start)
    float minimum = 0.0f;           ///< Cosine: the rate at total_steps and after
    std::uint64_t total_steps = 0;  ///< Cosine: length of the decay including warm-up
    std::uint64_t warmup_steps = 0; ///< linear ramp from base/warmup_steps up to base

    /// Rate for update `step` (0-based). Constant: base. Cosine: minimum + (base - minimum) *
    /// 0.5 * (1 + cos(pi * s / S)) with s, S counted after warm-up; `minimum` once s >= S.
    [[nodiscard]] float at(std::uint64_t step) const;
};

/// "constant", "cosine".
std::optional<LearningRateSchedule::Kind> parse_schedule_kind(std::string_view name);
std::string schedule_kind_name(LearningRateSchedule::Kind kind);

} // namespace vae
