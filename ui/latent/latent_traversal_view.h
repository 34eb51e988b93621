#pragma once

#include "ui/widgets/feature_value.h"

#include <QImage>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <vector>

class QDoubleSpinBox;
class QScrollArea;
class QSpinBox;

namespace vae::ui {

class DelegatingCanvas;

/// "Vary one latent dimension at a time": one row per dimension (its label, e.g. "z₃", and an
/// optional note such as its KL), one column per value the dimension is set to, each cell the
/// decoded sample. The column values are written once above the table in a header that stays
/// put while the rows scroll (a 64-dimensional latent has 64 rows).
///
/// Images are scaled up by whole pixels without smoothing (crisp_image_rect), one size for
/// all cells, as large as fits the width up to kMaxCellPx. Table rows are a heat map per
/// latent dimension: one thin row per feature, coloured by where the value sits in the
/// feature's training range (viridis, 0 = training minimum, 1 = maximum; out-of-range values
/// framed in red), categorical features in one colour per category; values and feature names
/// are written in when they fit, and every cell has a tooltip.
///
/// The view converts nothing: callers decode (traversal_latents gives the codes in the order
/// the view takes them) and pass images or FeatureValues. The controls "traversalSteps" and
/// "traversalRange" (values run from -range to +range latent units) only announce
/// requestChanged(); the caller decodes again. GUI thread only.
class LatentTraversalView : public QWidget {
    Q_OBJECT
public:
    static constexpr int kMinSteps = 2;
    static constexpr int kMaxSteps = 25;
    /// 7 values over ±3 fall on whole latent units.
    static constexpr int kDefaultSteps = 7;
    static constexpr double kDefaultRange = 3.0;
    /// Cells grow with the width up to this (logical pixels), or the image's own size if larger.
    static constexpr int kMaxCellPx = 96;

    explicit LatentTraversalView(QWidget* parent = nullptr);
    ~LatentTraversalView() override;

    /// Shows `images` row-major: rowLabels.size() rows times columnValues.size() columns (row
    /// r, column c is images[r * columns + c]), all of one size. A count that disagrees shows
    /// nothing (clear()).
    void setImages(const std::vector<QImage>& images, const QStringList& rowLabels,
                   const std::vector<double>& columnValues);
    /// The same for table rows: `cells[r * columns + c]` is one decoded row's features, every
    /// cell with the same features in the same order.
    void setFeatureRows(const std::vector<std::vector<FeatureValue>>& cells,
                        const QStringList& rowLabels, const std::vector<double>& columnValues);
    /// A second, quieter line under each row's label ("KL 2.31"); by row, kept until clear().
    void setRowNotes(const QStringList& notes);
    /// Back to the placeholder text.
    void clear();

    /// The number of values per dimension the user asked for (kMinSteps..kMaxSteps).
    [[nodiscard]] int steps() const;
    /// Sets the steps control (clamped); emits requestChanged when it changes.
    void setSteps(int steps);
    /// Half-width of the values asked for: they run from -range() to +range().
    [[nodiscard]] double range() const;
    /// Sets the range control (clamped to 0.5..10); emits requestChanged when it changes.
    void setRange(double range);

    [[nodiscard]] int rowCount() const;
    [[nodiscard]] int columnCount() const;
    [[nodiscard]] QString rowLabel(int row) const;
    /// The header text over column `column` as painted ("−1.5"), empty where captions are
    /// thinned out because they do not fit.
    [[nodiscard]] QString columnCaption(int column) const;
    /// Where cell (row, column) is drawn, in the coordinates of render(); empty if none.
    [[nodiscard]] QRect cellRect(int row, int column) const;

    /// A picture of the header and every row (also those scrolled out of view).
    [[nodiscard]] QImage render() const;
    /// Writes render() as a PNG, atomically; false and `error` on failure.
    bool exportImage(const QString& path, QString* error) const;

    [[nodiscard]] QSize sizeHint() const override;
    [[nodiscard]] QSize minimumSizeHint() const override;

signals:
    /// The steps or the range changed: the caller decodes the traversal again.
    void requestChanged();

protected:
    void resizeEvent(QResizeEvent* e) override;

private:
    class Header;
    enum class Mode { Empty, Images, Features };

    /// Cell rects in canvas coordinates, for the current content and width.
    struct Geometry {
        QSize canvas;
        int label_w = 0;    ///< row labels column
        int names_w = 0;    ///< feature names column (features; 0 when they do not fit)
        int cells_left = 0; ///< x of column 0
        int gap = 0;        ///< between columns
        QSize cell;         ///< one cell (images: the drawn image)
        int row_pitch = 0;  ///< from one row's top to the next
        int sub_h = 0;      ///< one feature's height (features)
        QStringList captions;
    };

    void relayout();
    /// Cell (row, column) in canvas coordinates.
    [[nodiscard]] QRect cellBox(int row, int column) const;
    void chooseCaptions();
    /// The header's title over the row labels.
    [[nodiscard]] QString valueHeading() const;
    void paintCanvas(QPainter& p, const QRect& dirty) const;
    void paintRowLabel(QPainter& p, int row, const QRect& band) const;
    void paintFeatureCells(QPainter& p, int row) const;
    void paintHeader(QPainter& p) const;
    [[nodiscard]] int availableWidth() const;
    [[nodiscard]] QString toolTipAt(const QPoint& pos) const;

    QSpinBox* steps_box_ = nullptr;
    QDoubleSpinBox* range_box_ = nullptr;
    Header* header_ = nullptr;
    QScrollArea* scroll_ = nullptr;
    DelegatingCanvas* canvas_ = nullptr;
    Mode mode_ = Mode::Empty;
    std::vector<QImage> images_;
    std::vector<std::vector<FeatureValue>> features_;
    QStringList row_labels_;
    QStringList row_notes_;
    std::vector<double> values_;
    Geometry geometry_;
};

} // namespace vae::ui
