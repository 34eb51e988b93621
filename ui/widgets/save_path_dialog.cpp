#include "ui/widgets/save_path_dialog.h"

#include "ui/widgets/last_directory.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QStringList>

namespace vae::ui {

QString ask_save_path(QWidget* parent, const QString& caption, const QString& default_name,
                      const std::vector<SaveFileType>& types) {
    QStringList filters;
    for (const SaveFileType& t : types)
        filters << t.filter;
    QString chosen = types.empty() ? QString() : types.front().filter;
    QString path =
        QFileDialog::getSaveFileName(parent, caption, QDir(last_directory()).filePath(default_name),
                                     filters.join(QStringLiteral(";;")), &chosen);
    if (path.isEmpty())
        return {};
    if (QFileInfo(path).suffix().isEmpty())
        for (const SaveFileType& t : types)
            if (t.filter == chosen) {
                path += QLatin1Char('.') + t.suffix;
                break;
            }
    remember_directory(path);
    return path;
}

} // namespace vae::ui
