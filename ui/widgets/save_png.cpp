#include "ui/widgets/save_png.h"

#include <QCoreApplication>
#include <QDir>
#include <QSaveFile>

namespace vae::ui {

bool save_png(const QImage& image, const QString& path, QString* error) {
    QSaveFile file(path);
    auto fail = [&](const QString& why) {
        if (error)
            *error = QCoreApplication::translate("vae::ui::SavePng", "Cannot write %1: %2")
                         .arg(QDir::toNativeSeparators(path), why);
        return false;
    };
    if (image.isNull())
        return fail(QCoreApplication::translate("vae::ui::SavePng", "there is nothing to show"));
    if (!file.open(QIODevice::WriteOnly))
        return fail(file.errorString());
    if (!image.save(&file, "PNG")) {
        file.cancelWriting();
        return fail(
            QCoreApplication::translate("vae::ui::SavePng", "the image could not be encoded"));
    }
    if (!file.commit())
        return fail(file.errorString());
    return true;
}

} // namespace vae::ui
