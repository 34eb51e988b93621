#include "ui/image_shape_choice.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace vae::ui {
namespace {

constexpr int kMaxSide = 65536;

QString tr(const char* text) {
    return QCoreApplication::translate("vae::ui::ImageShapeChoice", text);
}

} // namespace

ImageShapeChoice parse_image_shape_choice(const QString& text) {
    ImageShapeChoice c;
    const QString t = text.trimmed().toLower();
    if (t.isEmpty() || t.startsWith(QLatin1String("auto"))) {
        c.automatic = true;
        return c;
    }
    if (t.startsWith(QLatin1String("table")) || t == QLatin1String("none")) {
        c.table = true;
        return c;
    }
    static const QRegularExpression shape(
        QStringLiteral("^(\\d+)\\s*[x×*]\\s*(\\d+)(?:\\s*[x×*]\\s*(\\d+))?$"));
    const auto m = shape.match(t);
    if (!m.hasMatch()) {
        c.problem = tr("Type the image size as WIDTHxHEIGHT or WIDTHxHEIGHTxCHANNELS, "
                       "e.g. 28x28 or 32x32x3, or choose Auto or Table.");
        return c;
    }
    // toInt fails on overflow, which the range check below then reports.
    const int width = m.captured(1).toInt();
    const int height = m.captured(2).toInt();
    const int channels = m.captured(3).isEmpty() ? 1 : m.captured(3).toInt();
    if (width <= 0 || height <= 0 || width > kMaxSide || height > kMaxSide) {
        c.problem = tr("Width and height must be between 1 and %1.").arg(kMaxSide);
        return c;
    }
    if (channels != 1 && channels != 3 && channels != 4) {
        c.problem =
            tr("Images have 1 (gray), 3 (RGB) or 4 (RGBA) channels, not %1.").arg(m.captured(3));
        return c;
    }
    c.shape = ImageShape{width, height, channels};
    return c;
}

QString describe_image_shape(const ImageShape& shape) {
    const QString size = QStringLiteral("%1×%2").arg(shape.width).arg(shape.height);
    if (shape.channels == 1)
        return tr("%1 grayscale images").arg(size);
    return tr("%1 images with %2 channels").arg(size).arg(shape.channels);
}

} // namespace vae::ui
