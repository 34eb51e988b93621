#include "ui/latent/latent_projection_panel.h"

#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QTest>

#include <catch2/catch.hpp>

#include <memory>

using vae::LatentProjection;
using vae::LatentSnapshot;
using vae::Matrix;
using vae::Vector;
using vae::ui::LatentProjectionPanel;

namespace {

template <typename T> T* child(const QWidget& w, const QString& name) {
    auto* c = w.findChild<T*>(name);
    REQUIRE(c != nullptr);
    return c;
}

/// Codes whose variance lies almost entirely along dimension `axis`, with a mean of `offset`.
std::shared_ptr<const LatentSnapshot> means_along(Eigen::Index rows, Eigen::Index dims,
                                                  Eigen::Index axis, float offset = 0.0f) {
    auto s = std::make_shared<LatentSnapshot>();
    s->means = Matrix::Random(rows, dims) * 0.1f;
    s->means.col(axis) *= 40.0f;
    s->means.array() += offset;
    s->rows.resize(static_cast<std::size_t>(rows));
    return s;
}

} // namespace

TEST_CASE("the projection panel shows the chosen dimensions and swaps on a clash", "[gui]") {
    LatentProjectionPanel panel;
    panel.setLatentDim(16);
    QSignalSpy spy(&panel, &LatentProjectionPanel::projectionChanged);
    auto* x = child<QComboBox>(panel, QStringLiteral("xDim"));
    auto* y = child<QComboBox>(panel, QStringLiteral("yDim"));
    REQUIRE(x->count() == 16);
    CHECK(x->itemText(12) == QStringLiteral("z₁₂"));
    CHECK(panel.projection().kind() == LatentProjection::Kind::Dimensions);

    Matrix z(2, 16);
    for (Eigen::Index k = 0; k < 16; ++k) {
        z(0, k) = static_cast<float>(k);
        z(1, k) = static_cast<float>(-10 * k);
    }
    y->setCurrentIndex(5);
    REQUIRE(spy.count() == 1);
    CHECK(spy.at(0).at(0).toBool()); // the axes changed
    Matrix xy = panel.projection().project(z);
    CHECK(xy(0, 0) == 0.0f);
    CHECK(xy(0, 1) == 5.0f);
    CHECK(xy(1, 1) == -50.0f);

    // x := 5, which y shows: the two swap instead of refusing.
    x->setCurrentIndex(5);
    CHECK(spy.count() == 2);
    CHECK(panel.dims() == std::array<std::size_t, 2>{5, 0});
    CHECK(y->currentIndex() == 0);
    xy = panel.projection().project(z);
    CHECK(xy(0, 0) == 5.0f);
    CHECK(xy(0, 1) == 0.0f);
    CHECK(panel.axisLabels() == std::array<QString, 2>{QStringLiteral("z₅"), QStringLiteral("z₀")});
    // The plane's dimensions have no slider to move; the others do.
    CHECK(!child<QSlider>(panel, QStringLiteral("slider_5"))->isEnabled());
    CHECK(!child<QSlider>(panel, QStringLiteral("slider_0"))->isEnabled());
    CHECK(child<QSlider>(panel, QStringLiteral("slider_1"))->isEnabled());

    // Telling the panel the same latent dimension again (every model update) keeps the choice.
    panel.setLatentDim(16);
    CHECK(panel.dims() == std::array<std::size_t, 2>{5, 0});
    CHECK(spy.count() == 2);
}

TEST_CASE("the projection panel fits the PCA plane off the GUI thread", "[gui]") {
    LatentProjectionPanel panel;
    panel.setLatentDim(8);
    QSignalSpy spy(&panel, &LatentProjectionPanel::projectionChanged);
    auto* mode = child<QComboBox>(panel, QStringLiteral("mode"));
    mode->setCurrentIndex(1);
    CHECK(panel.mode() == LatentProjectionPanel::Mode::Pca);
    // No means yet: nothing to fit, the plane stays as it was.
    CHECK(spy.count() == 0);
    CHECK(panel.projection().kind() == LatentProjection::Kind::Dimensions);

    panel.setMeans(means_along(2000, 8, 3));
    REQUIRE((spy.count() > 0 || spy.wait(10000)));
    CHECK(spy.last().at(0).toBool());
    const LatentProjection p = panel.projection();
    REQUIRE(p.kind() == LatentProjection::Kind::Pca);
    CHECK(p.axes()(3, 0) > 0.99); // the dominant axis, with a positive sign
    CHECK(p.explained_variance_ratio()[0] > 0.9);
    CHECK(panel.axisLabels()[0].startsWith(QStringLiteral("PC1 (")));
    const QString ratios = child<QLabel>(panel, QStringLiteral("explainedVariance"))->text();
    CHECK(ratios.startsWith(QStringLiteral("PC1 ")));
    CHECK(ratios.contains(QStringLiteral("PC2")));

    // New means during training: refit (here the dominant axis moves to dimension 6).
    spy.clear();
    panel.setMeans(means_along(2000, 8, 6, 1.0f));
    REQUIRE((spy.count() > 0 || spy.wait(10000)));
    CHECK(panel.projection().axes()(6, 0) > 0.99);
    CHECK(std::abs(panel.projection().centre()(0) - 1.0) < 0.1);

    // Back to dimensions: the plane changes at once.
    spy.clear();
    mode->setCurrentIndex(0);
    CHECK(spy.count() == 1);
    CHECK(panel.projection().kind() == LatentProjection::Kind::Dimensions);
}

TEST_CASE("the newest means win when they arrive during a fit", "[gui]") {
    LatentProjectionPanel panel;
    panel.setLatentDim(4);
    child<QComboBox>(panel, QStringLiteral("mode"))->setCurrentIndex(1);
    panel.setMeans(means_along(500, 4, 0));
    panel.setMeans(means_along(500, 4, 2, -2.0f)); // the first fit is still running
    QSignalSpy spy(&panel, &LatentProjectionPanel::projectionChanged);
    for (int i = 0; i < 50 && (panel.fitting() || spy.isEmpty()); ++i)
        spy.wait(200);
    REQUIRE(!panel.fitting());
    CHECK(panel.projection().axes()(2, 0) > 0.99);
    CHECK(std::abs(panel.projection().centre()(1) + 2.0) < 0.1);
}

TEST_CASE("a slider edits the reference that lift() fills the other dimensions from", "[gui]") {
    LatentProjectionPanel panel;
    panel.setLatentDim(16);
    QSignalSpy spy(&panel, &LatentProjectionPanel::projectionChanged);
    auto* slider = child<QSlider>(panel, QStringLiteral("slider_7"));
    slider->setValue(150);
    CHECK(panel.reference()(7) == 1.5f);
    REQUIRE(spy.count() == 1);
    CHECK(!spy.at(0).at(0).toBool()); // only the reference moved
    const Vector z = panel.projection().lift(0.25, -0.5);
    CHECK(z(0) == 0.25f);
    CHECK(z(1) == -0.5f);
    CHECK(z(7) == 1.5f);
    CHECK(z(8) == 0.0f);

    // A drag's many steps go out as one now and one when the throttle lets the last through.
    for (int v = 0; v <= 200; v += 20)
        slider->setValue(v);
    CHECK(spy.count() == 1);
    REQUIRE(spy.wait(5000));
    CHECK(spy.count() == 2);
    CHECK(panel.projection().lift(0.0, 0.0)(7) == 2.0f);

    auto* reset = child<QPushButton>(panel, QStringLiteral("resetReference"));
    CHECK(reset->isEnabled());
    QTest::mouseClick(reset, Qt::LeftButton);
    CHECK(panel.reference().isZero(0.0));
    CHECK(slider->value() == 0);
    CHECK(!reset->isEnabled());
}

TEST_CASE("the reference can follow the selected data point", "[gui]") {
    LatentProjectionPanel panel;
    panel.setLatentDim(5);
    QSignalSpy spy(&panel, &LatentProjectionPanel::projectionChanged);
    Vector z(5);
    z << 0.5f, -1.0f, 2.5f, -3.5f, 0.75f;
    panel.setSelectedPoint(z, QStringLiteral("row 12 · Sneaker"));
    CHECK(panel.reference().isZero(0.0)); // still at zero until the user picks the point
    CHECK(spy.isEmpty());
    CHECK(child<QLabel>(panel, QStringLiteral("selectedPoint"))->text().contains("row 12"));

    auto* source = child<QComboBox>(panel, QStringLiteral("referenceSource"));
    source->setCurrentIndex(1);
    CHECK(panel.referenceSource() == LatentProjectionPanel::ReferenceSource::SelectedPoint);
    CHECK(panel.reference() == z);
    CHECK(spy.count() == 1);
    const Vector lifted = panel.projection().lift(9.0, 8.0);
    CHECK(lifted(0) == 9.0f);
    CHECK(lifted(2) == 2.5f);
    CHECK(lifted(3) == -3.5f); // beyond the slider's ±3: the value is kept, not clamped
    CHECK(child<QSlider>(panel, QStringLiteral("slider_3"))->value() == -300);

    // A new click moves the reference with it.
    const Vector other = Vector::Constant(5, 1.25f);
    panel.setSelectedPoint(other, QStringLiteral("row 13"));
    CHECK(panel.reference() == other);
    CHECK(spy.count() == 2);

    QTest::mouseClick(child<QPushButton>(panel, QStringLiteral("resetReference")), Qt::LeftButton);
    CHECK(panel.reference().isZero(0.0));
    CHECK(source->currentIndex() == 0);
}

TEST_CASE("a two-dimensional latent space has nothing to choose", "[gui]") {
    LatentProjectionPanel panel;
    panel.setLatentDim(2);
    CHECK(panel.isHidden());
    CHECK(panel.projection().dims() == std::array<std::size_t, 2>{0, 1});
    panel.setLatentDim(3);
    CHECK(!panel.isHidden());
    CHECK(panel.findChildren<QSlider*>().size() == 3);
    panel.setLatentDim(2);
    CHECK(panel.isHidden());
    CHECK(panel.findChildren<QSlider*>().size() == 2);
}
