#include "ui/widgets/feature_colors.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>

namespace vae::ui {
namespace {

constexpr std::array<std::array<int, 3>, 5> kViridis{
    {{68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}}};

constexpr std::array<QRgb, 8> kCategoryColors{0xaec7e8, 0xffbb78, 0x98df8a, 0xff9896,
                                              0xc5b0d5, 0xc49c94, 0xf7b6d2, 0xdbdb8d};

} // namespace

QColor viridis_color(double t) {
    t = std::clamp(std::isfinite(t) ? t : 0.5, 0.0, 1.0) * (kViridis.size() - 1);
    const auto i = std::min<std::size_t>(static_cast<std::size_t>(t), kViridis.size() - 2);
    const double f = t - static_cast<double>(i);
    auto mix = [&](std::size_t c) {
        return static_cast<int>(std::lround(kViridis[i][c] * (1 - f) + kViridis[i + 1][c] * f));
    };
    return {mix(0), mix(1), mix(2)};
}

QColor category_color(int k) {
    const auto n = static_cast<int>(kCategoryColors.size());
    return {kCategoryColors[static_cast<std::size_t>(((k % n) + n) % n)]};
}

QColor text_color_on(const QColor& background) {
    return qGray(background.rgb()) > 140 ? QColor(20, 20, 20) : QColor(245, 245, 245);
}

QColor out_of_range_color() {
    return {214, 39, 40};
}

} // namespace vae::ui
