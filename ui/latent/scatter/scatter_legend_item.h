#pragma once

#include <QColor>
#include <QPoint>
#include <QString>

#include <qcustomplot.h>

#include <optional>

namespace vae::ui {

/// One class in the latent plane's legend: a dot in the class colour and its name. A class
/// that is switched off shows a hollow dot and grey text, so the legend still lists it.
class ScatterLegendItem : public QCPAbstractLegendItem {
    Q_OBJECT
public:
    ScatterLegendItem(QCPLegend* legend, int class_id, const QColor& color, const QString& text);

    /// The class of the entry of `legend` under `pos` (plot coordinates), if any.
    [[nodiscard]] static std::optional<int> classAt(const QCPLegend& legend, QPoint pos);

    [[nodiscard]] int classId() const { return class_id_; }
    [[nodiscard]] QString text() const { return text_; }
    [[nodiscard]] bool shown() const { return shown_; }
    void setShown(bool on) { shown_ = on; }

protected:
    void draw(QCPPainter* painter) override;
    QSize minimumOuterSizeHint() const override;

private:
    int class_id_;
    QColor color_;
    QString text_;
    bool shown_ = true;
};

} // namespace vae::ui
