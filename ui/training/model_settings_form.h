#pragma once

#include "data/dataset.h"
#include "training/training_config.h"

#include <QGroupBox>

#include <cstddef>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace vae::ui {

/// The "Model" section of the training settings: the input the data gives, latent dimension,
/// architecture (preset and layers, with the model's size), activation and likelihood (by default
/// the one the data's value range calls for). GUI thread only.
class ModelSettingsForm : public QGroupBox {
    Q_OBJECT
public:
    explicit ModelSettingsForm(QWidget* parent = nullptr);

    /// Shows the column count of `data` and resolves "Auto" likelihood from its value range;
    /// nullptr: no dataset. Keeps no reference to `data`.
    void setDataset(const Dataset* data);

    /// Writes the architecture the form shows into `c` (input_dim from the dataset, 0 without
    /// one; the automatic likelihood resolved), except σ, which the advanced section holds.
    void applyTo(TrainingConfig& c) const;
    /// Shows the architecture of `c`; its likelihood becomes an explicit choice.
    void setConfig(const TrainingConfig& c);

    /// Whether the likelihood follows the data ("Auto") rather than the user's pick.
    [[nodiscard]] bool autoLikelihood() const;
    void setAutoLikelihood(bool on);

    /// Empty, or why the layers text is neither a list of widths nor a spec.
    [[nodiscard]] QString hiddenLayersError() const;

    /// Idle: every field editable; during a run, none (the input line is never greyed).
    void setIdle(bool idle);

signals:
    /// Any field changed.
    void edited();

private:
    void updateAutoLikelihoodText();
    /// Selects the preset the layers text spells, or Custom.
    void showPresetOfText();
    /// Parameters and FLOPs of the architecture shown, or why it does not fit the data.
    void updateSize();
    [[nodiscard]] Likelihood likelihood() const;

    std::size_t input_dim_ = 0;
    std::optional<Likelihood> data_likelihood_; ///< default_likelihood of the dataset
    ImageGeometry image_;                       ///< the dataset's image; empty for a table

    QLabel* input_ = nullptr;
    QSpinBox* latent_ = nullptr;
    QComboBox* preset_ = nullptr;
    QLineEdit* hidden_ = nullptr;
    QLabel* size_ = nullptr;
    QComboBox* activation_ = nullptr;
    QComboBox* likelihood_ = nullptr;
};

} // namespace vae::ui
