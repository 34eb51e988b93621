#include "ui/quality/prior_samples.h"

#include "vae/latent_ops.h"

namespace vae::ui {

std::vector<QImage> row_images(const Matrix& values, const SampleRenderer& renderer) {
    std::vector<QImage> out;
    if (!renderer.isImage())
        return out;
    out.reserve(static_cast<std::size_t>(values.rows()));
    for (Eigen::Index i = 0; i < values.rows(); ++i)
        out.push_back(renderer.image(values, i));
    return out;
}

std::vector<QImage> prior_sample_images(const VaeModel& model, const SampleRenderer& renderer,
                                        std::size_t count, std::uint64_t seed) {
    if (!renderer.isImage() || count == 0)
        return {};
    return row_images(decode_latents(model, sample_prior_latents(model, count, seed)), renderer);
}

} // namespace vae::ui
