#pragma once

#include <QString>

#include <vector>

class QWidget;

namespace vae::ui {

/// One file type a save dialog offers: its filter ("PNG image (*.png)") and the suffix ("png")
/// given to a name typed without one.
struct SaveFileType {
    QString filter;
    QString suffix;
};

/// Asks for a file to save to, starting at `default_name` in last_directory(), with `types`
/// as the filters (the first one chosen). Adds the chosen type's suffix to a name without one
/// and remembers the folder for the next dialog. Empty when the user cancels. GUI thread only.
[[nodiscard]] QString ask_save_path(QWidget* parent, const QString& caption,
                                    const QString& default_name,
                                    const std::vector<SaveFileType>& types);

} // namespace vae::ui
