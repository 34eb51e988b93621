#include "ui/latent/decoded_sample_view.h"

#include "ui/widgets/crisp_image.h"
#include "ui/widgets/grab_laid_out.h"
#include "ui/widgets/save_png.h"

#include <QEvent>
#include <QHelpEvent>
#include <QLabel>
#include <QPaintEvent>
#include <QPainter>
#include <QScrollArea>
#include <QStackedWidget>
#include <QToolTip>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace vae::ui {
namespace {

// The app's palette (training_curves_view.cpp): the decoded row in the train blue, the real
// row it is compared with in a neutral grey, out-of-range values in a red that neither is.
const QColor kLeftColor(31, 119, 180);
const QColor kRightColor(150, 150, 150);
const QColor kWarningColor(214, 39, 40);
const QColor kRangeBandColor(44, 150, 44, 28);

// Bars and labels keep to this much of the axis beyond the training range, so that one wild
// value does not squash every other bar to a sliver.
constexpr double kMaxBeyond = 1.0;
// Height of one feature's group of bars, in pixels, so that many columns scroll instead of
// shrinking into illegible slivers.
constexpr int kFeatureRowHeight = 30;

QFont sized(QFont f, double points, bool bold = false) {
    f.setPointSizeF(points);
    f.setBold(bold);
    return f;
}

} // namespace

/// The two image panels: painted in one go so that scaling stays exact and cheap.
class DecodedSampleView::ImagePanels : public QWidget {
public:
    explicit ImagePanels(QWidget* parent) : QWidget(parent) {
        setAutoFillBackground(false);
        setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    }

    void setPanels(const QImage& left, const QString& left_caption, const QImage& right,
                   const QString& right_caption) {
        const int before = count();
        const std::array<QImage, 2> old_images = images_;
        const std::array<QString, 2> old_captions = captions_;
        images_ = {left, right};
        captions_ = {left_caption, right_caption};
        QStringList tip;
        for (int i = 0; i < count(); ++i)
            tip << captions_[static_cast<std::size_t>(i)];
        setToolTip(tip.join(QStringLiteral("\n")));
        // A click replaces the decoded image and keeps the real sample beside it: repaint only
        // the panels that changed (each caption's fitting costs text layouts).
        const qreal dpr = devicePixelRatioF();
        bool same_layout = before == count();
        for (std::size_t i = 0; i < 2 && same_layout; ++i)
            same_layout = old_images[i].size() == images_[i].size();
        if (!same_layout) {
            update();
            return;
        }
        for (int i = 0; i < count(); ++i) {
            const auto k = static_cast<std::size_t>(i);
            if (old_images[k].cacheKey() != images_[k].cacheKey() ||
                old_captions[k] != captions_[k]) {
                const auto [image_rect, caption_rect] = geometry(i, dpr);
                update(image_rect.adjusted(-2, -2, 2, 2).united(caption_rect));
            }
        }
    }

    [[nodiscard]] int count() const {
        return images_[0].isNull() ? 0 : (images_[1].isNull() ? 1 : 2);
    }
    [[nodiscard]] QString caption(int i) const {
        return i >= 0 && i < count() ? captions_[static_cast<std::size_t>(i)] : QString();
    }

    /// Image and caption rects of panel `i`: the images share one row and the captions one
    /// line under the taller image, the whole group centred.
    [[nodiscard]] std::pair<QRect, QRect> geometry(int i, qreal dpr) const {
        const int n = count();
        if (i < 0 || i >= n)
            return {};
        const int caption_h = captionHeight();
        const int panel_w = (width() - 2 * kMargin - (n - 1) * kGap) / n;
        const int box_h = height() - 2 * kMargin - caption_h - kCaptionGap;
        int tallest = 0;
        std::array<QRect, 2> rects;
        for (int k = 0; k < n; ++k) {
            const QRect box(kMargin + k * (panel_w + kGap), 0, panel_w, box_h);
            rects[static_cast<std::size_t>(k)] =
                crisp_image_rect(images_[static_cast<std::size_t>(k)].size(), box, dpr);
            tallest = std::max(tallest, rects[static_cast<std::size_t>(k)].height());
        }
        const int top = std::max(kMargin, (height() - tallest - kCaptionGap - caption_h) / 2);
        QRect image = rects[static_cast<std::size_t>(i)];
        image.moveTop(top + (tallest - image.height()) / 2);
        const QRect caption(kMargin + i * (panel_w + kGap), top + tallest + kCaptionGap, panel_w,
                            caption_h);
        return {image, caption};
    }

protected:
    void paintEvent(QPaintEvent* e) override {
        QPainter p(this);
        p.fillRect(e->rect(), palette().base());
        const qreal dpr = devicePixelRatioF();
        for (int i = 0; i < count(); ++i) {
            const auto [image_rect, caption_rect] = geometry(i, dpr);
            const QImage& image = images_[static_cast<std::size_t>(i)];
            if (image_rect.isEmpty() ||
                !e->rect().intersects(image_rect.adjusted(-2, -2, 2, 2).united(caption_rect)))
                continue;
            // The box is exactly the crisp rect, so draw_crisp_image draws exactly there.
            draw_crisp_image(p, image, image_rect);
            p.setPen(palette().mid().color());
            p.setBrush(Qt::NoBrush);
            p.drawRect(image_rect.adjusted(-1, -1, 0, 0));
            p.setPen(palette().text().color());
            p.drawText(caption_rect, Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap,
                       fittedCaption(captions_[static_cast<std::size_t>(i)], caption_rect));
        }
    }

private:
    // Two lines: "nearest training sample · row 4711 · Sneaker" ends in what matters most, so
    // it wraps rather than losing its end to an ellipsis in a narrow panel.
    [[nodiscard]] int captionHeight() const { return 2 * fontMetrics().lineSpacing() + 2; }

    /// `text` as is when it wraps into `rect`, else shortened in the middle until it does.
    [[nodiscard]] QString fittedCaption(const QString& text, const QRect& rect) const {
        const QFontMetrics fm = fontMetrics();
        const auto fits = [&](const QString& t) {
            return fm.boundingRect(QRect(0, 0, rect.width(), 10000),
                                   Qt::AlignHCenter | Qt::TextWordWrap, t)
                       .height() <= rect.height();
        };
        if (fits(text))
            return text;
        for (int w = 2 * rect.width(); w > 0; w -= std::max(4, w / 20)) {
            QString shorter = fm.elidedText(text, Qt::ElideMiddle, w);
            if (fits(shorter))
                return shorter;
        }
        return fm.elidedText(text, Qt::ElideMiddle, rect.width());
    }

    static constexpr int kMargin = 10;
    static constexpr int kGap = 18;
    static constexpr int kCaptionGap = 6;
    std::array<QImage, 2> images_;
    std::array<QString, 2> captions_;
};

DecodedSampleView::DecodedSampleView(QWidget* parent) : QWidget(parent) {
    placeholder_ = new QLabel(tr("Click the latent plane to decode a point"), this);
    placeholder_->setObjectName(QStringLiteral("decodedPlaceholder"));
    placeholder_->setAlignment(Qt::AlignCenter);
    placeholder_->setWordWrap(true);
    placeholder_->setForegroundRole(QPalette::PlaceholderText);
    // The same background as the images and bars, so the view does not flash grey when cleared.
    placeholder_->setBackgroundRole(QPalette::Base);
    placeholder_->setAutoFillBackground(true);

    panels_ = new ImagePanels(this);
    panels_->setObjectName(QStringLiteral("decodedImages"));

    stack_ = new QStackedWidget(this);
    stack_->addWidget(placeholder_);
    stack_->addWidget(panels_);
    buildFeaturePage();
    stack_->addWidget(feature_scroll_);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(stack_);
    clear();
}

DecodedSampleView::~DecodedSampleView() = default;

void DecodedSampleView::buildFeaturePage() {
    plot_ = new QCustomPlot;
    plot_->setObjectName(QStringLiteral("decodedFeaturesPlot"));
    plot_->setAutoAddPlottableToLegend(false);
    plot_->legend->setVisible(false);
    const QFont base = font();
    const QFont tick_font = sized(base, 8);
    const QFont label_font = sized(base, 8.5);

    // Legend above the bars, where no bar can be under it.
    auto* legend = new QCPLegend;
    plot_->plotLayout()->insertRow(0);
    plot_->plotLayout()->addElement(0, 0, legend);
    plot_->plotLayout()->setRowStretchFactors({0.001, 1.0});
    plot_->plotLayout()->setRowSpacing(0);
    legend->setLayer(QStringLiteral("legend"));
    legend->setFont(tick_font);
    legend->setBrush(Qt::NoBrush);
    legend->setBorderPen(Qt::NoPen);
    // One entry per line: captions are long, and a row of them would widen the plot past the view.
    legend->setFillOrder(QCPLayoutGrid::foRowsFirst);
    legend->setRowSpacing(0);
    legend->setIconSize(14, 8);
    legend->setMargins(QMargins(4, 4, 4, 0));

    QCPAxisRect* rect = plot_->axisRect();
    QCPAxis* features = rect->axis(QCPAxis::atLeft);
    QCPAxis* position = rect->axis(QCPAxis::atBottom);
    for (QCPAxis* a : rect->axes()) {
        a->setTickLabelFont(tick_font);
        a->setLabelFont(label_font);
    }
    features->setRangeReversed(true); // first column at the top
    features->grid()->setVisible(false);
    features->setTickLength(0, 0);
    features->setSubTicks(false);
    auto position_ticks = QSharedPointer<QCPAxisTickerText>::create();
    position_ticks->addTick(0.0, tr("training min"));
    position_ticks->addTick(1.0, tr("training max"));
    position->setTicker(position_ticks);
    position->setSubTicks(false);
    position->setLabel(tr("position in the training range"));
    position->grid()->setPen(QPen(kRangeBandColor.darker(300), 1, Qt::DotLine));

    // Four series: each row's bars in range, and out of range in the warning colour.
    for (int side = 0; side < 2; ++side)
        for (bool out : {false, true}) {
            auto* bars = new QCPBars(features, position);
            const QColor colour = out ? kWarningColor : (side == 0 ? kLeftColor : kRightColor);
            bars->setPen(QPen(colour.darker(125)));
            bars->setBrush(colour);
            bars->setAntialiased(false);
            series_.push_back({bars, side, {}});
        }
    series_[1].bars->setName(tr("outside the training range"));
    series_[3].bars->setName(series_[1].bars->name());

    categorical_ = new QLabel;
    categorical_->setObjectName(QStringLiteral("categoricalValues"));
    categorical_->setTextFormat(Qt::RichText);
    categorical_->setContentsMargins(8, 2, 8, 2);
    warnings_ = new QLabel;
    warnings_->setObjectName(QStringLiteral("rangeWarnings"));
    warnings_->setWordWrap(true);
    warnings_->setContentsMargins(8, 2, 8, 6);
    warnings_->setStyleSheet(
        QStringLiteral("QLabel { color: %1; }").arg(kWarningColor.darker(115).name()));

    auto* page = new QWidget;
    page->setBackgroundRole(QPalette::Base);
    page->setAutoFillBackground(true);
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(plot_, 1);
    layout->addWidget(categorical_);
    layout->addWidget(warnings_);

    feature_scroll_ = new QScrollArea;
    feature_scroll_->setObjectName(QStringLiteral("decodedFeatures"));
    feature_scroll_->setFrameShape(QFrame::NoFrame);
    feature_scroll_->setWidgetResizable(true);
    feature_scroll_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    feature_scroll_->setWidget(page);

    plot_->installEventFilter(this);
}

void DecodedSampleView::showImages(const QImage& left, const QString& left_caption,
                                   const QImage& right, const QString& right_caption) {
    if (left.isNull()) {
        clear();
        return;
    }
    panels_->setPanels(left, left_caption, right, right_caption);
    mode_ = Mode::Images;
    stack_->setCurrentWidget(panels_);
}

void DecodedSampleView::showFeatures(const std::vector<FeatureValue>& left,
                                     const QString& left_caption,
                                     const std::vector<FeatureValue>& right,
                                     const QString& right_caption) {
    if (left.empty()) {
        clear();
        return;
    }
    shown_[0] = left;
    shown_[1] = right;
    shown_captions_[0] = left_caption;
    shown_captions_[1] = right_caption;
    fillBars(left, left_caption, right, right_caption);
    fillCategorical(left, right);
    mode_ = Mode::Features;
    stack_->setCurrentWidget(feature_scroll_);
}

void DecodedSampleView::fillBars(const std::vector<FeatureValue>& left, const QString& left_caption,
                                 const std::vector<FeatureValue>& right,
                                 const QString& right_caption) {
    plot_->clearItems();
    auto* legend = qobject_cast<QCPLegend*>(plot_->plotLayout()->element(0, 0));
    for (BarSeries& s : series_) {
        s.bars->data()->clear();
        s.features.clear();
        s.bars->removeFromLegend(legend);
    }
    const bool pair = !right.empty();
    const QFont label_font = sized(font(), 7.5);
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    QStringList notes;
    double lowest = 0.0;
    double highest = 1.0;
    int row = 0;
    std::array<bool, 2> any_out{};
    for (std::size_t i = 0; i < left.size(); ++i) {
        if (left[i].categorical())
            continue;
        const double key = row;
        bool flagged = false;
        for (int side = 0; side < (pair ? 2 : 1); ++side) {
            const auto& row_values = side == 0 ? left : right;
            if (i >= row_values.size() || row_values[i].categorical())
                continue;
            const FeatureValue& f = row_values[i];
            const double offset = pair ? (side == 0 ? -0.19 : 0.19) : 0.0;
            const double shown = std::clamp(range_position(f), -kMaxBeyond, 1.0 + kMaxBeyond);
            lowest = std::min(lowest, shown);
            highest = std::max(highest, shown);
            BarSeries& s = series_[static_cast<std::size_t>(2 * side + (f.out_of_range ? 1 : 0))];
            s.bars->addData(key + offset, shown);
            s.features.push_back(i);
            any_out[static_cast<std::size_t>(side)] |= f.out_of_range;
            flagged |= f.out_of_range;

            auto* label = new QCPItemText(plot_);
            label->setClipToAxisRect(true);
            label->position->setType(QCPItemPosition::ptPlotCoords);
            label->position->setCoords(shown, key + offset);
            label->setPositionAlignment((shown >= 0.0 ? Qt::AlignLeft : Qt::AlignRight) |
                                        Qt::AlignVCenter);
            label->setPadding(QMargins(3, 0, 3, 0));
            label->setFont(label_font);
            label->setText(feature_number_text(f.value));
            label->setColor(f.out_of_range ? kWarningColor.darker(115) : QColor(60, 60, 60));
            // The left row is the one being looked at; only the other one needs naming.
            if (f.out_of_range && side == 0)
                notes << tr("⚠ %1 = %2 is %3")
                             .arg(f.name, feature_number_text(f.value), out_of_range_text(f));
            else if (f.out_of_range)
                notes << tr("⚠ %1 = %2 in %3 is %4")
                             .arg(f.name, feature_number_text(f.value), right_caption,
                                  out_of_range_text(f));
        }
        ticker->addTick(key, flagged ? QStringLiteral("⚠ ") + left[i].name : left[i].name);
        ++row;
    }
    const double width = pair ? 0.36 : 0.6;
    for (BarSeries& s : series_)
        s.bars->setWidth(width);

    series_[0].bars->setName(left_caption);
    series_[0].bars->addToLegend(legend);
    if (pair) {
        series_[2].bars->setName(right_caption);
        series_[2].bars->addToLegend(legend);
    }
    if (any_out[0] || any_out[1])
        series_[any_out[0] ? 1 : 3].bars->addToLegend(legend);

    // The training range as a band behind the bars: what lies outside it shows at a glance.
    auto* band = new QCPItemRect(plot_);
    band->setLayer(QStringLiteral("grid"));
    band->topLeft->setType(QCPItemPosition::ptPlotCoords);
    band->bottomRight->setType(QCPItemPosition::ptPlotCoords);
    band->topLeft->setCoords(0.0, -0.5);
    band->bottomRight->setCoords(1.0, row - 0.5);
    band->setPen(Qt::NoPen);
    band->setBrush(kRangeBandColor);

    QCPAxis* features = plot_->axisRect()->axis(QCPAxis::atLeft);
    QCPAxis* position = plot_->axisRect()->axis(QCPAxis::atBottom);
    features->setTicker(ticker);
    features->setRange(-0.5, row - 0.5);
    // Room for the value labels beyond the longest bars on either side.
    const double span = highest - lowest;
    position->setRange(lowest - (lowest < 0.0 ? 0.3 : 0.05) * span, highest + 0.3 * span);

    plot_->setVisible(row > 0);
    plot_->setMinimumHeight(row > 0 ? 70 + kFeatureRowHeight * row : 0);
    warnings_->setText(notes.join(QLatin1Char('\n')));
    warnings_->setVisible(!notes.isEmpty());
    plot_->replot();
}

void DecodedSampleView::fillCategorical(const std::vector<FeatureValue>& left,
                                        const std::vector<FeatureValue>& right) {
    QString html = QStringLiteral("<table cellspacing=\"0\" cellpadding=\"2\">");
    bool any = false;
    for (std::size_t i = 0; i < left.size(); ++i) {
        if (!left[i].categorical())
            continue;
        any = true;
        html += QStringLiteral("<tr><td align=\"right\">%1:&nbsp;</td>"
                               "<td><b><font color=\"%2\">%3</font></b></td>")
                    .arg(left[i].name.toHtmlEscaped(), kLeftColor.darker(110).name(),
                         feature_value_text(left[i]).toHtmlEscaped());
        if (i < right.size() && right[i].categorical())
            html +=
                QStringLiteral("<td>&nbsp;&nbsp;&nbsp;</td><td><font color=\"%1\">%2</font></td>")
                    .arg(kRightColor.darker(160).name(),
                         feature_value_text(right[i]).toHtmlEscaped());
        html += QStringLiteral("</tr>");
    }
    html += QStringLiteral("</table>");
    categorical_->setText(any ? html : QString());
    categorical_->setVisible(any);
}

void DecodedSampleView::clear() {
    mode_ = Mode::Empty;
    panels_->setPanels({}, {}, {}, {});
    shown_[0].clear();
    shown_[1].clear();
    stack_->setCurrentWidget(placeholder_);
}

int DecodedSampleView::panelCount() const {
    return mode_ == Mode::Images ? panels_->count() : 0;
}

QString DecodedSampleView::caption(int i) const {
    if (mode_ == Mode::Images)
        return panels_->caption(i);
    if (mode_ == Mode::Features && (i == 0 || i == 1) &&
        !shown_[static_cast<std::size_t>(i)].empty())
        return shown_captions_[static_cast<std::size_t>(i)];
    return {};
}

QRect DecodedSampleView::imageRect(int i) const {
    if (mode_ != Mode::Images)
        return {};
    const QRect r = panels_->geometry(i, panels_->devicePixelRatioF()).first;
    return r.isEmpty() ? r : r.translated(panels_->mapTo(this, QPoint(0, 0)));
}

QString DecodedSampleView::categoricalText() const {
    QStringList lines;
    for (std::size_t i = 0; i < shown_[0].size(); ++i) {
        const FeatureValue& f = shown_[0][i];
        if (!f.categorical())
            continue;
        QString line = QStringLiteral("%1: %2").arg(f.name, feature_value_text(f));
        if (i < shown_[1].size() && shown_[1][i].categorical())
            line += QStringLiteral(" | ") + feature_value_text(shown_[1][i]);
        lines << line;
    }
    return lines.join(QLatin1Char('\n'));
}

QString DecodedSampleView::rangeWarningText() const {
    return mode_ == Mode::Features ? warnings_->text() : QString();
}

QSize DecodedSampleView::sizeHint() const {
    return {440, 280};
}

QImage DecodedSampleView::render() const {
    return grab_laid_out(*this, *this);
}

bool DecodedSampleView::exportImage(const QString& path, QString* error) const {
    return save_png(render(), path, error);
}

bool DecodedSampleView::eventFilter(QObject* watched, QEvent* event) {
    if (watched == plot_ && event->type() == QEvent::ToolTip) {
        showPlotToolTip(static_cast<QHelpEvent*>(event)->pos());
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void DecodedSampleView::showPlotToolTip(const QPoint& pos) {
    int index = -1;
    QCPAbstractPlottable* hit = plot_->plottableAt(pos, false, &index);
    for (const BarSeries& s : series_) {
        if (s.bars != hit || index < 0 || static_cast<std::size_t>(index) >= s.features.size())
            continue;
        const auto side = static_cast<std::size_t>(s.side);
        const FeatureValue& f = shown_[side][s.features[static_cast<std::size_t>(index)]];
        QString text = QStringLiteral("%1 = %2\n%3")
                           .arg(f.name, feature_number_text(f.value), shown_captions_[side]);
        text += QLatin1Char('\n') +
                (f.out_of_range ? out_of_range_text(f)
                                : tr("training range [%1, %2]")
                                      .arg(feature_number_text(f.lo), feature_number_text(f.hi)));
        QToolTip::showText(plot_->mapToGlobal(pos), text, plot_);
        return;
    }
    QToolTip::hideText();
}

} // namespace vae::ui
