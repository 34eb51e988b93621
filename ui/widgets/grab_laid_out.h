#pragma once

#include <QImage>

class QWidget;

namespace vae::ui {

/// A picture of `part` (`top` itself or a widget inside it) where `top`'s layout puts it, also
/// while `top` is hidden: a hidden widget's layout runs only when it is shown, so a plain
/// grab() would picture its children at their old places and sizes. Grabbing repaints but
/// changes nothing a caller could see, hence the const arguments. GUI thread only.
[[nodiscard]] QImage grab_laid_out(const QWidget& top, const QWidget& part);

} // namespace vae::ui
