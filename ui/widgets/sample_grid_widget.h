#pragma once

#include <QImage>
#include <QString>
#include <QWidget>

#include <optional>
#include <utility>
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
    /// The (row, image) under a widget position, if a sample is drawn there.
    [[nodiscard]] std::optional<std::pair<int, int>> cellAt(QPoint pos) const;

signals:
    /// A left click on a sample: its row and its index in the row.
    void sampleClicked(int row, int index);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;

private:
    [[nodiscard]] int captionWidth() const;
    std::vector<Row> rows_;
    int cell_ = 56;
    int gap_ = 4;
};

} // namespace vae::ui
