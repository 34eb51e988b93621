#pragma once

#include <QString>

#include <utility>

namespace vae::ui {

/// One feature of a decoded (or real) table row as the sample views show it, already in the
/// user's units: the views convert nothing. A numeric feature has an empty `category`; a
/// one-hot group is one categorical entry holding its most likely category and that
/// category's score (0..1).
struct FeatureValue {
    QString name;              ///< column name, or the one-hot group's name ("island")
    double value = 0.0;        ///< numeric features: the value in the user's units
    QString category;          ///< categorical features: the most likely category ("Dream")
    double score = 0.0;        ///< categorical features: the category's score in 0..1
    bool out_of_range = false; ///< numeric value outside [lo, hi]
    double lo = 0.0;           ///< numeric features: training minimum, in the user's units
    double hi = 0.0;           ///< numeric features: training maximum, in the user's units

    [[nodiscard]] bool categorical() const { return !category.isEmpty(); }

    /// A numeric feature; out_of_range is derived from [lo, hi].
    static FeatureValue numeric(QString name, double value, double lo, double hi) {
        return {std::move(name), value, {}, 0.0, value < lo || value > hi, lo, hi};
    }
    /// A one-hot group shown as its most likely category.
    static FeatureValue categorical_value(QString name, QString category, double score) {
        return {std::move(name), 0.0, std::move(category), score, false, 0.0, 0.0};
    }
};

/// Where `f.value` sits in the training range: 0 at lo, 1 at hi, outside [0, 1] beyond it;
/// 0.5 when the range is empty or unknown, so that such a feature still shows.
[[nodiscard]] double range_position(const FeatureValue& f);

/// A feature value as short text: 4 significant digits ("4350", "17.85", "0.0012").
[[nodiscard]] QString feature_number_text(double v);

/// "Dream (0.81)" for a categorical feature, else the number's text.
[[nodiscard]] QString feature_value_text(const FeatureValue& f);

/// "outside the training range [2700, 6300]" (translated), for tooltips and captions.
[[nodiscard]] QString out_of_range_text(const FeatureValue& f);

} // namespace vae::ui
