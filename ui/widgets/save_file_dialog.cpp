#include "ui/widgets/save_file_dialog.h"

#include "ui/widgets/last_directory.h"

#include <QFileDialog>
#include <QFileInfo>

namespace vae::ui {

QString ask_save_path(QWidget* parent, const QString& caption, const QString& filter,
                      const QString& default_suffix) {
    QString path = QFileDialog::getSaveFileName(parent, caption, last_directory(), filter);
    if (path.isEmpty())
        return path;
    if (QFileInfo(path).suffix().isEmpty())
        path += QLatin1Char('.') + default_suffix;
    remember_directory(path);
    return path;
}

} // namespace vae::ui
