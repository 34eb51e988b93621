#include "ui/widgets/save_png.h"

#include "ui/widgets/atomic_write.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QDir>

namespace vae::ui {

bool save_png(const QImage& image, const QString& path, QString* error) {
    auto fail = [&](const QString& why) {
        if (error)
            *error = QCoreApplication::translate("vae::ui::SavePng", "Cannot write %1: %2")
                         .arg(QDir::toNativeSeparators(path), why);
        return false;
    };
    if (image.isNull())
        return fail(QCoreApplication::translate("vae::ui::SavePng", "there is nothing to show"));
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    if (!image.save(&buffer, "PNG"))
        return fail(
            QCoreApplication::translate("vae::ui::SavePng", "the image could not be encoded"));
    QString reason;
    return write_file_atomically(path, png, &reason) || fail(reason);
}

} // namespace vae::ui
