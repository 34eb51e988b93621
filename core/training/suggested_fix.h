#pragma once

#include "data/dataset.h"
#include "training/trainer.h"

namespace vae {

/// A column of un-normalised data spanning more than this many units counts as a large range:
/// the reconstruction term grows with its square, and so do the gradients.
inline constexpr double kLargeColumnRange = 100.0;
/// The rate below which a tenth would barely train; past it clipping is suggested instead.
inline constexpr double kSmallestSuggestedRate = 1e-6;

/// The one setting most likely to stop a divergence of a run of `c` on `data` with the base
/// learning rate `learning_rate` in force: z-score normalisation when the data is
/// un-normalised and some column spans more than kLargeColumnRange; else a tenth of the
/// learning rate while that stays >= kSmallestSuggestedRate; else gradient clipping (10 when
/// off, else a tenth of the clip norm).
SuggestedFix suggest_fix(const Dataset& data, const TrainingConfig& c, double learning_rate);

/// "Learning rate 0.0001 (--lr 0.0001)": the fix as a user reads it.
std::string describe(const SuggestedFix& fix);

} // namespace vae
