#include "data/image_shape_text.h"

#include <cctype>
#include <charconv>
#include <vector>

namespace vae {
namespace {

constexpr int kMaxSide = 65536;

std::string lower_without_spaces(std::string_view text) {
    std::string out;
    for (const char c : text)
        if (!std::isspace(static_cast<unsigned char>(c)))
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

/// Splits at 'x', '*' or the UTF-8 multiplication sign.
std::vector<std::string> split_dimensions(const std::string& t) {
    static const std::string times = "\xc3\x97"; // U+00D7
    std::vector<std::string> parts(1);
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (t[i] == 'x' || t[i] == '*') {
            parts.emplace_back();
        } else if (t.compare(i, times.size(), times) == 0) {
            parts.emplace_back();
            i += times.size() - 1;
        } else {
            parts.back() += t[i];
        }
    }
    return parts;
}

} // namespace

ImageShapeText parse_image_shape_text(std::string_view text) {
    ImageShapeText r;
    const std::string t = lower_without_spaces(text);
    if (t.empty() || t == "auto") {
        r.automatic = true;
        return r;
    }
    if (t == "table" || t == "none") {
        r.table = true;
        return r;
    }
    const auto parts = split_dimensions(t);
    int dims[3] = {0, 0, 1};
    bool ok = parts.size() == 2 || parts.size() == 3;
    for (std::size_t i = 0; ok && i < parts.size(); ++i) {
        const auto& p = parts[i];
        const auto [end, ec] = std::from_chars(p.data(), p.data() + p.size(), dims[i]);
        ok = !p.empty() && ec == std::errc() && end == p.data() + p.size();
    }
    if (!ok) {
        r.problem = "write the image size as WIDTHxHEIGHT or WIDTHxHEIGHTxCHANNELS (28x28, "
                    "32x32x3), or auto, or table";
        return r;
    }
    if (dims[0] < 1 || dims[1] < 1 || dims[0] > kMaxSide || dims[1] > kMaxSide) {
        r.problem = "width and height must be from 1 to " + std::to_string(kMaxSide);
        return r;
    }
    if (dims[2] != 1 && dims[2] != 3 && dims[2] != 4) {
        r.problem =
            "images have 1 (gray), 3 (RGB) or 4 (RGBA) channels, not " + std::to_string(dims[2]);
        return r;
    }
    r.shape = ImageShape{dims[0], dims[1], dims[2]};
    return r;
}

std::string image_shape_text(const ImageShape& s) {
    std::string t = std::to_string(s.width) + "x" + std::to_string(s.height);
    if (s.channels != 1)
        t += "x" + std::to_string(s.channels);
    return t;
}

} // namespace vae
