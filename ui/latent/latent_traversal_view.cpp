#include "ui/latent/latent_traversal_view.h"

#include "ui/widgets/view_text.h"

#include "ui/widgets/crisp_image.h"
#include "ui/widgets/delegating_canvas.h"
#include "ui/widgets/feature_colors.h"
#include "ui/widgets/grab_laid_out.h"
#include "ui/widgets/save_png.h"

#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QHelpEvent>
#include <QLabel>
#include <QPaintEvent>
#include <QPainter>
#include <QScrollArea>
#include <QScrollBar>
#include <QSpinBox>
#include <QStyle>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace vae::ui {
namespace {

constexpr int kMargin = 6;
constexpr int kImageGap = 4;
constexpr int kFeatureGap = 1;
constexpr int kRowGap = 6;
constexpr int kMinCellPx = 12;
constexpr int kMinFeatureCellPx = 24;
constexpr int kMaxFeatureCellPx = 90;
constexpr int kMinFeatureRowPx = 3;
constexpr double kMinRange = 0.5;
constexpr double kMaxRange = 10.0;

} // namespace

/// The column values, above the scroll area so that they stay in view.
class LatentTraversalView::Header : public QWidget {
public:
    explicit Header(LatentTraversalView* view) : QWidget(view), view_(view) {
        setFixedHeight(QFontMetrics(caption_font(font())).height() + 4);
    }

protected:
    void paintEvent(QPaintEvent*) override {
        QPainter p(this);
        view_->paintHeader(p);
    }

private:
    LatentTraversalView* view_;
};

LatentTraversalView::LatentTraversalView(QWidget* parent) : QWidget(parent) {
    steps_box_ = new QSpinBox(this);
    steps_box_->setObjectName(QStringLiteral("traversalSteps"));
    steps_box_->setRange(kMinSteps, kMaxSteps);
    steps_box_->setValue(kDefaultSteps);
    steps_box_->setKeyboardTracking(false); // typing "15" must not ask for 1 step first
    steps_box_->setToolTip(tr("Values each dimension is set to, both ends included"));
    range_box_ = new QDoubleSpinBox(this);
    range_box_->setObjectName(QStringLiteral("traversalRange"));
    range_box_->setRange(kMinRange, kMaxRange);
    range_box_->setSingleStep(0.5);
    range_box_->setDecimals(1);
    range_box_->setPrefix(QStringLiteral("± "));
    range_box_->setValue(kDefaultRange);
    range_box_->setKeyboardTracking(false);
    range_box_->setToolTip(tr("Each dimension runs from −range to +range latent units (the "
                              "prior's standard deviation is 1)"));
    auto* steps_label = new QLabel(tr("Steps"), this);
    steps_label->setBuddy(steps_box_);
    auto* range_label = new QLabel(tr("Range"), this);
    range_label->setBuddy(range_box_);
    connect(steps_box_, &QSpinBox::valueChanged, this, &LatentTraversalView::requestChanged);
    connect(range_box_, &QDoubleSpinBox::valueChanged, this, &LatentTraversalView::requestChanged);

    header_ = new Header(this);
    // Paints the rows; the view keeps the data and the geometry.
    canvas_ = new DelegatingCanvas(
        this, [this](QPainter& p, const QRect& dirty) { paintCanvas(p, dirty); },
        [this](QPoint pos) { return toolTipAt(pos); });
    canvas_->setAttribute(Qt::WA_OpaquePaintEvent);
    canvas_->setObjectName(QStringLiteral("traversalCells"));
    scroll_ = new QScrollArea(this);
    // No frame: the header's x coordinates are then the canvas's.
    scroll_->setFrameShape(QFrame::NoFrame);
    scroll_->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    scroll_->setWidget(canvas_);
    scroll_->setBackgroundRole(QPalette::Base);
    connect(scroll_->horizontalScrollBar(), &QScrollBar::valueChanged, header_,
            qOverload<>(&QWidget::update));

    auto* controls = new QHBoxLayout;
    controls->setContentsMargins(kMargin, kMargin, kMargin, 0);
    controls->addWidget(steps_label);
    controls->addWidget(steps_box_);
    controls->addSpacing(12);
    controls->addWidget(range_label);
    controls->addWidget(range_box_);
    controls->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(controls);
    layout->addWidget(header_);
    layout->addWidget(scroll_, 1);
    relayout();
}

LatentTraversalView::~LatentTraversalView() = default;

void LatentTraversalView::setImages(const std::vector<QImage>& images, const QStringList& rowLabels,
                                    const std::vector<double>& columnValues) {
    const auto cells = static_cast<std::size_t>(rowLabels.size()) * columnValues.size();
    if (cells == 0 || images.size() != cells || images.front().isNull()) {
        clear();
        return;
    }
    images_ = images; // implicitly shared: no pixels are copied
    features_.clear();
    row_labels_ = rowLabels;
    values_ = columnValues;
    mode_ = Mode::Images;
    relayout();
}

void LatentTraversalView::setFeatureRows(const std::vector<std::vector<FeatureValue>>& cells,
                                         const QStringList& rowLabels,
                                         const std::vector<double>& columnValues) {
    const auto count = static_cast<std::size_t>(rowLabels.size()) * columnValues.size();
    if (count == 0 || cells.size() != count || cells.front().empty()) {
        clear();
        return;
    }
    features_ = cells;
    images_.clear();
    row_labels_ = rowLabels;
    values_ = columnValues;
    mode_ = Mode::Features;
    relayout();
}

void LatentTraversalView::setRowNotes(const QStringList& notes) {
    row_notes_ = notes;
    relayout();
}

void LatentTraversalView::clear() {
    images_.clear();
    features_.clear();
    row_labels_.clear();
    row_notes_.clear();
    values_.clear();
    mode_ = Mode::Empty;
    relayout();
}

int LatentTraversalView::steps() const {
    return steps_box_->value();
}

void LatentTraversalView::setSteps(int steps) {
    steps_box_->setValue(std::clamp(steps, kMinSteps, kMaxSteps));
}

double LatentTraversalView::range() const {
    return range_box_->value();
}

void LatentTraversalView::setRange(double range) {
    range_box_->setValue(std::clamp(range, kMinRange, kMaxRange));
}

int LatentTraversalView::rowCount() const {
    return mode_ == Mode::Empty ? 0 : static_cast<int>(row_labels_.size());
}

int LatentTraversalView::columnCount() const {
    return mode_ == Mode::Empty ? 0 : static_cast<int>(values_.size());
}

QString LatentTraversalView::rowLabel(int row) const {
    return row < rowCount() ? row_labels_.value(row) : QString();
}

QString LatentTraversalView::columnCaption(int column) const {
    return column < columnCount() ? geometry_.captions.value(column) : QString();
}

QRect LatentTraversalView::cellRect(int row, int column) const {
    if (row < 0 || column < 0 || row >= rowCount() || column >= columnCount())
        return {};
    return cellBox(row, column).translated(0, header_->height());
}

QRect LatentTraversalView::cellBox(int row, int column) const {
    const Geometry& g = geometry_;
    return {g.cells_left + column * (g.cell.width() + g.gap), kMargin + row * g.row_pitch,
            g.cell.width(), g.cell.height()};
}

int LatentTraversalView::availableWidth() const {
    // The scroll area spans the view; its width may lag behind while the view is hidden (a
    // hidden widget's layout runs only when shown), the view's own does not. The vertical
    // scroll bar's room is always kept, so that the cells do not change size when a few more
    // rows make it appear.
    return std::max(1, width() - style()->pixelMetric(QStyle::PM_ScrollBarExtent));
}

void LatentTraversalView::resizeEvent(QResizeEvent* e) {
    QWidget::resizeEvent(e);
    relayout();
}

void LatentTraversalView::relayout() {
    Geometry g;
    const int width = availableWidth();
    if (mode_ == Mode::Empty) {
        geometry_ = g;
        canvas_->setFixedSize(width, std::max(1, scroll_->height()));
        canvas_->update();
        header_->update();
        return;
    }
    const QFontMetrics fm(font());
    const QFontMetrics small(caption_font(font()));
    int label_w = 0;
    for (const QString& s : row_labels_)
        label_w = std::max(label_w, fm.horizontalAdvance(s));
    for (const QString& s : row_notes_)
        label_w = std::max(label_w, small.horizontalAdvance(s));
    label_w = std::max(label_w, small.horizontalAdvance(valueHeading()));
    g.label_w = std::min(label_w + 10, width / 4);
    const int label_h = fm.height() + (row_notes_.isEmpty() ? 0 : small.height());
    const int cols = static_cast<int>(values_.size());

    if (mode_ == Mode::Images) {
        g.gap = kImageGap;
        const QSize image = images_.front().size();
        const int room = width - kMargin * 2 - g.label_w - (cols - 1) * g.gap;
        // Whole device pixels per image pixel, as many as fit (up to kMaxCellPx), so every
        // pixel is a square of one size; only images larger than the room are scaled down.
        const qreal dpr = canvas_->devicePixelRatioF();
        const int box = std::min(std::max(kMinCellPx, room / cols),
                                 std::max(kMaxCellPx, std::max(image.width(), image.height())));
        const int factor =
            static_cast<int>(std::floor(box * dpr / std::max(image.width(), image.height())));
        if (factor >= 1)
            g.cell = QSize(static_cast<int>(image.width() * factor / dpr),
                           static_cast<int>(image.height() * factor / dpr));
        else
            g.cell = crisp_image_rect(image, QRect(0, 0, box, box), dpr).size();
        g.row_pitch = std::max(g.cell.height(), label_h) + kRowGap;
    } else {
        g.gap = kFeatureGap;
        const auto& names = features_.front();
        const int features = static_cast<int>(names.size());
        // Names (and values) are written in while a feature row has room for a line of the
        // small font; a table with very many features gets thin rows and tooltips instead.
        g.sub_h = features <= 16 ? small.height() + 2 : std::max(kMinFeatureRowPx, 240 / features);
        if (g.sub_h >= small.height()) {
            for (const FeatureValue& f : names)
                g.names_w = std::max(g.names_w, small.horizontalAdvance(f.name));
            g.names_w = std::min(g.names_w + 8, width / 4);
        }
        const int room = width - kMargin * 2 - g.label_w - g.names_w - (cols - 1) * g.gap;
        g.cell = QSize(std::clamp(room / cols, kMinFeatureCellPx, kMaxFeatureCellPx),
                       g.sub_h * features);
        g.row_pitch = std::max(g.cell.height(), label_h) + kRowGap + 2;
    }
    g.cells_left = kMargin + g.label_w + g.names_w;
    const int rows = static_cast<int>(row_labels_.size());
    g.canvas = QSize(g.cells_left + cols * g.cell.width() + (cols - 1) * g.gap + kMargin,
                     kMargin * 2 + rows * g.row_pitch - kRowGap);
    geometry_ = g;
    chooseCaptions();
    canvas_->setFixedSize(g.canvas);
    canvas_->update();
    header_->update();
}

QString LatentTraversalView::valueHeading() const {
    return tr("value");
}

void LatentTraversalView::chooseCaptions() {
    // Every value if they fit; else every k-th one and the last, k as small as fits.
    Geometry& g = geometry_;
    const QFontMetrics fm(caption_font(font()));
    const int n = static_cast<int>(values_.size());
    QStringList texts;
    int widest = 0;
    for (const double v : values_) {
        texts << short_number_text(v);
        widest = std::max(widest, fm.horizontalAdvance(texts.back()));
    }
    const int pitch = g.cell.width() + g.gap;
    const int room = widest + fm.horizontalAdvance(QLatin1Char(' '));
    int stride = 1;
    while (stride < n && stride * pitch < room)
        ++stride;
    for (int i = 0; i < n; ++i) {
        const bool shown = i == n - 1 || (i % stride == 0 && (n - 1 - i) * pitch >= room);
        g.captions << (shown ? texts[i] : QString());
    }
}

void LatentTraversalView::paintHeader(QPainter& p) const {
    p.fillRect(header_->rect(), palette().window());
    if (mode_ == Mode::Empty)
        return;
    p.setFont(caption_font(font()));
    p.setPen(palette().text().color());
    const int dx = -scroll_->horizontalScrollBar()->value();
    const QRect label(kMargin + dx, 0, geometry_.label_w + geometry_.names_w - 6,
                      header_->height());
    p.setPen(palette().color(QPalette::PlaceholderText));
    p.drawText(label, Qt::AlignLeft | Qt::AlignVCenter, valueHeading());
    p.setPen(palette().text().color());
    for (int c = 0; c < columnCount(); ++c) {
        const QRect cell = cellBox(0, c);
        p.drawText(QRect(cell.x() + dx, 0, cell.width(), header_->height()),
                   Qt::AlignHCenter | Qt::AlignVCenter | Qt::TextDontClip,
                   geometry_.captions.value(c));
    }
}

void LatentTraversalView::paintCanvas(QPainter& p, const QRect& dirty) const {
    p.fillRect(dirty, palette().base());
    if (mode_ == Mode::Empty) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(canvas_->rect().adjusted(8, 0, -8, 0), Qt::AlignCenter | Qt::TextWordWrap,
                   tr("Each row will vary one latent dimension, the others held at the "
                      "reference"));
        return;
    }
    const Geometry& g = geometry_;
    // Only the rows in view: a 64 x 25 table is 1600 cells.
    const int first = std::max(0, (dirty.top() - kMargin) / g.row_pitch);
    const int last = std::min(rowCount() - 1, (dirty.bottom() - kMargin) / g.row_pitch);
    p.setRenderHint(QPainter::SmoothPixmapTransform,
                    mode_ == Mode::Images && g.cell.width() < images_.front().width());
    for (int r = first; r <= last; ++r) {
        const QRect band(0, kMargin + r * g.row_pitch, g.canvas.width(), g.cell.height());
        if (r > 0 && mode_ == Mode::Features) { // blocks of thin rows need a visible seam
            p.setPen(palette().mid().color());
            const int y = band.top() - (kRowGap + 2) / 2 - 1;
            p.drawLine(kMargin, y, g.canvas.width() - kMargin, y);
        }
        paintRowLabel(p, r, band);
        if (mode_ == Mode::Features) {
            paintFeatureCells(p, r);
            continue;
        }
        p.setPen(palette().mid().color());
        p.setBrush(Qt::NoBrush);
        const auto cols = static_cast<std::size_t>(columnCount());
        for (std::size_t c = 0; c < cols; ++c) {
            const QRect cell = cellBox(r, static_cast<int>(c));
            p.drawImage(cell, images_[static_cast<std::size_t>(r) * cols + c]);
            p.drawRect(cell.adjusted(-1, -1, 0, 0));
        }
    }
}

void LatentTraversalView::paintRowLabel(QPainter& p, int row, const QRect& band) const {
    const Geometry& g = geometry_;
    const QFontMetrics fm(font());
    const QFontMetrics small(caption_font(font()));
    const QString note = row_notes_.value(row);
    const int h = fm.height() + (note.isEmpty() ? 0 : small.height());
    const int top = band.top() + (band.height() - h) / 2;
    const QRect label(kMargin, top, g.label_w - 6, fm.height());
    p.setFont(font());
    p.setPen(palette().text().color());
    p.drawText(label, Qt::AlignLeft | Qt::AlignVCenter,
               fm.elidedText(row_labels_.value(row), Qt::ElideRight, label.width()));
    if (!note.isEmpty()) {
        p.setFont(caption_font(font()));
        p.setPen(palette().color(QPalette::PlaceholderText));
        const QRect under(label.x(), label.bottom() + 1, label.width(), small.height());
        p.drawText(under, Qt::AlignLeft | Qt::AlignVCenter,
                   small.elidedText(note, Qt::ElideRight, under.width()));
    }
}

void LatentTraversalView::paintFeatureCells(QPainter& p, int row) const {
    const Geometry& g = geometry_;
    const QFontMetrics small(caption_font(font()));
    p.setFont(caption_font(font()));
    const auto cols = static_cast<std::size_t>(columnCount());
    const auto& names = features_.front();
    const int top = kMargin + row * g.row_pitch;
    const bool text_fits = g.sub_h >= small.height();
    for (std::size_t f = 0; f < names.size(); ++f) {
        const int y = top + static_cast<int>(f) * g.sub_h;
        if (g.names_w > 0) {
            p.setPen(palette().text().color());
            const QRect name(g.cells_left - g.names_w, y, g.names_w - 6, g.sub_h);
            p.drawText(name, Qt::AlignRight | Qt::AlignVCenter,
                       small.elidedText(names[f].name, Qt::ElideRight, name.width()));
        }
        QStringList categories; // this feature's, in order of first appearance in the row
        for (std::size_t c = 0; c < cols; ++c) {
            const auto& cell_values = features_[static_cast<std::size_t>(row) * cols + c];
            if (f >= cell_values.size())
                continue;
            const FeatureValue& v = cell_values[f];
            const QRect column = cellBox(row, static_cast<int>(c));
            const QRect cell(column.x(), y, column.width(), g.sub_h);
            QColor fill;
            QString text;
            if (v.categorical()) {
                qsizetype k = categories.indexOf(v.category);
                if (k < 0) {
                    k = categories.size();
                    categories << v.category;
                }
                fill = category_color(static_cast<int>(k));
                // Unsure categories fade towards the background.
                fill.setAlphaF(static_cast<float>(0.35 + 0.65 * std::clamp(v.score, 0.0, 1.0)));
                text = v.category;
            } else {
                fill = viridis_color(range_position(v));
                text = feature_number_text(v.value);
            }
            p.fillRect(cell.adjusted(0, 0, 0, -1), fill);
            if (v.out_of_range) {
                p.setPen(QPen(out_of_range_color(), 2));
                p.drawRect(cell.adjusted(1, 1, -1, -2));
            }
            if (text_fits && small.horizontalAdvance(text) + 4 <= cell.width()) {
                p.setPen(v.categorical() ? QColor(20, 20, 20) : text_color_on(fill));
                p.drawText(cell, Qt::AlignCenter, text);
            }
        }
    }
}

QString LatentTraversalView::toolTipAt(const QPoint& pos) const {
    for (int r = 0; r < rowCount(); ++r)
        for (int c = 0; c < columnCount(); ++c) {
            const QRect cell = cellBox(r, c);
            if (!cell.contains(pos))
                continue;
            QString text = QStringLiteral("%1 = %2").arg(
                row_labels_.value(r), short_number_text(values_[static_cast<std::size_t>(c)]));
            if (mode_ != Mode::Features || geometry_.sub_h <= 0)
                return text;
            const auto& cell_values = features_[static_cast<std::size_t>(r * columnCount() + c)];
            const auto f = static_cast<std::size_t>((pos.y() - cell.top()) / geometry_.sub_h);
            if (f < cell_values.size()) {
                const FeatureValue& v = cell_values[f];
                text += QStringLiteral("\n%1 = %2").arg(v.name, feature_value_text(v));
                if (v.out_of_range)
                    text += QLatin1Char('\n') + out_of_range_text(v);
            }
            return text;
        }
    return {};
}

QImage LatentTraversalView::render() const {
    const QImage head = grab_laid_out(*this, *header_);
    const QImage body = grab_laid_out(*this, *canvas_);
    QImage out(std::max(head.width(), body.width()), head.height() + body.height(), body.format());
    out.setDevicePixelRatio(body.devicePixelRatio());
    out.fill(palette().base().color());
    QPainter p(&out);
    p.drawImage(QPoint(0, 0), head);
    p.drawImage(QPoint(0, header_->height()), body);
    return out;
}

bool LatentTraversalView::exportImage(const QString& path, QString* error) const {
    return save_png(render(), path, error);
}

QSize LatentTraversalView::sizeHint() const {
    return {640, 420};
}

QSize LatentTraversalView::minimumSizeHint() const {
    return {280, 160};
}

} // namespace vae::ui
