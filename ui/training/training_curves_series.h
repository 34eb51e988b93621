#pragma once

namespace vae::ui {

/// The graphs of the training curves (TrainingCurvesView::Series), for the lead integrator and
/// tests.
enum class TrainingCurvesSeries {
    TrainRaw,
    TrainSmoothed,
    TrainEpoch, ///< mean train ELBO of each epoch, at x = epoch
    Validation, ///< validation ELBO, at x = epoch
    ReconRaw,
    ReconSmoothed,
    KlRaw,
    KlSmoothed,
    Beta,
    LearningRate,
    /// MMD^2 of the regulariser, on the KL plot's right axis; points only while it is on.
    Mmd,
    /// VAE-GAN, on the recon plot's right axis; points only while a discriminator trains.
    DiscriminatorLoss, ///< the discriminator's BCE on data and fakes
    Adversarial,       ///< the VAE's -log D(x~) (unweighted)
};
inline constexpr int kTrainingCurvesSeriesCount = 13;

} // namespace vae::ui
