#include "ui/latent/latent_projection_panel.h"

#include "ui/latent/latent_dim_name.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSlider>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QVBoxLayout>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <exception>

namespace vae::ui {
namespace {

constexpr int kSelectedItem = 1; // the "selected point" entry of referenceSource

/// A slider that turns only under the wheel once focused: otherwise scrolling the list of 64
/// sliders would move whichever slider passes under the cursor.
class ListSlider : public QSlider {
public:
    using QSlider::QSlider;

protected:
    void wheelEvent(QWheelEvent* e) override {
        if (hasFocus())
            QSlider::wheelEvent(e);
        else
            e->ignore(); // the scroll area scrolls instead
    }
};

QString signed_text(double v) {
    QString s = QString::number(v, 'f', 2);
    if (s.startsWith(QLatin1Char('-')))
        s.replace(0, 1, QChar(0x2212)); // a real minus sign, as wide as the plus
    return s;
}

QString percent(double ratio) {
    return QString::number(std::lround(ratio * 100.0));
}

} // namespace

LatentProjectionPanel::LatentProjectionPanel(QWidget* parent) : QWidget(parent) {
    mode_box_ = new QComboBox(this);
    mode_box_->setObjectName(QStringLiteral("mode"));
    mode_box_->addItem(tr("Dimensions"));
    mode_box_->addItem(tr("PCA of the means"));
    mode_box_->setToolTip(tr("Show two latent dimensions, or the two directions along which "
                             "the encoded data varies most"));

    auto* dims_page = new QWidget(this);
    auto* dims_row = new QHBoxLayout(dims_page);
    dims_row->setContentsMargins(0, 0, 0, 0);
    const std::array<QString, 2> axis_names{tr("x"), tr("y")};
    for (int axis = 0; axis < 2; ++axis) {
        auto* box = new QComboBox(dims_page);
        box->setObjectName(axis == 0 ? QStringLiteral("xDim") : QStringLiteral("yDim"));
        box->setMaxVisibleItems(16);
        box->setToolTip(tr("Latent dimension on the plane's %1 axis; picking the other axis's "
                           "dimension swaps the two")
                            .arg(axis_names[static_cast<std::size_t>(axis)]));
        auto* label = new QLabel(axis_names[static_cast<std::size_t>(axis)], dims_page);
        label->setBuddy(box);
        dims_row->addWidget(label);
        dims_row->addWidget(box, 1);
        dim_boxes_[static_cast<std::size_t>(axis)] = box;
        connect(box, &QComboBox::currentIndexChanged, this,
                [this, axis](int index) { onDimPicked(axis, index); });
    }
    variance_label_ = new QLabel(this);
    variance_label_->setObjectName(QStringLiteral("explainedVariance"));
    variance_label_->setToolTip(tr("Share of the encoded data's variance along each axis"));
    plane_stack_ = new QStackedWidget(this);
    plane_stack_->addWidget(dims_page);
    plane_stack_->addWidget(variance_label_);

    source_box_ = new QComboBox(this);
    source_box_->setObjectName(QStringLiteral("referenceSource"));
    source_box_->addItem(tr("zero (the prior's mean)"));
    source_box_->addItem(tr("the selected point"));
    source_box_->setToolTip(tr("Where the dimensions off the plane start from when a plane "
                               "point is decoded; the sliders below edit them"));
    reset_button_ = new QPushButton(tr("Reset"), this);
    reset_button_->setObjectName(QStringLiteral("resetReference"));
    reset_button_->setToolTip(tr("Set every off-plane dimension back to zero"));
    selected_label_ = new QLabel(this);
    selected_label_->setObjectName(QStringLiteral("selectedPoint"));
    selected_label_->setForegroundRole(QPalette::PlaceholderText);

    auto* source_row = new QHBoxLayout;
    source_row->addWidget(source_box_, 1);
    source_row->addWidget(reset_button_);
    auto* form = new QFormLayout;
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Plane"), mode_box_);
    form->addRow(QString(), plane_stack_);
    form->addRow(tr("Others at"), source_row);
    form->addRow(QString(), selected_label_);

    scroll_ = new QScrollArea(this);
    scroll_->setObjectName(QStringLiteral("referenceSliders"));
    scroll_->setWidgetResizable(true);
    scroll_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll_->setFrameShape(QFrame::StyledPanel);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(form);
    layout->addWidget(scroll_, 1);

    slider_throttle_.setSingleShot(true);
    slider_throttle_.setInterval(kSliderEmitMs);
    connect(&slider_throttle_, &QTimer::timeout, this, [this] {
        if (!slider_pending_)
            return;
        slider_pending_ = false;
        emit projectionChanged(false);
        slider_throttle_.start(); // keep throttling while the drag goes on
    });
    connect(mode_box_, &QComboBox::currentIndexChanged, this,
            &LatentProjectionPanel::onModeChanged);
    connect(source_box_, &QComboBox::currentIndexChanged, this,
            &LatentProjectionPanel::onReferenceSourceChanged);
    connect(reset_button_, &QPushButton::clicked, this, &LatentProjectionPanel::resetReference);

    setLatentDim(2);
}

LatentProjectionPanel::~LatentProjectionPanel() = default;

void LatentProjectionPanel::setLatentDim(std::size_t latent_dim) {
    if (latent_dim == latent_dim_)
        return;
    latent_dim_ = latent_dim;
    ++generation_; // a fit still running is for the old model
    dims_ = {0, 1};
    reference_ = Vector::Zero(static_cast<Eigen::Index>(latent_dim));
    selected_ = Vector();
    selected_text_.clear();
    means_.reset();
    fitted_means_.reset();
    fit_.reset();
    fit_error_.clear();
    slider_pending_ = false;
    slider_throttle_.stop();
    {
        const QSignalBlocker block_mode(mode_box_);
        const QSignalBlocker block_source(source_box_);
        mode_box_->setCurrentIndex(0);
        source_box_->setCurrentIndex(0);
        for (QComboBox* box : dim_boxes_) {
            const QSignalBlocker block_box(box);
            box->clear();
            for (std::size_t k = 0; k < latent_dim; ++k)
                box->addItem(latent_dim_name(k));
        }
    }
    buildSliders();
    rebuildProjection();
    syncControls();
    setVisible(latent_dim >= 3);
}

void LatentProjectionPanel::buildSliders() {
    auto* content = new QWidget;
    slider_grid_ = new QGridLayout(content);
    slider_grid_->setContentsMargins(6, 4, 6, 4);
    slider_grid_->setHorizontalSpacing(8);
    slider_grid_->setVerticalSpacing(2);
    sliders_.clear();
    slider_values_.clear();
    const int value_width = fontMetrics().horizontalAdvance(QStringLiteral("\u2212000.00"));
    const int range = static_cast<int>(kSliderRange * kSliderScale);
    QPalette neutral = palette();
    neutral.setColor(QPalette::Highlight, neutral.color(QPalette::Midlight));
    for (std::size_t k = 0; k < latent_dim_; ++k) {
        const int row = static_cast<int>(k);
        auto* name = new QLabel(latent_dim_name(k), content);
        auto* slider = new ListSlider(Qt::Horizontal, content);
        slider->setObjectName(QStringLiteral("slider_%1").arg(k));
        slider->setRange(-range, range);
        slider->setSingleStep(kSliderScale / 10);
        slider->setPageStep(kSliderScale / 2);
        slider->setFocusPolicy(Qt::StrongFocus);
        // Ticks on whole latent units show where zero is; the groove is not filled from the
        // left, which would read as "more" on a control whose middle is the neutral value.
        slider->setTickPosition(QSlider::TicksBelow);
        slider->setTickInterval(kSliderScale);
        slider->setPalette(neutral);
        slider->setToolTip(tr("Value of %1 for decoded plane points").arg(latent_dim_name(k)));
        auto* value = new QLabel(content);
        value->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        value->setMinimumWidth(value_width);
        name->setBuddy(slider);
        slider_grid_->addWidget(name, row, 0);
        slider_grid_->addWidget(slider, row, 1);
        slider_grid_->addWidget(value, row, 2);
        sliders_.push_back(slider);
        slider_values_.push_back(value);
        connect(slider, &QSlider::valueChanged, this, [this, k](int v) { onSliderMoved(k, v); });
    }
    slider_grid_->setColumnStretch(1, 1);
    slider_grid_->setRowStretch(static_cast<int>(latent_dim_), 1);
    scroll_->setWidget(content); // deletes the previous content and its sliders
}

void LatentProjectionPanel::setMode(Mode mode) {
    mode_box_->setCurrentIndex(mode == Mode::Pca ? 1 : 0);
}

LatentProjectionPanel::Mode LatentProjectionPanel::mode() const {
    return mode_box_->currentIndex() == 1 ? Mode::Pca : Mode::Dimensions;
}

LatentProjectionPanel::ReferenceSource LatentProjectionPanel::referenceSource() const {
    return source_box_->currentIndex() == kSelectedItem ? ReferenceSource::SelectedPoint
                                                        : ReferenceSource::Zero;
}

LatentProjection LatentProjectionPanel::projection() const {
    return current_.value();
}

bool LatentProjectionPanel::fitting() const {
    return fit_job_.isRunning();
}

std::array<QString, 2> LatentProjectionPanel::axisLabels() const {
    if (current_ && current_->kind() == LatentProjection::Kind::Pca) {
        const auto ratio = current_->explained_variance_ratio();
        return {tr("PC1 (%1 %)").arg(percent(ratio[0])), tr("PC2 (%1 %)").arg(percent(ratio[1]))};
    }
    return {latent_dim_name(dims_[0]), latent_dim_name(dims_[1])};
}

void LatentProjectionPanel::rebuildProjection() {
    if (latent_dim_ < 2) {
        current_.reset();
        return;
    }
    if (mode() == Mode::Pca && fit_)
        current_ = fit_->with_reference(reference_);
    else
        current_ = LatentProjection::dimensions(latent_dim_, dims_[0], dims_[1], reference_);
}

void LatentProjectionPanel::syncSlider(std::size_t k) {
    const double v = reference_(static_cast<Eigen::Index>(k));
    const bool on_plane = current_ && current_->kind() == LatentProjection::Kind::Dimensions &&
                          (k == dims_[0] || k == dims_[1]);
    QSlider* slider = sliders_[k];
    {
        const QSignalBlocker block(slider);
        // A selected point beyond ±3 pins the slider at its end; the label says the truth.
        slider->setValue(static_cast<int>(std::lround(v * kSliderScale)));
    }
    slider->setEnabled(!on_plane);
    // The plane's dimensions say which axis shows them instead of a value nobody uses.
    slider_values_[k]->setText(on_plane ? (k == dims_[0] ? tr("on x") : tr("on y"))
                                        : signed_text(v));
}

void LatentProjectionPanel::syncControls() {
    {
        const QSignalBlocker block_x(dim_boxes_[0]);
        const QSignalBlocker block_y(dim_boxes_[1]);
        dim_boxes_[0]->setCurrentIndex(static_cast<int>(dims_[0]));
        dim_boxes_[1]->setCurrentIndex(static_cast<int>(dims_[1]));
    }
    plane_stack_->setCurrentIndex(mode() == Mode::Pca ? 1 : 0);
    if (!fit_error_.isEmpty())
        variance_label_->setText(tr("PCA failed: %1").arg(fit_error_));
    else if (fit_)
        variance_label_->setText(tr("PC1 %1 % · PC2 %2 %")
                                     .arg(percent(fit_->explained_variance_ratio()[0]),
                                          percent(fit_->explained_variance_ratio()[1])));
    else if (fitting())
        variance_label_->setText(tr("fitting…"));
    else
        variance_label_->setText(tr("waiting for the encoded data"));

    if (auto* model = qobject_cast<QStandardItemModel*>(source_box_->model()))
        if (QStandardItem* item = model->item(kSelectedItem))
            item->setEnabled(selected_.size() != 0);
    selected_label_->setText(selected_.size() == 0 ? tr("click a data point to select it")
                                                   : tr("selected: %1").arg(selected_text_));
    reset_button_->setEnabled(!reference_.isZero(0.0) ||
                              referenceSource() != ReferenceSource::Zero);
    for (std::size_t k = 0; k < sliders_.size(); ++k)
        syncSlider(k);
}

void LatentProjectionPanel::emitAxesChanged() {
    // An axes change covers any reference change still waiting in the throttle.
    slider_pending_ = false;
    emit projectionChanged(true);
}

void LatentProjectionPanel::emitReferenceChanged() {
    slider_pending_ = false;
    emit projectionChanged(false);
}

void LatentProjectionPanel::onModeChanged() {
    rebuildProjection();
    // Without a fit yet the plane stays as it is until the fit lands.
    if (mode() == Mode::Dimensions || fit_)
        emitAxesChanged();
    if (mode() == Mode::Pca && means_ != fitted_means_)
        startFit();
    syncControls();
}

void LatentProjectionPanel::onDimPicked(int axis, int index) {
    if (index < 0)
        return;
    const auto a = static_cast<std::size_t>(axis);
    auto dims = dims_;
    if (static_cast<std::size_t>(index) == dims[1 - a])
        dims[1 - a] = dims[a]; // picking the other axis's dimension swaps them
    dims[a] = static_cast<std::size_t>(index);
    setDims(dims[0], dims[1]);
    syncControls(); // an unchanged pick must still show the right dimension
}

void LatentProjectionPanel::setDims(std::size_t x, std::size_t y) {
    if (x == y || x >= latent_dim_ || y >= latent_dim_ || (dims_ == std::array{x, y}))
        return;
    dims_ = {x, y};
    rebuildProjection();
    syncControls();
    if (mode() == Mode::Dimensions)
        emitAxesChanged();
}

void LatentProjectionPanel::setReference(const Vector& z) {
    reference_ = z;
    rebuildProjection();
    syncControls();
}

void LatentProjectionPanel::onSliderMoved(std::size_t k, int value) {
    reference_(static_cast<Eigen::Index>(k)) = static_cast<float>(value) / kSliderScale;
    rebuildProjection();
    syncSlider(k);
    reset_button_->setEnabled(true);
    // Throttled: the first step of a drag goes out at once, then one per interval, and the
    // last one always. Decoding a point is quick, but a manifold grid of 400 images is not,
    // and 100 requests a second would only be dropped as overtaken.
    if (slider_throttle_.isActive()) {
        slider_pending_ = true;
        return;
    }
    emit projectionChanged(false);
    slider_throttle_.start();
}

void LatentProjectionPanel::onReferenceSourceChanged() {
    const bool selected = referenceSource() == ReferenceSource::SelectedPoint;
    setReference(selected && selected_.size() != 0
                     ? selected_
                     : Vector(Vector::Zero(static_cast<Eigen::Index>(latent_dim_))));
    emitReferenceChanged();
}

void LatentProjectionPanel::resetReference() {
    {
        const QSignalBlocker block(source_box_);
        source_box_->setCurrentIndex(0);
    }
    setReference(Vector::Zero(static_cast<Eigen::Index>(latent_dim_)));
    emitReferenceChanged();
}

void LatentProjectionPanel::setSelectedPoint(const Vector& z, const QString& description) {
    if (static_cast<std::size_t>(z.size()) != latent_dim_ || latent_dim_ == 0)
        return;
    selected_ = z;
    selected_text_ = description;
    if (referenceSource() == ReferenceSource::SelectedPoint) {
        setReference(z);
        emitReferenceChanged();
    } else {
        syncControls();
    }
}

void LatentProjectionPanel::setMeans(std::shared_ptr<const LatentSnapshot> snapshot) {
    if (!snapshot || snapshot == means_ || latent_dim_ < 2 ||
        static_cast<std::size_t>(snapshot->means.cols()) != latent_dim_ ||
        snapshot->means.rows() == 0)
        return;
    means_ = std::move(snapshot);
    if (mode() == Mode::Pca)
        startFit(); // or, if one runs, fitFinished() starts it
    syncControls();
}

void LatentProjectionPanel::startFit() {
    if (fit_job_.isRunning() || !means_)
        return;
    // The task holds the snapshot, never the panel.
    fit_job_.start(
        [means = means_, generation = generation_](JobControl&) -> Fit {
            Fit fit{means, std::nullopt, {}, generation};
            try {
                fit.plane = LatentProjection::pca(means->means);
            } catch (const std::exception& e) {
                fit.error = QString::fromUtf8(e.what());
            }
            return fit;
        },
        [this](const Fit& fit) { fitFinished(fit); });
}

void LatentProjectionPanel::fitFinished(const Fit& fit) {
    if (fit.generation == generation_) { // else it is for the previous model: dropped
        fitted_means_ = fit.means;
        fit_error_ = fit.error;
        if (fit.plane)
            fit_ = fit.plane;
        if (fit.plane && mode() == Mode::Pca) {
            rebuildProjection();
            emitAxesChanged();
        }
    }
    if (mode() == Mode::Pca && means_ != fitted_means_)
        startFit(); // newer means arrived during the fit
    syncControls();
}

QSize LatentProjectionPanel::sizeHint() const {
    // As wide as the controls need, tall enough for a dozen sliders before scrolling.
    return {QWidget::sizeHint().width(), 420};
}

} // namespace vae::ui
