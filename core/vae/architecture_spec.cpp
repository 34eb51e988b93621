#include "vae/architecture_spec.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <utility>

namespace vae {

namespace {

constexpr std::string_view kGrammar =
    "write e.g. 'conv:32,64/dense:256' or 'dense:512,256': conv layers as channels with "
    "optional k (kernel), s (stride), p (padding) such as '64k3s1', dense layers as widths";
constexpr std::size_t kMaxChannels = 4096;
constexpr std::size_t kMaxWidth = 65536;
constexpr int kMaxKernel = 15;
constexpr int kMaxStride = 8;

struct Preset {
    std::string_view name;
    std::string_view spec;
};

// conv-deep doubles conv-small's depth with size-keeping 3x3 layers before each halving one, the
// layout of the VGG-style encoders in pythae's benchmark networks, at a width a CPU trains.
constexpr std::array<Preset, 3> kPresets{{
    {"mlp", "dense:512,256"},
    {"conv-small", "conv:32,64/dense:256"},
    {"conv-deep", "conv:32k3s1,32,64k3s1,64/dense:512"},
}};

std::string_view trim(std::string_view s) {
    while (!s.empty() && s.front() == ' ')
        s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ')
        s.remove_suffix(1);
    return s;
}

[[noreturn]] void fail(std::string_view text, const std::string& problem) {
    throw ArchitectureSpecError("architecture '" + std::string(text) + "': " + problem + "; " +
                                std::string(kGrammar));
}

/// Reads the digits at the front of `s` (consuming them); nullopt-like -1 when there are none.
long long take_number(std::string_view& s) {
    long long v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end == s.data())
        return -1;
    s.remove_prefix(static_cast<std::size_t>(end - s.data()));
    return v;
}

ConvStage parse_conv_layer(std::string_view text, std::string_view token, std::size_t position) {
    const std::string where =
        "conv layer " + std::to_string(position) + " '" + std::string(token) + "'";
    std::string_view s = token;
    const long long channels = take_number(s);
    if (channels < 1 || static_cast<std::size_t>(channels) > kMaxChannels)
        fail(text,
             where + " does not start with a channel count 1.." + std::to_string(kMaxChannels));
    ConvStage stage;
    stage.channels = static_cast<std::size_t>(channels);
    bool padding_given = false;
    std::string seen;
    while (!s.empty()) {
        const char key = s.front();
        s.remove_prefix(1);
        if (key != 'k' && key != 's' && key != 'p')
            fail(text, where + ": '" + std::string(1, key) +
                           "' is not k (kernel), s (stride) or p (padding)");
        if (seen.find(key) != std::string::npos)
            fail(text, where + " gives '" + std::string(1, key) + "' twice");
        seen += key;
        const long long v = take_number(s);
        if (v < 0)
            fail(text, where + ": '" + std::string(1, key) + "' needs a number after it");
        if (key == 'k') {
            if (v < 1 || v > kMaxKernel)
                fail(text, where + ": kernel " + std::to_string(v) + " is not in 1.." +
                               std::to_string(kMaxKernel));
            stage.kernel = static_cast<int>(v);
        } else if (key == 's') {
            if (v < 1 || v > kMaxStride)
                fail(text, where + ": stride " + std::to_string(v) + " is not in 1.." +
                               std::to_string(kMaxStride));
            stage.stride = static_cast<int>(v);
        } else {
            stage.padding = static_cast<int>(std::min<long long>(v, kMaxKernel));
            padding_given = true;
        }
    }
    if (!padding_given)
        stage.padding = std::max(0, (stage.kernel - stage.stride + 1) / 2);
    if (stage.padding >= stage.kernel)
        fail(text, where + ": padding " + std::to_string(stage.padding) +
                       " must be smaller than the kernel " + std::to_string(stage.kernel));
    return stage;
}

std::size_t parse_width(std::string_view text, std::string_view token, std::size_t position) {
    std::string_view s = token;
    const long long v = take_number(s);
    if (v < 1 || static_cast<std::size_t>(v) > kMaxWidth || !s.empty())
        fail(text, "dense layer " + std::to_string(position) + " '" + std::string(token) +
                       "' is not a width 1.." + std::to_string(kMaxWidth));
    return static_cast<std::size_t>(v);
}

/// Splits on `separator`, trimming each piece.
std::vector<std::string_view> split(std::string_view s, char separator) {
    std::vector<std::string_view> pieces;
    while (true) {
        const auto at = s.find(separator);
        pieces.push_back(trim(s.substr(0, at)));
        if (at == std::string_view::npos)
            return pieces;
        s.remove_prefix(at + 1);
    }
}

std::string layer_text(const ConvStage& c) {
    std::string t = std::to_string(c.channels);
    const ConvStage defaults{c.channels, 4, 2, 1};
    if (c.kernel != defaults.kernel)
        t += "k" + std::to_string(c.kernel);
    if (c.stride != defaults.stride)
        t += "s" + std::to_string(c.stride);
    if (c.padding != std::max(0, (c.kernel - c.stride + 1) / 2))
        t += "p" + std::to_string(c.padding);
    return t;
}

} // namespace

ArchitectureSpec parse_architecture_spec(std::string_view text) {
    const std::string_view body = trim(text);
    if (body.empty())
        fail(text, "it is empty");
    ArchitectureSpec spec;
    if (body == "linear")
        return spec;
    bool conv_seen = false;
    bool dense_seen = false;
    for (const std::string_view part : split(body, '/')) {
        const auto colon = part.find(':');
        const std::string_view kind = trim(part.substr(0, colon));
        if (colon == std::string_view::npos || (kind != "conv" && kind != "dense"))
            fail(text, "'" + std::string(part) + "' does not start with 'conv:' or 'dense:'");
        const std::string_view list = trim(part.substr(colon + 1));
        if (list.empty())
            fail(text, "'" + std::string(kind) + ":' lists no layers");
        const auto items = split(list, ',');
        if (kind == "conv") {
            if (conv_seen || dense_seen)
                fail(text, dense_seen ? "conv layers come before the dense ones"
                                      : "'conv:' is given twice; list all conv layers in one part");
            conv_seen = true;
            for (std::size_t i = 0; i < items.size(); ++i)
                spec.conv.push_back(parse_conv_layer(text, items[i], i + 1));
        } else {
            if (dense_seen)
                fail(text, "'dense:' is given twice; list all dense layers in one part");
            dense_seen = true;
            for (std::size_t i = 0; i < items.size(); ++i)
                spec.dense.push_back(parse_width(text, items[i], i + 1));
        }
    }
    return spec;
}

std::string architecture_spec_text(const ArchitectureSpec& spec) {
    std::string t;
    const auto list = [&](const char* kind, const auto& items, auto text_of) {
        if (items.empty())
            return;
        t += (t.empty() ? "" : "/") + std::string(kind) + ":";
        for (std::size_t i = 0; i < items.size(); ++i)
            t += (i == 0 ? "" : ",") + text_of(items[i]);
    };
    list("conv", spec.conv, layer_text);
    list("dense", spec.dense, [](std::size_t w) { return std::to_string(w); });
    return t.empty() ? "linear" : t;
}

ArchitectureSpec resolve_architecture(std::string_view preset_or_spec) {
    const std::string_view name = trim(preset_or_spec);
    for (const auto& preset : kPresets)
        if (name == preset.name)
            return parse_architecture_spec(preset.spec);
    if (name.find(':') == std::string_view::npos) {
        std::string names;
        for (const auto& preset : kPresets)
            names += (names.empty() ? "" : ", ") + std::string(preset.name);
        throw ArchitectureSpecError("architecture '" + std::string(preset_or_spec) +
                                    "' is neither a preset (" + names + ") nor a spec; " +
                                    std::string(kGrammar));
    }
    return parse_architecture_spec(name);
}

std::string preset_name_of(const ArchitectureSpec& spec) {
    for (const auto& preset : kPresets)
        if (parse_architecture_spec(preset.spec) == spec)
            return std::string(preset.name);
    return {};
}

const std::vector<std::string>& architecture_preset_names() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> n;
        for (const auto& preset : kPresets)
            n.emplace_back(preset.name);
        return n;
    }();
    return names;
}

} // namespace vae
