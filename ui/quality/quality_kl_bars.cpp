#include "ui/quality/quality_kl_bars.h"

#include "ui/widgets/plot_style.h"

#include <algorithm>

namespace vae::ui {

QualityKlBars::QualityKlBars(QWidget* parent) : QCustomPlot(parent) {
    const QFont tick_font = plot_font(font(), kPlotTickFontPoints);
    const QFont label_font = plot_font(font(), kPlotLabelFontPoints);
    for (QCPAxis* a : axisRect()->axes()) {
        a->setTickLabelFont(tick_font);
        a->setLabelFont(label_font);
    }
    xAxis->setLabel(tr("latent dimension"));
    yAxis->setLabel(tr("KL (nats)"));
    xAxis->grid()->setVisible(false);
    active_ = new QCPBars(xAxis, yAxis);
    active_->setPen(Qt::NoPen);
    active_->setBrush(tableau10()[0]);
    idle_ = new QCPBars(xAxis, yAxis);
    idle_->setPen(QPen(QColor(150, 150, 150)));
    idle_->setBrush(QColor(200, 200, 200));
    for (QCPBars* b : {active_, idle_})
        b->setWidth(0.7);
    // The colours are explained where the plot is titled: a legend would cover bars.
    setMinimumHeight(140);
}

void QualityKlBars::setValues(const std::vector<double>& kl_per_dim,
                              const std::vector<double>& mean_variance, double threshold) {
    QVector<double> ak, av, ik, iv;
    for (std::size_t d = 0; d < kl_per_dim.size(); ++d) {
        const bool active =
            d < mean_variance.size() ? mean_variance[d] > threshold : kl_per_dim[d] > threshold;
        (active ? ak : ik).push_back(static_cast<double>(d));
        (active ? av : iv).push_back(kl_per_dim[d]);
    }
    active_->setData(ak, av, true);
    idle_->setData(ik, iv, true);
    bars_ = static_cast<int>(kl_per_dim.size());
    const double top =
        kl_per_dim.empty() ? 0.0 : *std::max_element(kl_per_dim.begin(), kl_per_dim.end());
    // At least eight slots: two dimensions are two bars, not two walls.
    xAxis->setRange(-0.6, static_cast<double>(std::max(bars_, 8)) - 0.4);
    auto ticker = QSharedPointer<QCPAxisTickerFixed>::create();
    ticker->setTickStep(1.0);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    xAxis->setTicker(ticker);
    yAxis->setRange(0.0, std::max(0.05, 1.1 * top));
    replot();
}

} // namespace vae::ui
