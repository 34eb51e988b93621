#include "metrics/image_sharpness.h"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string>

namespace vae {
namespace {

bool laplacian_applies(const std::optional<ImageShape>& shape, Eigen::Index cols) {
    return shape && shape->width >= 3 && shape->height >= 3 && shape->channels >= 1 &&
           shape->values() == static_cast<std::size_t>(cols);
}

} // namespace

double laplacian_variance(std::span<const float> image, const ImageShape& shape) {
    if (image.size() != shape.values())
        throw std::invalid_argument(
            "laplacian_variance: the image has " + std::to_string(image.size()) +
            " values but its shape " + std::to_string(shape.width) + "x" +
            std::to_string(shape.height) + "x" + std::to_string(shape.channels) + " needs " +
            std::to_string(shape.values()));
    if (shape.width < 3 || shape.height < 3 || shape.channels < 1)
        throw std::invalid_argument(
            "laplacian_variance: an image needs at least 3 x 3 pixels, not " +
            std::to_string(shape.width) + " x " + std::to_string(shape.height));
    const std::size_t w = static_cast<std::size_t>(shape.width);
    const std::size_t h = static_cast<std::size_t>(shape.height);
    const std::size_t c = static_cast<std::size_t>(shape.channels);
    const auto at = [&](std::size_t x, std::size_t y, std::size_t ch) {
        return static_cast<double>(image[(y * w + x) * c + ch]);
    };
    const double count = static_cast<double>((w - 2) * (h - 2));
    double total = 0.0;
    for (std::size_t ch = 0; ch < c; ++ch) {
        double sum = 0.0, sum2 = 0.0;
        for (std::size_t y = 1; y + 1 < h; ++y)
            for (std::size_t x = 1; x + 1 < w; ++x) {
                const double l = at(x - 1, y, ch) + at(x + 1, y, ch) + at(x, y - 1, ch) +
                                 at(x, y + 1, ch) - 4.0 * at(x, y, ch);
                sum += l;
                sum2 += l * l;
            }
        const double mean = sum / count;
        total += std::max(sum2 / count - mean * mean, 0.0);
    }
    return total / static_cast<double>(c);
}

double mean_laplacian_variance(const Matrix& rows, const ImageShape& shape) {
    if (rows.rows() == 0)
        throw std::invalid_argument("mean_laplacian_variance: no images");
    double sum = 0.0;
    for (Eigen::Index i = 0; i < rows.rows(); ++i)
        sum += laplacian_variance(std::span<const float>(rows.data() + i * rows.cols(),
                                                         static_cast<std::size_t>(rows.cols())),
                                  shape);
    return sum / static_cast<double>(rows.rows());
}

double mean_feature_variance(const Matrix& rows) {
    if (rows.rows() == 0 || rows.cols() == 0)
        throw std::invalid_argument("mean_feature_variance: no values");
    const Eigen::MatrixXd x = rows.cast<double>();
    const Eigen::RowVectorXd mean = x.colwise().mean();
    const double n = static_cast<double>(x.rows());
    return (x.rowwise() - mean).array().square().sum() / n / static_cast<double>(x.cols());
}

SharpnessRatio sharpness_ratio(const Matrix& generated, const Matrix& real,
                               const std::optional<ImageShape>& shape) {
    if (generated.rows() == 0 || real.rows() == 0)
        throw std::invalid_argument("sharpness_ratio: the " +
                                    std::string(real.rows() == 0 ? "real" : "generated") +
                                    " set is empty");
    if (generated.cols() != real.cols())
        throw std::invalid_argument("sharpness_ratio: generated rows have " +
                                    std::to_string(generated.cols()) + " values, real rows " +
                                    std::to_string(real.cols()));
    SharpnessRatio s;
    if (laplacian_applies(shape, real.cols())) {
        s.measure = "laplacian-variance";
        s.generated = mean_laplacian_variance(generated, *shape);
        s.real = mean_laplacian_variance(real, *shape);
    } else {
        s.measure = "feature-variance";
        s.generated = mean_feature_variance(generated);
        s.real = mean_feature_variance(real);
    }
    if (s.real > 0.0)
        s.ratio = s.generated / s.real;
    else
        s.ratio = s.generated > 0.0 ? std::numeric_limits<double>::infinity() : 1.0;
    return s;
}

} // namespace vae
