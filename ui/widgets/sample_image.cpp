#include "ui/widgets/sample_image.h"

#include <algorithm>
#include <cmath>

namespace vae::ui {

QImage sample_image(const Dataset& data, Eigen::Index row, float lo, float hi) {
    return sample_image(data.values.row(row).data(), *data.image_shape, lo, hi);
}

QImage sample_image(const float* v, const ImageShape& s, float lo, float hi) {
    const bool rgb = s.channels >= 3;
    QImage image(s.width, s.height, rgb ? QImage::Format_RGB888 : QImage::Format_Grayscale8);
    const float span = hi > lo ? hi - lo : 1.0f;
    auto level = [&](float x) {
        return static_cast<uchar>(std::clamp(std::lround((x - lo) / span * 255.0f), 0L, 255L));
    };
    for (int y = 0; y < s.height; ++y) {
        uchar* line = image.scanLine(y);
        for (int x = 0; x < s.width; ++x) {
            const float* px = v + (static_cast<std::ptrdiff_t>(y) * s.width + x) * s.channels;
            if (rgb) {
                line[3 * x] = level(px[0]);
                line[3 * x + 1] = level(px[1]);
                line[3 * x + 2] = level(px[2]);
            } else {
                line[x] = level(px[0]);
            }
        }
    }
    return image;
}

std::pair<float, float> display_range(const Dataset& data) {
    if (data.values.size() == 0)
        return {0.0f, 1.0f};
    if (data.normalization.kind == Normalization::Kind::None &&
        (data.normalization.scaled_from_255 ||
         (data.values.minCoeff() >= 0.0f && data.values.maxCoeff() <= 1.0f)))
        return {0.0f, 1.0f};
    return {data.values.minCoeff(), data.values.maxCoeff()};
}

} // namespace vae::ui
