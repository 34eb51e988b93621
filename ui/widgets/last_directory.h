#pragma once

#include <QString>

namespace vae::ui {

/// The folder of the last file the user opened or saved (QSettings "files/lastDirectory"), where
/// the next file dialog starts; empty at first.
[[nodiscard]] QString last_directory();
/// Remembers the folder of `file` for the next dialog.
void remember_directory(const QString& file);

} // namespace vae::ui
