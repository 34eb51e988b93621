#include "ui/latent/nearest_samples_view.h"

#include "ui/widgets/crisp_image.h"
#include "ui/widgets/delegating_canvas.h"
#include "ui/widgets/view_text.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>

namespace vae::ui {
namespace {

// Tiles: a gap between neighbours, a wider one after the query, and two caption lines.
constexpr int kGap = 6;
constexpr int kQueryGap = 18;
constexpr int kMargin = 6;

// The badge colours: a copy in the app's warning orange, "unlike" in its red, a typical
// sample in its green (training_curves_view.cpp's palette).
QString badge_style(NearestSamplesView::Verdict v) {
    switch (v) {
    case NearestSamplesView::Verdict::NearCopy:
        return QStringLiteral("background:#fde3c8; color:#8a4500;");
    case NearestSamplesView::Verdict::Unlike:
        return QStringLiteral("background:#f8d4d4; color:#8c1d1d;");
    case NearestSamplesView::Verdict::Typical:
        return QStringLiteral("background:#d8efd8; color:#1e5e1e;");
    case NearestSamplesView::Verdict::Pending:
        break;
    }
    return QStringLiteral("color:palette(mid);");
}

QString distance_text(double d) {
    return QString::number(d, 'f', d < 10.0 ? 2 : 1);
}

} // namespace

NearestSamplesView::NearestSamplesView(QWidget* parent) : QWidget(parent) {
    count_box_ = new QSpinBox(this);
    count_box_->setObjectName(QStringLiteral("nearestCount"));
    count_box_->setRange(1, kMaxCount);
    count_box_->setValue(kDefaultCount);
    count_box_->setKeyboardTracking(false);
    count_box_->setToolTip(tr("How many of the closest training samples to show"));
    auto* count_label = new QLabel(tr("Nearest"), this);
    count_label->setBuddy(count_box_);
    connect(count_box_, &QSpinBox::valueChanged, this, &NearestSamplesView::countChanged);

    verdict_label_ = new QLabel(this);
    verdict_label_->setObjectName(QStringLiteral("nearestVerdict"));
    verdict_label_->setTextFormat(Qt::PlainText);
    verdict_label_->setContentsMargins(6, 2, 6, 2);
    verdict_label_->setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Preferred);
    verdict_label_->setToolTip(
        tr("Judged against the data's own nearest-neighbour distances, measured "
           "on a subsample: below their 1st percentile a sample is as close to "
           "a training sample as near-duplicates in the data are; above their "
           "99th percentile it is farther from every training sample than "
           "almost any training sample is from its nearest neighbour."));

    canvas_ = new DelegatingCanvas(
        this, [this](QPainter& p, const QRect&) { paintCanvas(p, canvas_->rect()); },
        [this](QPoint pos) { return toolTipAt(pos); });
    canvas_->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    canvas_->setMinimumHeight(80);
    canvas_->setObjectName(QStringLiteral("nearestSamples"));

    auto* controls = new QVBoxLayout;
    controls->setContentsMargins(6, 6, 0, 6);
    controls->addWidget(count_label);
    controls->addWidget(count_box_);
    controls->addStretch(1);
    auto* right = new QVBoxLayout;
    right->setContentsMargins(0, 4, 0, 0);
    right->setSpacing(2);
    right->addWidget(verdict_label_, 0, Qt::AlignLeft);
    right->addWidget(canvas_, 1);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addLayout(controls);
    layout->addLayout(right, 1);
    clear();
}

NearestSamplesView::~NearestSamplesView() = default;

QSize NearestSamplesView::sizeHint() const {
    return {640, 150};
}

void NearestSamplesView::setQuery(const QImage& image, const QString& caption) {
    query_ = image;
    query_caption_ = caption;
    has_query_ = true;
    canvas_->update();
}

void NearestSamplesView::setNeighbours(std::vector<NearestSample> neighbours) {
    neighbours_ = std::move(neighbours);
    canvas_->update();
}

void NearestSamplesView::setVerdict(const QString& text, Verdict kind) {
    verdict_ = kind;
    verdict_label_->setText(text);
    verdict_label_->setVisible(!text.isEmpty());
    verdict_label_->setStyleSheet(
        QStringLiteral("QLabel { border-radius: 3px; %1 }").arg(badge_style(kind)));
}

void NearestSamplesView::clear() {
    query_ = QImage();
    query_caption_.clear();
    has_query_ = false;
    neighbours_.clear();
    setVerdict(QString(), Verdict::Pending);
    canvas_->update();
}

int NearestSamplesView::count() const {
    return count_box_->value();
}

void NearestSamplesView::setCount(int k) {
    count_box_->setValue(k);
}

QString NearestSamplesView::verdictText() const {
    return verdict_label_->text();
}

std::vector<QRect> NearestSamplesView::tileRects(const QRect& area) const {
    const QFontMetrics fm(caption_font(font()));
    const int captions = 2 * fm.height() + 2;
    const QRect inner = area.adjusted(kMargin, kMargin, -kMargin, -kMargin);
    const int n = static_cast<int>(neighbours_.size());
    // Square tiles as large as the height allows, shrunk when k of them do not fit the width.
    int side = std::max(8, inner.height() - captions);
    const int width_for = (inner.width() - kQueryGap - n * kGap) / std::max(1, n + 1);
    side = std::max(8, std::min(side, width_for));
    const int tile_w = std::max(side, fm.horizontalAdvance(QStringLiteral("row 00000")));
    std::vector<QRect> out;
    int x = inner.x();
    for (int i = 0; i <= n; ++i) {
        out.emplace_back(x, inner.y(), std::min(tile_w, side + 40), side + captions);
        x += out.back().width() + (i == 0 ? kQueryGap : kGap);
    }
    return out;
}

void NearestSamplesView::paintCanvas(QPainter& p, const QRect& area) const {
    p.fillRect(area, palette().base());
    if (!has_query_) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(area.adjusted(8, 0, -8, 0), Qt::AlignCenter | Qt::TextWordWrap,
                   tr("Click the latent plane (or a data point) to see the training samples "
                      "closest to what it decodes to"));
        return;
    }
    const QFont font = caption_font(this->font());
    const QFontMetrics fm(font);
    p.setFont(font);
    const auto tiles = tileRects(area);
    const int captions = 2 * fm.height() + 2;
    for (std::size_t i = 0; i < tiles.size(); ++i) {
        const QRect& t = tiles[i];
        const QRect box(t.x(), t.y(), t.width(), t.height() - captions);
        const QImage& image = i == 0 ? query_ : neighbours_[i - 1].image;
        QString line1;
        QString line2;
        if (i != 0) {
            const NearestSample& s = neighbours_[i - 1];
            line1 = s.label.isEmpty() ? tr("row %1").arg(s.row)
                                      : fm.elidedText(tr("%1 · %2").arg(s.row).arg(s.label),
                                                      Qt::ElideRight, t.width() + kGap - 2);
            line2 = tr("d = %1").arg(distance_text(s.distance));
        }
        if (!image.isNull()) {
            const QRect drawn = draw_crisp_image(p, image, box);
            p.setPen(i == 0 ? QPen(QColor(31, 119, 180), 2) : QPen(palette().mid().color()));
            p.setBrush(Qt::NoBrush);
            p.drawRect(drawn.adjusted(-1, -1, 0, 0));
        } else {
            p.setPen(palette().mid().color());
            p.drawRect(box.adjusted(0, 0, -1, -1));
            p.setPen(palette().text().color());
            p.drawText(box, Qt::AlignCenter, i == 0 ? tr("sample") : tr("#%1").arg(i));
        }
        p.setPen(palette().text().color());
        const QRect c1(t.x() - 2, box.bottom() + 3, t.width() + 4, fm.height());
        const QRect c2 = c1.translated(0, fm.height());
        if (i == 0) {
            // The sample's own caption over both lines, wrapped ("decoded at" / "(0.5, -1)").
            const QRect both(c1.x() - kQueryGap / 2 + 2, c1.y(), c1.width() + kQueryGap - 4,
                             2 * fm.height());
            p.drawText(both, Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap, query_caption_);
            continue;
        }
        p.drawText(c1, Qt::AlignHCenter | Qt::AlignTop | Qt::TextDontClip, line1);
        p.setPen(i == 0 ? palette().text().color() : palette().color(QPalette::PlaceholderText));
        p.drawText(c2, Qt::AlignHCenter | Qt::AlignTop | Qt::TextDontClip, line2);
    }
    // The divider between the sample and its neighbours.
    if (tiles.size() > 1) {
        const int x = tiles[0].right() + kQueryGap / 2;
        p.setPen(QPen(palette().mid().color(), 1, Qt::DashLine));
        p.drawLine(x, area.top() + kMargin, x, area.bottom() - kMargin);
    }
}

QString NearestSamplesView::toolTipAt(QPoint pos) const {
    if (!has_query_)
        return {};
    const auto tiles = tileRects(canvas_->rect());
    for (std::size_t i = 0; i < tiles.size(); ++i)
        if (tiles[i].contains(pos)) {
            if (i == 0)
                return query_caption_;
            const NearestSample& s = neighbours_[i - 1];
            return tr("Nearest #%1: training row %2%3, at distance %4")
                .arg(i)
                .arg(s.row)
                .arg(s.label.isEmpty() ? QString() : tr(" (%1)").arg(s.label))
                .arg(distance_text(s.distance));
        }
    return {};
}

} // namespace vae::ui
