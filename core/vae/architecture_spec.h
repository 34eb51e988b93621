#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace vae {

/// One convolution of the encoder; the decoder mirrors it with a transposed convolution of the
/// same kernel, stride and padding (and the channels the other way round).
struct ConvStage {
    std::size_t channels = 0;
    int kernel = 4;
    int stride = 2;
    int padding = 1;

    friend bool operator==(const ConvStage&, const ConvStage&) = default;
};

/// The layers of an encoder as a user types them: convolutions first (image data only), then
/// dense layers. The decoder mirrors the encoder.
struct ArchitectureSpec {
    std::vector<ConvStage> conv;
    std::vector<std::size_t> dense;

    friend bool operator==(const ArchitectureSpec&, const ArchitectureSpec&) = default;
};

/// A spec that cannot be read; what() names the bad token and shows the grammar.
class ArchitectureSpecError : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

/// Reads the encoder spec grammar:
///   spec   := part ('/' part)*          e.g. "conv:32,64/dense:256", "dense:512,256"
///   part   := "conv:" layer (',' layer)* | "dense:" width (',' width)*
///   layer  := channels ['k' kernel] ['s' stride] ['p' padding]    e.g. "64", "64k3s1"
/// A conv layer defaults to kernel 4, stride 2 (halving the image) and padding
/// (kernel - stride + 1) / 2, which keeps an even size exactly halved (k4 s2 -> p1) and a stride-1
/// layer the same size (k3 s1 -> p1). The conv part, if any, comes first and at most once, as
/// does the dense part. "linear" is no hidden layer at all (the latent heads read the input).
/// Spaces around tokens are ignored. Throws ArchitectureSpecError.
[[nodiscard]] ArchitectureSpec parse_architecture_spec(std::string_view text);

/// The canonical text of a spec (parse_architecture_spec(text(s)) == s); a layer's k, s and p
/// are written only where they differ from the defaults.
[[nodiscard]] std::string architecture_spec_text(const ArchitectureSpec& spec);

/// The presets by name: "mlp" (dense:512,256), "conv-small" (conv:32,64/dense:256, the network
/// of the PyTorch reference benchmark) and "conv-deep"; else a spec as above. Throws
/// ArchitectureSpecError naming the presets when the text is neither.
[[nodiscard]] ArchitectureSpec resolve_architecture(std::string_view preset_or_spec);

/// The name of the preset `spec` is ("conv-small"), or empty when it is none.
[[nodiscard]] std::string preset_name_of(const ArchitectureSpec& spec);

/// The preset names, in the order a menu lists them.
[[nodiscard]] const std::vector<std::string>& architecture_preset_names();

} // namespace vae
