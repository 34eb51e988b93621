#include "ui/widgets/plot_image_export.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QSettings>
#include <QTemporaryFile>

#include <qcustomplot.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

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

    QTemporaryFile temp(dir.filePath(QStringLiteral(".%1.XXXXXX.%2").arg(info.baseName(), suffix)));
    if (!temp.open())
        return fail(temp.errorString());
    temp.close();

    QSize size = plot->size();
    if (!plot->isVisible() || size.width() < 400 || size.height() < 300)
        size = QSize(1000, 700);
    const bool ok =
        suffix == QLatin1String("png")
            ? plot->savePng(temp.fileName(), size.width(), size.height())
            : plot->savePdf(temp.fileName(), size.width(), size.height(), QCP::epAllowCosmetic,
                            QStringLiteral("VAE Explorer"), pdf_title);
    if (!ok || QFileInfo(temp.fileName()).size() == 0)
        return fail(tr("the image could not be rendered"));

    // QTemporaryFile creates its files private; an exported image is an ordinary user file.
    const QFileInfo old(path);
    temp.setPermissions(old.exists() ? old.permissions()
                                     : QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                           QFileDevice::ReadGroup | QFileDevice::ReadOther);
    if (std::rename(QFile::encodeName(temp.fileName()).constData(),
                    QFile::encodeName(info.absoluteFilePath()).constData()) != 0)
        return fail(QString::fromLocal8Bit(std::strerror(errno)));
    temp.setAutoRemove(false);
    return true;
}

void PlotImageExport::askAndWrite(QWidget* parent, const QString& caption,
                                  const QString& default_name, const QString& failure_title,
                                  const std::function<bool(const QString&, QString*)>& write_to) {
    QSettings settings;
    const QString dir = settings.value(QStringLiteral("files/lastExportDirectory")).toString();
    const QString png = tr("PNG image (*.png)");
    const QString pdf = tr("PDF document (*.pdf)");
    QString filter = png;
    QString path = QFileDialog::getSaveFileName(parent, caption, QDir(dir).filePath(default_name),
                                                png + QStringLiteral(";;") + pdf, &filter);
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += filter == pdf ? QStringLiteral(".pdf") : QStringLiteral(".png");
    settings.setValue(QStringLiteral("files/lastExportDirectory"), QFileInfo(path).absolutePath());
    QString error;
    if (!write_to(path, &error))
        QMessageBox::warning(parent, failure_title, error);
}

} // namespace vae::ui
