#pragma once

#include <QImage>
#include <QString>
#include <QWidget>

#include <vector>

namespace vae::ui {

/// A grid of small images in rows, each row with a caption (a class name), drawn scaled
/// up without smoothing so that pixels stay pixels.
class SampleGridWidget : public QWidget {
    Q_OBJECT
public:
    struct Row {
        QString caption;
        std::vector<QImage> images;
    };

    explicit SampleGridWidget(QWidget* parent = nullptr);
    void setRows(std::vector<Row> rows);
    [[nodiscard]] const std::vector<Row>& rows() const { return rows_; }
    [[nodiscard]] QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    [[nodiscard]] int captionWidth() const;
    std::vector<Row> rows_;
    int cell_ = 56;
    int gap_ = 4;
};

} // namespace vae::ui
