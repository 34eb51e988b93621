#include "ui/widgets/grab_laid_out.h"

#include <QLayout>
#include <QWidget>

namespace vae::ui {

QImage grab_laid_out(const QWidget& top, const QWidget& part) {
    if (!top.isVisible() && top.layout())
        top.layout()->activate();
    return const_cast<QWidget&>(part).grab().toImage();
}

} // namespace vae::ui
