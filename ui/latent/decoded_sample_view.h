#pragma once

#include "ui/widgets/feature_value.h"

#include <QImage>
#include <QString>
#include <QWidget>

#include <array>
#include <vector>

class QCPBars;
class QCustomPlot;
class QLabel;
class QScrollArea;
class QStackedWidget;

namespace vae::ui {

/// Shows one decoded sample, usually beside a real one: two images side by side with captions
/// ("decoded z = (0.52, −1.30)" beside "nearest training sample · row 4711 · Sneaker", or
/// "original · row 12" beside "reconstruction"), or for tables the features of both rows.
///
/// Images are scaled up by whole pixels without smoothing, so pixels stay square and crisp at
/// any size. Table rows are horizontal bars, one group per numeric feature, measured in the
/// feature's training range (0 = training minimum, 1 = maximum) because features in the
/// user's units differ by orders of magnitude; each bar is labelled with the value in the
/// user's units, and bars outside the range are drawn in a warning colour, marked ⚠ on their
/// name and listed under the plot. Categorical features are listed as text below the bars.
///
/// The view converts nothing: callers pass images and FeatureValues in the user's units.
class DecodedSampleView : public QWidget {
    Q_OBJECT
public:
    /// What the view shows now.
    enum class Mode { Empty, Images, Features };

    explicit DecodedSampleView(QWidget* parent = nullptr);
    ~DecodedSampleView() override;

    /// Shows `left` and, unless `right` is null, `right` beside it, each over its caption.
    void showImages(const QImage& left, const QString& left_caption, const QImage& right = {},
                    const QString& right_caption = {});
    /// Shows table rows: `right` empty for the left row alone, else the same features in the
    /// same order (entries are matched by position).
    void showFeatures(const std::vector<FeatureValue>& left, const QString& left_caption,
                      const std::vector<FeatureValue>& right = {},
                      const QString& right_caption = {});
    /// Back to the placeholder text.
    void clear();

    /// A picture of what is shown, at the view's size.
    [[nodiscard]] QImage render() const;
    /// Writes render() as a PNG, atomically; false and `error` on failure.
    bool exportImage(const QString& path, QString* error) const;

    [[nodiscard]] Mode mode() const { return mode_; }
    /// Image panels shown (0 to 2).
    [[nodiscard]] int panelCount() const;
    /// Caption of panel `i` (0 left, 1 right); empty when there is no such panel.
    [[nodiscard]] QString caption(int i) const;
    /// Where panel `i`'s image is drawn, in the coordinates of render(); empty if none.
    [[nodiscard]] QRect imageRect(int i) const;
    /// The list of categorical features under the bars, as plain text.
    [[nodiscard]] QString categoricalText() const;
    /// The out-of-range notes under the bars, as plain text; empty when all are in range.
    [[nodiscard]] QString rangeWarningText() const;
    /// The bar chart of the numeric features (for tests and the integrator).
    [[nodiscard]] QCustomPlot* plot() const { return plot_; }
    [[nodiscard]] QSize sizeHint() const override;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    class ImagePanels;

    void buildFeaturePage();
    void fillBars(const std::vector<FeatureValue>& left, const QString& left_caption,
                  const std::vector<FeatureValue>& right, const QString& right_caption);
    void fillCategorical(const std::vector<FeatureValue>& left,
                         const std::vector<FeatureValue>& right);
    void showPlotToolTip(const QPoint& pos);

    Mode mode_ = Mode::Empty;
    QStackedWidget* stack_ = nullptr;
    QLabel* placeholder_ = nullptr;
    ImagePanels* panels_ = nullptr;
    QScrollArea* feature_scroll_ = nullptr;
    QCustomPlot* plot_ = nullptr;
    QLabel* categorical_ = nullptr;
    QLabel* warnings_ = nullptr;
    /// Per bar series: the feature index of each bar, and the row (0 left, 1 right).
    struct BarSeries {
        QCPBars* bars = nullptr;
        int side = 0;
        std::vector<std::size_t> features;
    };
    std::vector<BarSeries> series_;
    std::array<std::vector<FeatureValue>, 2> shown_;
    std::array<QString, 2> shown_captions_;
};

} // namespace vae::ui
