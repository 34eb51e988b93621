#pragma once

#include <QImage>
#include <QString>

namespace vae::ui {

/// Writes `image` as a PNG to `path` atomically (write_file_atomically(): a reader never sees half
/// a file, and a failed write leaves an existing file as it was). On failure returns false and,
/// when `error` is set, a sentence naming the file and the reason.
bool save_png(const QImage& image, const QString& path, QString* error);

} // namespace vae::ui
