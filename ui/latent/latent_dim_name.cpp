#include "ui/latent/latent_dim_name.h"

namespace vae::ui {

QString latent_dim_name(std::size_t k) {
    const QString digits = QString::number(k);
    QString out = QStringLiteral("z");
    for (const QChar c : digits)
        out += QChar(0x2080 + (c.unicode() - u'0')); // U+2080.. are the subscript digits
    return out;
}

} // namespace vae::ui
