#pragma once

#include "ui/widgets/sample_renderer.h"
#include "vae/vae_model.h"

#include <QImage>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace vae::ui {

/// `count` samples from the prior decoded by `model` and drawn by `renderer` (images only;
/// empty for table data). The same seed gives the samples the Quality panel's grid shows.
/// Decodes on the calling thread: keep `count` small there.
[[nodiscard]] std::vector<QImage> prior_sample_images(const VaeModel& model,
                                                      const SampleRenderer& renderer,
                                                      std::size_t count, std::uint64_t seed);

/// Row images of `values` (stored units) drawn by `renderer`; empty for table data.
[[nodiscard]] std::vector<QImage> row_images(const Matrix& values, const SampleRenderer& renderer);

} // namespace vae::ui
