#pragma once

#include "nn/activation.h"
#include "nn/conv_geometry.h"
#include "vae/architecture_spec.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vae {

/// How the decoder's output is scored against the data.
enum class Likelihood {
    Bernoulli,            ///< decoder outputs logits; data in [0,1]
    GaussianFixed,        ///< decoder outputs means; sigma fixed (VaeArchitecture::sigma)
    GaussianLearned,      ///< decoder outputs means; one learned log-sigma shared by all outputs
    GaussianLearnedPerDim ///< decoder outputs means; one learned log-sigma per output dimension
};

/// "bernoulli", "gaussian" (fixed), "gaussian-learned", "gaussian-learned-per-dim".
std::optional<Likelihood> parse_likelihood(std::string_view name);
std::string likelihood_name(Likelihood l);

/// The image conv layers read: a row holds value (y * width + x) * channels + c (channels-last,
/// the order of Dataset::image_shape).
struct ImageGeometry {
    int height = 0;
    int width = 0;
    int channels = 0;

    [[nodiscard]] std::size_t values() const {
        return static_cast<std::size_t>(height) * static_cast<std::size_t>(width) *
               static_cast<std::size_t>(channels);
    }
    friend bool operator==(const ImageGeometry&, const ImageGeometry&) = default;
};

/// The shape of a VAE: input_dim -> conv... -> hidden... -> (mean, log-variance heads of
/// latent_dim); latent_dim -> reversed hidden... -> [dense to the last conv's output, transposed
/// convs mirroring the convs ->] input_dim. A value type; everything needed to rebuild the
/// network from a parameter vector.
struct VaeArchitecture {
    std::size_t input_dim = 0;
    std::size_t latent_dim = 2;                   ///< 1..64
    std::vector<ConvStage> conv;                  ///< encoder convolutions, first (images only)
    ImageGeometry image;                          ///< what the convolutions read; unused without
    std::vector<std::size_t> hidden = {512, 256}; ///< encoder widths; the decoder mirrors them
    Activation activation = Activation::ReLU;
    Likelihood likelihood = Likelihood::Bernoulli;
    float sigma = 1.0f; ///< GaussianFixed: the fixed standard deviation; else the initial one

    friend bool operator==(const VaeArchitecture&, const VaeArchitecture&) = default;
};

/// Empty when `a` can be built; otherwise what is wrong and what to change ("latent_dim is 0:
/// use 1 to 64"). Checks input_dim >= 1, latent_dim in 1..64, every hidden width >= 1, sigma > 0
/// and finite, and for conv layers an image of input_dim values that every layer fits and whose
/// size each transposed conv restores exactly (the message names the layer and the sizes).
std::string architecture_error(const VaeArchitecture& a);

/// The geometry of each encoder conv layer, input first (valid when architecture_error is empty).
[[nodiscard]] std::vector<ConvGeometry> conv_geometries(const VaeArchitecture& a);

/// The spec of the encoder's layers (conv and dense), as architecture_spec_text writes it.
[[nodiscard]] ArchitectureSpec architecture_spec(const VaeArchitecture& a);
/// Sets the encoder's layers from a spec; the image comes from the data.
void apply_architecture_spec(VaeArchitecture& a, const ArchitectureSpec& spec);

} // namespace vae
