#pragma once

#include <string>

namespace vae::ui {

class TrainingCurvesHistory;

/// The CSV text of every metrics sample, epoch summary and marked change of `history`.
/// One header row, then one row per event in epoch order (ties: steps, changes, epochs), so
/// that pandas reads it with read_csv() and splits it with df[df.kind == "step"]:
///   kind            "step", "epoch" or "change"
///   step            training step (step rows)
///   epoch           fractional epoch of a step or change; the 1-based epoch of an epoch
///                   row (its end on the x axis)
///   elbo            step: ELBO averaged since the previous sample; epoch: mean train ELBO
///   recon, kl       step: training averages; epoch: from the evaluation pass (held-out
///                   split, or the training data when there is none)
///   beta, learning_rate, grad_norm, rollbacks   step rows
///   samples_per_sec step and epoch rows
///   val_elbo        epoch rows; empty without a validation split
///   active_units    epoch rows: the engine's count (vae::is_active_unit() of the variance of
///                   the posterior mean)
///   note            change rows: what changed
///   mmd, adversarial, feature_matching, discriminator_loss, d_real, d_fake
///                   step rows: the regularisers' averages (0 when off); epoch rows: their
///                   means over the epoch
///   kl_dim_0 ...    epoch rows: KL of each latent dimension
/// Raw values in nats per sample whatever is displayed; empty cells where a column does not
/// apply; numbers are the shortest text that reads back as exactly the same double.
[[nodiscard]] std::string training_curves_csv(const TrainingCurvesHistory& history);

} // namespace vae::ui
