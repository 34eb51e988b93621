#include "ui/latent/interpolation_strip.h"

#include "ui/widgets/crisp_image.h"
#include "ui/widgets/delegating_canvas.h"
#include "ui/widgets/feature_colors.h"
#include "ui/widgets/grab_laid_out.h"
#include "ui/widgets/save_png.h"
#include "ui/widgets/view_text.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHelpEvent>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>
#include <QSpinBox>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace vae::ui {
namespace {

constexpr int kMargin = 6;
constexpr int kGap = 4;
constexpr int kCaptionGap = 2;
constexpr int kMaxRowHeight = 22;

} // namespace

/// Paints the frames and reports clicks on them; the strip keeps the data and the geometry.
class InterpolationStrip::Canvas : public DelegatingCanvas {
public:
    explicit Canvas(InterpolationStrip* strip)
        : DelegatingCanvas(
              strip, [strip](QPainter& p, const QRect&) { strip->paintCanvas(p); },
              [strip](QPoint pos) { return strip->toolTipAt(pos); }),
          strip_(strip) {
        setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
        // Every pixel is painted each time: Qt need not clear the background first.
        setAttribute(Qt::WA_OpaquePaintEvent);
    }

protected:
    void mousePressEvent(QMouseEvent* e) override {
        const int frame =
            e->button() == Qt::LeftButton ? strip_->frameAt(e->position().toPoint()) : -1;
        if (frame >= 0)
            emit strip_->frameClicked(frame);
        else
            QWidget::mousePressEvent(e);
    }

private:
    InterpolationStrip* strip_;
};

InterpolationStrip::InterpolationStrip(QWidget* parent) : QWidget(parent) {
    count_box_ = new QSpinBox(this);
    count_box_->setObjectName(QStringLiteral("frameCount"));
    count_box_->setRange(kMinFrames, kMaxFrames);
    count_box_->setValue(kDefaultFrames);
    // Typing "16" must not ask for 1 frame first and then 16.
    count_box_->setKeyboardTracking(false);
    count_box_->setToolTip(tr("Frames decoded from A to B, both ends included"));
    auto* count_label = new QLabel(tr("Frames"), this);
    count_label->setBuddy(count_box_);
    connect(count_box_, &QSpinBox::valueChanged, this, &InterpolationStrip::frameCountChanged);

    canvas_ = new Canvas(this);
    canvas_->setObjectName(QStringLiteral("interpolationFrames"));

    auto* controls = new QVBoxLayout;
    controls->setContentsMargins(6, 6, 0, 6);
    controls->addWidget(count_label);
    controls->addWidget(count_box_);
    controls->addStretch(1);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addLayout(controls);
    layout->addWidget(canvas_, 1);
}

InterpolationStrip::~InterpolationStrip() = default;

void InterpolationStrip::setFrames(const std::vector<QImage>& frames) {
    if (frames.empty()) {
        clear();
        return;
    }
    images_ = frames; // implicitly shared: no pixels are copied
    features_.clear();
    mode_ = Mode::Images;
    canvas_->update();
}

void InterpolationStrip::setFeatureFrames(const std::vector<std::vector<FeatureValue>>& frames) {
    if (frames.empty() || frames.front().empty()) {
        clear();
        return;
    }
    features_ = frames;
    images_.clear();
    mode_ = Mode::Features;
    canvas_->update();
}

void InterpolationStrip::clear() {
    images_.clear();
    features_.clear();
    mode_ = Mode::Empty;
    canvas_->update();
}

int InterpolationStrip::frameCount() const {
    return count_box_->value();
}

void InterpolationStrip::setFrameCount(int n) {
    count_box_->setValue(std::clamp(n, kMinFrames, kMaxFrames));
}

int InterpolationStrip::shownFrames() const {
    switch (mode_) {
    case Mode::Images:
        return static_cast<int>(images_.size());
    case Mode::Features:
        return static_cast<int>(features_.size());
    case Mode::Empty:
        break;
    }
    return 0;
}

void InterpolationStrip::ensureGeometry() const {
    const int n = shownFrames();
    const QSize image = mode_ == Mode::Images ? images_.front().size() : QSize();
    const int rows = mode_ == Mode::Features ? static_cast<int>(features_.front().size()) : -1;
    const qreal dpr = canvas_->devicePixelRatioF();
    Geometry& g = geometry_;
    if (g.frames == n && g.image == image && g.canvas == canvas_->size() && g.dpr == dpr &&
        g.features == rows)
        return;
    g = Geometry{};
    g.frames = n;
    g.image = image;
    g.canvas = canvas_->size();
    g.dpr = dpr;
    g.features = rows;
    ++layout_count_;
    if (mode_ == Mode::Images)
        layoutImages(g);
    else if (mode_ == Mode::Features)
        layoutFeatures(g);
}

void InterpolationStrip::chooseCaptions(Geometry& g) const {
    // "t = 0.25" under every frame if that fits, else "0.25"; else "0.25" under every k-th
    // frame and the last, k as small as fits, so that a 64-frame strip still reads.
    const QFontMetrics fm(caption_font(font()));
    const int n = g.frames;
    int narrowest = std::numeric_limits<int>::max();
    for (const QRect& c : g.captions)
        narrowest = std::min(narrowest, c.width());
    auto texts = [&](bool long_form) {
        QStringList out;
        int widest = 0;
        for (int i = 0; i < n; ++i) {
            const double t = n > 1 ? static_cast<double>(i) / (n - 1) : 0.0;
            out << (long_form ? tr("t = %1").arg(short_number_text(t)) : short_number_text(t));
            widest = std::max(widest, fm.horizontalAdvance(out.back()));
        }
        return std::pair{out, widest};
    };
    const auto [long_texts, long_widest] = texts(true);
    if (long_widest <= narrowest + kGap) {
        g.caption_texts = long_texts;
        return;
    }
    const auto [short_texts, short_widest] = texts(false);
    const int room = short_widest + fm.horizontalAdvance(QLatin1Char(' '));
    int stride = 1;
    while (stride < n && stride * (narrowest + kGap) < room)
        ++stride;
    for (int i = 0; i < n; ++i) {
        // The last frame is always labelled; a labelled frame too close before it is not.
        const bool shown =
            i == n - 1 || (i % stride == 0 && (n - 1 - i) * (narrowest + kGap) >= room);
        g.caption_texts << (shown ? short_texts[i] : QString());
    }
}

void InterpolationStrip::layoutImages(Geometry& g) const {
    const int n = g.frames;
    const int caption_h = QFontMetrics(caption_font(font())).height();
    const int width = g.canvas.width() - 2 * kMargin - (n - 1) * kGap;
    const int cell_w = std::max(1, width / n);
    const int cell_h = std::max(1, g.canvas.height() - 2 * kMargin - caption_h - kCaptionGap);
    // All frames share one size (the first frame's), so they line up whatever the images are.
    const QRect first = crisp_image_rect(g.image, QRect(0, 0, cell_w, cell_h), g.dpr);
    const int top =
        std::max(kMargin, (g.canvas.height() - first.height() - kCaptionGap - caption_h) / 2);
    // Spread the spare width evenly so the strip is centred.
    const int used = n * cell_w + (n - 1) * kGap;
    const int left = std::max(kMargin, (g.canvas.width() - used) / 2);
    for (int i = 0; i < n; ++i) {
        const int x = left + i * (cell_w + kGap);
        g.cells.emplace_back(x + (cell_w - first.width()) / 2, top, first.width(), first.height());
        g.captions.emplace_back(x, top + first.height() + kCaptionGap, cell_w, caption_h);
    }
    chooseCaptions(g);
}

void InterpolationStrip::layoutFeatures(Geometry& g) const {
    const int n = g.frames;
    const int rows = std::max(1, g.features);
    const QFontMetrics fm(caption_font(font()));
    const int caption_h = fm.height();
    int label_w = 0;
    for (const FeatureValue& f : features_.front())
        label_w = std::max(label_w, fm.horizontalAdvance(f.name));
    label_w = std::min(label_w + 8, g.canvas.width() / 3);
    g.row_height = std::clamp((g.canvas.height() - 2 * kMargin - caption_h - kCaptionGap) / rows, 4,
                              kMaxRowHeight);
    const int table_h = g.row_height * rows;
    g.top = std::max(kMargin, (g.canvas.height() - table_h - kCaptionGap - caption_h) / 2);
    g.labels = QRect(kMargin, g.top, label_w, table_h);
    const int left = kMargin + label_w;
    const int width = g.canvas.width() - left - kMargin;
    for (int i = 0; i < n; ++i) {
        // Integer edges from the running share: columns differ by at most one pixel.
        const int x0 = left + width * i / n;
        const int x1 = left + width * (i + 1) / n;
        g.cells.emplace_back(x0, g.top, std::max(1, x1 - x0), table_h);
        g.captions.emplace_back(x0, g.top + table_h + kCaptionGap, std::max(1, x1 - x0), caption_h);
    }
    chooseCaptions(g);
}

void InterpolationStrip::paintCanvas(QPainter& p) const {
    p.fillRect(canvas_->rect(), palette().base());
    if (mode_ == Mode::Empty) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(canvas_->rect().adjusted(8, 0, -8, 0), Qt::AlignCenter | Qt::TextWordWrap,
                   tr("Drag on the latent plane from A to B to decode the frames between them"));
        return;
    }
    ensureGeometry();
    if (mode_ == Mode::Images)
        paintImages(p);
    else
        paintFeatures(p);
    p.setFont(caption_font(font()));
    p.setPen(palette().text().color());
    const Geometry& g = geometry_;
    // Unclipped: a caption under every k-th frame of a long strip is wider than its frame,
    // and chooseCaptions() left the neighbours' room empty.
    for (int i = 0; i < g.frames; ++i)
        p.drawText(g.captions[static_cast<std::size_t>(i)],
                   Qt::AlignHCenter | Qt::AlignTop | Qt::TextDontClip, g.caption_texts[i]);
}

void InterpolationStrip::paintImages(QPainter& p) const {
    const Geometry& g = geometry_;
    // Scaled up by whole pixels, never smoothed; the rects are already crisp.
    p.setRenderHint(QPainter::SmoothPixmapTransform, g.cells.front().width() < g.image.width());
    p.setPen(palette().mid().color());
    p.setBrush(Qt::NoBrush);
    for (std::size_t i = 0; i < images_.size(); ++i) {
        const QRect& r = g.cells[i];
        p.drawImage(r, images_[i]);
        p.drawRect(r.adjusted(-1, -1, 0, 0));
    }
}

void InterpolationStrip::paintFeatures(QPainter& p) const {
    const Geometry& g = geometry_;
    const auto& names = features_.front();
    const QFontMetrics fm(caption_font(font()));
    p.setFont(caption_font(font()));
    for (std::size_t r = 0; r < names.size(); ++r) {
        const int y = g.top + static_cast<int>(r) * g.row_height;
        const QRect label(g.labels.x(), y, g.labels.width() - 6, g.row_height);
        p.setPen(palette().text().color());
        if (g.row_height >= fm.height() - 2)
            p.drawText(label, Qt::AlignRight | Qt::AlignVCenter,
                       fm.elidedText(names[r].name, Qt::ElideRight, label.width()));
        QStringList categories; // this row's, in order of first appearance
        for (std::size_t i = 0; i < features_.size(); ++i) {
            if (r >= features_[i].size())
                continue;
            const FeatureValue& f = features_[i][r];
            const QRect& column = g.cells[i];
            const QRect cell(column.x(), y, column.width(), g.row_height);
            QColor fill;
            QString text;
            if (f.categorical()) {
                qsizetype k = categories.indexOf(f.category);
                if (k < 0) {
                    k = categories.size();
                    categories << f.category;
                }
                fill = category_color(static_cast<int>(k));
                // Unsure categories fade towards the background.
                fill.setAlphaF(static_cast<float>(0.35 + 0.65 * std::clamp(f.score, 0.0, 1.0)));
                text = f.category;
            } else {
                fill = viridis_color(range_position(f));
                text = feature_number_text(f.value);
            }
            p.fillRect(cell.adjusted(0, 0, -1, -1), fill);
            if (f.out_of_range) {
                p.setPen(QPen(out_of_range_color(), 2));
                p.drawRect(cell.adjusted(1, 1, -2, -2));
            }
            if (g.row_height >= fm.height() - 2 && fm.horizontalAdvance(text) + 4 <= cell.width()) {
                p.setPen(f.categorical() ? QColor(20, 20, 20) : text_color_on(fill));
                p.drawText(cell, Qt::AlignCenter, text);
            }
        }
    }
}

QString InterpolationStrip::frameCaption(int i) const {
    if (i < 0 || i >= shownFrames())
        return {};
    ensureGeometry();
    return geometry_.caption_texts.value(i);
}

QRect InterpolationStrip::frameRect(int i) const {
    if (i < 0 || i >= shownFrames())
        return {};
    ensureGeometry();
    return geometry_.cells[static_cast<std::size_t>(i)];
}

int InterpolationStrip::frameAt(const QPoint& pos) const {
    if (mode_ == Mode::Empty)
        return -1;
    ensureGeometry();
    for (int i = 0; i < geometry_.frames; ++i) {
        const QRect& column = geometry_.cells[static_cast<std::size_t>(i)];
        if (pos.x() >= column.left() && pos.x() <= column.right())
            return i;
    }
    return -1;
}

QString InterpolationStrip::toolTipAt(const QPoint& pos) const {
    if (mode_ == Mode::Empty)
        return {};
    ensureGeometry();
    const Geometry& g = geometry_;
    for (int i = 0; i < g.frames; ++i) {
        const QRect& column = g.cells[static_cast<std::size_t>(i)];
        if (pos.x() < column.left() || pos.x() > column.right())
            continue;
        const double t = g.frames > 1 ? static_cast<double>(i) / (g.frames - 1) : 0.0;
        QString head =
            tr("frame %1 of %2, t = %3").arg(i + 1).arg(g.frames).arg(short_number_text(t));
        if (mode_ == Mode::Images || g.row_height <= 0)
            return head;
        const int r = (pos.y() - g.top) / g.row_height;
        const auto& row = features_[static_cast<std::size_t>(i)];
        if (pos.y() < g.top || r < 0 || r >= static_cast<int>(row.size()))
            return head;
        const FeatureValue& f = row[static_cast<std::size_t>(r)];
        QString text = QStringLiteral("%1\n%2 = %3").arg(head, f.name, feature_value_text(f));
        if (f.out_of_range)
            text += QLatin1Char('\n') + out_of_range_text(f);
        return text;
    }
    return {};
}

QImage InterpolationStrip::render() const {
    return grab_laid_out(*this, *canvas_);
}

bool InterpolationStrip::exportImage(const QString& path, QString* error) const {
    return save_png(render(), path, error);
}

QSize InterpolationStrip::sizeHint() const {
    return {800, 110};
}

QSize InterpolationStrip::minimumSizeHint() const {
    return {240, 60};
}

} // namespace vae::ui
