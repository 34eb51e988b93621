#include "ui/widgets/plot_image_export.h"

#include "ui/widgets/atomic_write.h"
#include "ui/widgets/save_path_dialog.h"

#include <QDir>
#include <QFileInfo>
#include <QMessageBox>

#include <qcustomplot.h>

namespace vae::ui {

bool PlotImageExport::write(QCustomPlot* plot, const QString& path, const QString& pdf_title,
                            QString* error) {
    auto fail = [&](const QString& why) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), why);
        return false;
    };
    const QFileInfo info(path);
    const QString suffix = info.suffix().toLower();
    if (suffix != QLatin1String("png") && suffix != QLatin1String("pdf"))
        return fail(tr("unknown image type \"%1\"; use .png or .pdf")
                        .arg(suffix.isEmpty() ? tr("(no suffix)") : QLatin1Char('.') + suffix));
    const QDir dir = info.absoluteDir();
    if (!dir.exists())
        return fail(tr("the folder %1 does not exist").arg(QDir::toNativeSeparators(dir.path())));

    QSize size = plot->size();
    if (!plot->isVisible() || size.width() < 400 || size.height() < 300)
        size = QSize(1000, 700);
    // QCustomPlot writes images only to a file name: it renders into the temporary file.
    auto render = [&](const QString& temp, QString* why) {
        const bool ok = suffix == QLatin1String("png")
                            ? plot->savePng(temp, size.width(), size.height())
                            : plot->savePdf(temp, size.width(), size.height(), QCP::epAllowCosmetic,
                                            QStringLiteral("VAE Explorer"), pdf_title);
        if (ok && QFileInfo(temp).size() > 0)
            return true;
        *why = tr("the image could not be rendered");
        return false;
    };
    QString why;
    return write_named_file_atomically(info.absoluteFilePath(), render, &why) || fail(why);
}

QString PlotImageExport::askPath(QWidget* parent, const QString& caption,
                                 const QString& default_name) {
    return ask_save_path(parent, caption, default_name,
                         {{tr("PNG image (*.png)"), QStringLiteral("png")},
                          {tr("PDF document (*.pdf)"), QStringLiteral("pdf")}});
}

void PlotImageExport::askAndWrite(QWidget* parent, const QString& caption,
                                  const QString& default_name, const QString& failure_title,
                                  const std::function<bool(const QString&, QString*)>& write_to) {
    const QString path = askPath(parent, caption, default_name);
    if (path.isEmpty())
        return;
    QString error;
    if (!write_to(path, &error))
        QMessageBox::warning(parent, failure_title, error);
}

} // namespace vae::ui
