#include "vae/vae_architecture.h"

#include "nn/conv_geometry.h"

#include <array>
#include <cmath>

namespace vae {

namespace {

struct LikelihoodName {
    std::string_view name;
    Likelihood likelihood;
};

constexpr std::array<LikelihoodName, 4> likelihood_names{{
    {"bernoulli", Likelihood::Bernoulli},
    {"gaussian", Likelihood::GaussianFixed},
    {"gaussian-learned", Likelihood::GaussianLearned},
    {"gaussian-learned-per-dim", Likelihood::GaussianLearnedPerDim},
}};

std::string size_text(int h, int w, int c) {
    return std::to_string(h) + "x" + std::to_string(w) + "x" + std::to_string(c);
}

std::string conv_error(const VaeArchitecture& a) {
    if (a.conv.empty())
        return {};
    const ImageGeometry& im = a.image;
    if (im.height < 1 || im.width < 1 || im.channels < 1)
        return "conv layers need image data (height x width x channels), and this data is a "
               "table: use the MLP preset (dense layers only)";
    if (im.values() != a.input_dim)
        return "the image " + size_text(im.height, im.width, im.channels) + " holds " +
               std::to_string(im.values()) + " values but the data has " +
               std::to_string(a.input_dim) + " columns: set the image shape to match";
    int h = im.height, w = im.width, c = im.channels;
    for (std::size_t i = 0; i < a.conv.size(); ++i) {
        const ConvStage& s = a.conv[i];
        const ConvGeometry g{h, w, c, static_cast<int>(s.channels), s.kernel, s.stride, s.padding};
        const std::string layer = "conv layer " + std::to_string(i + 1) + " (" +
                                  std::to_string(s.channels) + " channels, kernel " +
                                  std::to_string(s.kernel) + ", stride " +
                                  std::to_string(s.stride) + ", padding " +
                                  std::to_string(s.padding) + ") on " + size_text(h, w, c);
        if (const std::string e = conv_geometry_error(g, false); !e.empty())
            return layer + ": " + e + "; use a smaller kernel or fewer conv layers";
        // The decoder mirrors this layer with a transposed conv, which must give back h x w.
        ConvGeometry mirror{g.out_height(), g.out_width(), g.out_channels, c,
                            s.kernel,       s.stride,      s.padding};
        if (mirror.transposed_out_height() != h || mirror.transposed_out_width() != w)
            return layer + " gives " + std::to_string(g.out_height()) + "x" +
                   std::to_string(g.out_width()) + ", which the mirroring transposed conv turns " +
                   "into " + std::to_string(mirror.transposed_out_height()) + "x" +
                   std::to_string(mirror.transposed_out_width()) + ", not " + std::to_string(h) +
                   "x" + std::to_string(w) + ": the size does not divide by the stride; " +
                   "change the padding or the kernel (k4 s2 p1 halves an even size), or use " +
                   "fewer conv layers";
        h = g.out_height();
        w = g.out_width();
        c = g.out_channels;
    }
    return {};
}

} // namespace

std::vector<ConvGeometry> conv_geometries(const VaeArchitecture& a) {
    std::vector<ConvGeometry> out;
    int h = a.image.height, w = a.image.width, c = a.image.channels;
    for (const ConvStage& s : a.conv) {
        out.push_back({h, w, c, static_cast<int>(s.channels), s.kernel, s.stride, s.padding});
        h = out.back().out_height();
        w = out.back().out_width();
        c = out.back().out_channels;
    }
    return out;
}

std::optional<Likelihood> parse_likelihood(std::string_view name) {
    for (const auto& entry : likelihood_names)
        if (entry.name == name)
            return entry.likelihood;
    return std::nullopt;
}

std::string likelihood_name(Likelihood l) {
    for (const auto& entry : likelihood_names)
        if (entry.likelihood == l)
            return std::string(entry.name);
    return "unknown";
}

std::string architecture_error(const VaeArchitecture& a) {
    if (a.input_dim == 0)
        return "input_dim is 0: the data needs at least one column";
    if (a.latent_dim == 0 || a.latent_dim > 64)
        return "latent_dim is " + std::to_string(a.latent_dim) + ": use 1 to 64";
    for (std::size_t i = 0; i < a.hidden.size(); ++i)
        if (a.hidden[i] == 0)
            return "hidden layer " + std::to_string(i + 1) + " has width 0: use 1 or more";
    if (!std::isfinite(a.sigma) || a.sigma <= 0.0f)
        return "sigma is " + std::to_string(a.sigma) + ": use a positive number";
    return conv_error(a);
}

ArchitectureSpec architecture_spec(const VaeArchitecture& a) {
    return ArchitectureSpec{a.conv, a.hidden};
}

void apply_architecture_spec(VaeArchitecture& a, const ArchitectureSpec& spec) {
    a.conv = spec.conv;
    a.hidden = spec.dense;
}

} // namespace vae
