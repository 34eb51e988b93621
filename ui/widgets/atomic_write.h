#pragma once

#include <QByteArray>
#include <QString>

#include <functional>

namespace vae::ui {

/// Writes `bytes` to `path` through vae::AtomicFile: a reader sees the old file or the whole
/// new one, and a failed write leaves the old file as it was and nothing beside it. On failure
/// returns false and sets `reason` (when given) to why, without the path, for the caller's
/// sentence ("Cannot write <path>: <reason>"). Callable from any thread.
bool write_file_atomically(const QString& path, const QByteArray& bytes, QString* reason);

/// The same for a writer that takes only a file name (QCustomPlot's savePng and savePdf):
/// `write_to(temp_path, &reason)` writes a temporary file beside `path` in place, and returns
/// false with a reason when it cannot; then the temporary file replaces `path`.
bool write_named_file_atomically(
    const QString& path,
    const std::function<bool(const QString& temp_path, QString* reason)>& write_to,
    QString* reason);

} // namespace vae::ui
