#include "ui/widgets/atomic_write.h"

#include "io/atomic_file.h"

#include <QFile>

namespace vae::ui {
namespace {

// Runs `write` on an AtomicFile of `path` and commits it; the AtomicFile removes its temporary
// file on every way out but a successful commit.
template <typename Write> bool write_through(const QString& path, Write&& write, QString* reason) {
    try {
        AtomicFile file(QFile::encodeName(path).toStdString());
        if (!write(file))
            return false;
        file.commit();
        return true;
    } catch (const AtomicFileError& e) {
        if (reason)
            *reason = QString::fromLocal8Bit(e.reason());
        return false;
    }
}

} // namespace

bool write_file_atomically(const QString& path, const QByteArray& bytes, QString* reason) {
    return write_through(
        path,
        [&bytes](AtomicFile& file) {
            file.write(bytes.constData(), static_cast<std::size_t>(bytes.size()));
            return true;
        },
        reason);
}

bool write_named_file_atomically(
    const QString& path,
    const std::function<bool(const QString& temp_path, QString* reason)>& write_to,
    QString* reason) {
    return write_through(
        path,
        [&](AtomicFile& file) {
            return write_to(QFile::decodeName(QByteArray::fromStdString(file.temp_path())), reason);
        },
        reason);
}

} // namespace vae::ui
