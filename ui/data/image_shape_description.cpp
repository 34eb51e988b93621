#include "ui/data/image_shape_description.h"

#include <QCoreApplication>

namespace vae::ui {

QString describe_image_shape(const ImageShape& shape) {
    const auto tr = [](const char* text) {
        return QCoreApplication::translate("vae::ui::ImageShape", text);
    };
    const QString size = QStringLiteral("%1×%2").arg(shape.width).arg(shape.height);
    if (shape.channels == 1)
        return tr("%1 grayscale images").arg(size);
    return tr("%1 images with %2 channels").arg(size).arg(shape.channels);
}

} // namespace vae::ui
