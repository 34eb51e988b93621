#include "training/suggested_fix.h"

#include "io/number_text.h"

namespace vae {
namespace {

double largest_column_range(const Matrix& values) {
    if (values.rows() == 0)
        return 0.0;
    const auto range = values.colwise().maxCoeff() - values.colwise().minCoeff();
    return range.size() > 0 ? static_cast<double>(range.maxCoeff()) : 0.0;
}

} // namespace

SuggestedFix suggest_fix(const Dataset& data, const TrainingConfig& c, double learning_rate) {
    SuggestedFix fix;
    if (data.normalization.kind == Normalization::Kind::None && data.normalization.is_identity() &&
        largest_column_range(data.values) > kLargeColumnRange) {
        fix.setting = SuggestedFix::Setting::Normalization;
        fix.label = "Normalization: z-score";
        fix.cli_flag = "--normalize zscore";
        fix.value = static_cast<double>(Normalization::Kind::ZScore);
    } else if (learning_rate / 10.0 >= kSmallestSuggestedRate) {
        fix.setting = SuggestedFix::Setting::LearningRate;
        fix.value = learning_rate / 10.0;
        fix.label = "Learning rate";
        fix.cli_flag = "--lr " + number_text(fix.value);
    } else {
        fix.setting = SuggestedFix::Setting::ClipNorm;
        fix.value = c.clip_norm > 0.0f ? static_cast<double>(c.clip_norm) / 10.0 : 10.0;
        fix.label = "Gradient clip";
        fix.cli_flag = "--clip-norm " + number_text(fix.value);
    }
    return fix;
}

std::string describe(const SuggestedFix& fix) {
    if (fix.setting == SuggestedFix::Setting::Normalization)
        return fix.label + " (" + fix.cli_flag + ")";
    return fix.label + " " + number_text(fix.value) + " (" + fix.cli_flag + ")";
}

} // namespace vae
