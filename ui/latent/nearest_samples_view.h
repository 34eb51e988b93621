#pragma once

#include <QImage>
#include <QString>
#include <QWidget>

#include <cstddef>
#include <vector>

class QLabel;
class QSpinBox;

namespace vae::ui {

class DelegatingCanvas;

/// One training sample near the sample looked at: its picture (null for table rows), its row,
/// its class name (may be empty) and its distance in stored units.
struct NearestSample {
    QImage image;
    std::size_t row = 0;
    QString label;
    double distance = 0.0;
};

/// The k training samples closest to one decoded sample, beside it: the sample on the left,
/// then its neighbours nearest first, each captioned with its row, class and distance, and a
/// verdict above them ("near-copy of row 123" / "unlike any training sample") that the caller
/// words. Only shows; the caller searches (the page's DecodeService) and re-asks when the
/// user changes k (countChanged). GUI thread only.
class NearestSamplesView : public QWidget {
    Q_OBJECT
public:
    /// How the verdict badge is coloured.
    enum class Verdict { Pending, NearCopy, Typical, Unlike };
    static constexpr int kDefaultCount = 8;
    static constexpr int kMaxCount = 32;

    explicit NearestSamplesView(QWidget* parent = nullptr);
    ~NearestSamplesView() override;

    /// The sample looked at (null image for a table row) and its caption.
    void setQuery(const QImage& image, const QString& caption);
    /// Its neighbours, nearest first.
    void setNeighbours(std::vector<NearestSample> neighbours);
    /// The verdict line and its kind (Pending: grey, while the data's scale is measured).
    void setVerdict(const QString& text, Verdict kind);
    /// Back to the placeholder.
    void clear();

    /// k, as the spin box shows it.
    [[nodiscard]] int count() const;
    void setCount(int k);
    [[nodiscard]] const std::vector<NearestSample>& neighbours() const { return neighbours_; }
    [[nodiscard]] QString verdictText() const;
    [[nodiscard]] Verdict verdict() const { return verdict_; }
    [[nodiscard]] QString queryCaption() const { return query_caption_; }
    [[nodiscard]] QSize sizeHint() const override;

signals:
    /// The user picked another k.
    void countChanged(int k);

private:
    void paintCanvas(QPainter& p, const QRect& area) const;
    [[nodiscard]] QString toolTipAt(QPoint pos) const;
    /// The tiles' rects in the canvas: [0] the query, then one per neighbour.
    [[nodiscard]] std::vector<QRect> tileRects(const QRect& area) const;

    QSpinBox* count_box_ = nullptr;
    QLabel* verdict_label_ = nullptr;
    DelegatingCanvas* canvas_ = nullptr;
    QImage query_;
    QString query_caption_;
    bool has_query_ = false;
    std::vector<NearestSample> neighbours_;
    Verdict verdict_ = Verdict::Pending;
};

} // namespace vae::ui
