#include "ui/widgets/last_directory.h"

#include <QFileInfo>
#include <QSettings>

namespace vae::ui {
namespace {

const QString kLastDirKey = QStringLiteral("files/lastDirectory");

} // namespace

QString last_directory() {
    return QSettings().value(kLastDirKey).toString();
}

void remember_directory(const QString& file) {
    QSettings().setValue(kLastDirKey, QFileInfo(file).absolutePath());
}

} // namespace vae::ui
