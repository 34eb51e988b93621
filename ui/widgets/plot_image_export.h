#pragma once

#include <QCoreApplication>
#include <QString>

#include <functional>

class QCustomPlot;
class QWidget;

namespace vae::ui {

/// Image export shared by the plot views: one place for the file types, the atomic write and
/// the messages.
class PlotImageExport {
    Q_DECLARE_TR_FUNCTIONS(PlotImageExport)
public:
    /// Writes `plot` as it is laid out to a .png or .pdf (by suffix, any case) at `path`: rendered
    /// to a temporary file beside it and renamed over it (write_named_file_atomically()), so that
    /// a reader never sees half a file. A hidden or tiny plot is rendered at 1000×700. `pdf_title`
    /// names the PDF document. On failure returns false and sets `error` (when given) to a message
    /// naming the path.
    static bool write(QCustomPlot* plot, const QString& path, const QString& pdf_title,
                      QString* error);

    /// Asks for a PNG or PDF file name (ask_save_path(): starting at `default_name` in
    /// last_directory(), with the chosen type's suffix added to a bare name). Empty when the
    /// user cancels.
    [[nodiscard]] static QString askPath(QWidget* parent, const QString& caption,
                                         const QString& default_name);
    /// askPath(), then calls `write_to(path, &error)` and shows `error` when that fails.
    static void askAndWrite(QWidget* parent, const QString& caption, const QString& default_name,
                            const QString& failure_title,
                            const std::function<bool(const QString&, QString*)>& write_to);
};

} // namespace vae::ui
