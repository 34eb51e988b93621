#pragma once

#include "ui/widgets/feature_value.h"

#include <QImage>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <vector>

class QSpinBox;

namespace vae::ui {

/// The frames decoded along a drag on the latent plane from A (t = 0) to B (t = 1): images in
/// one row, each captioned with its t, or for tables a heat strip with one column per frame
/// and one row per feature (colour = position in the feature's training range; categories as
/// text on a colour per category).
///
/// Made to be fed many times a second while the user drags: setFrames() only keeps the
/// (implicitly shared) images and schedules one repaint; all frames are painted in a single
/// paintEvent from geometry that is recomputed only when the frame count, the image size or
/// the widget's size change. No child widget is created or laid out per update.
///
/// The strip shows whatever it is given; the frame count N the user picks (the spin box
/// "frameCount", 2..64) is announced by frameCountChanged() so the caller decodes N frames.
class InterpolationStrip : public QWidget {
    Q_OBJECT
public:
    static constexpr int kMinFrames = 2;
    static constexpr int kMaxFrames = 64;
    /// 11 frames put t on round tenths.
    static constexpr int kDefaultFrames = 11;

    explicit InterpolationStrip(QWidget* parent = nullptr);
    ~InterpolationStrip() override;

    /// Shows `frames` left to right as t = 0 … 1 (any count, usually frameCount(); all of
    /// one size, as decoded frames are).
    void setFrames(const std::vector<QImage>& frames);
    /// Shows table frames: `frames[i]` is frame i's row, every frame with the same features
    /// in the same order.
    void setFeatureFrames(const std::vector<std::vector<FeatureValue>>& frames);
    /// Back to the placeholder text.
    void clear();

    /// The number of frames the user asked for.
    [[nodiscard]] int frameCount() const;
    /// Sets the spin box (clamped to 2..64); emits frameCountChanged when it changes.
    void setFrameCount(int n);

    /// Frames shown now (images or table columns).
    [[nodiscard]] int shownFrames() const;
    /// Caption under frame `i` as painted ("t = 0.25", "0.25", or empty when they do not fit).
    [[nodiscard]] QString frameCaption(int i) const;
    /// Where frame `i` is drawn, in the coordinates of render(); empty if none.
    [[nodiscard]] QRect frameRect(int i) const;
    /// How often the frame geometry was recomputed (a setFrames() with unchanged count, image
    /// size and widget size must not do it).
    [[nodiscard]] int layoutCount() const { return layout_count_; }

    /// A picture of the frames as shown (without the frame-count control).
    [[nodiscard]] QImage render() const;
    /// Writes render() as a PNG, atomically; false and `error` on failure.
    bool exportImage(const QString& path, QString* error) const;

    [[nodiscard]] QSize sizeHint() const override;
    [[nodiscard]] QSize minimumSizeHint() const override;
    /// The frame whose column holds `pos` (in the canvas's coordinates), or -1.
    [[nodiscard]] int frameAt(const QPoint& pos) const;

signals:
    /// The user (or setFrameCount) changed N; the caller decodes that many frames.
    void frameCountChanged(int n);
    /// A left click on frame `index` (0 = A).
    void frameClicked(int index);

private:
    class Canvas;
    enum class Mode { Empty, Images, Features };

    /// Frame, caption and (features) row rects, for the current content and canvas size.
    struct Geometry {
        int frames = -1;
        QSize image;
        QSize canvas;
        qreal dpr = 0.0;
        int features = -1;
        std::vector<QRect> cells;    ///< image rect, or the whole table column
        std::vector<QRect> captions; ///< one per frame
        QStringList caption_texts;
        QRect labels;       ///< feature names column (features)
        int row_height = 0; ///< (features)
        int top = 0;        ///< first feature row's y (features)
    };

    void ensureGeometry() const;
    void layoutImages(Geometry& g) const;
    void layoutFeatures(Geometry& g) const;
    void chooseCaptions(Geometry& g) const;
    void paintCanvas(QPainter& p) const;
    void paintImages(QPainter& p) const;
    void paintFeatures(QPainter& p) const;
    [[nodiscard]] QString toolTipAt(const QPoint& pos) const;

    QSpinBox* count_box_ = nullptr;
    Canvas* canvas_ = nullptr;
    Mode mode_ = Mode::Empty;
    std::vector<QImage> images_;
    std::vector<std::vector<FeatureValue>> features_;
    mutable Geometry geometry_;
    mutable int layout_count_ = 0;
};

} // namespace vae::ui
