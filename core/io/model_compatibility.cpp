#include "io/model_file.h"

#include "data/load_error.h"

#include <string>
#include <string_view>

namespace vae {
namespace {

/// Names the loaders make up when a source has none ("column 3", "pixel 17"): they say
/// nothing about the content (and models saved before columns were counted from 1 have
/// "column 0"), so any number matches.
bool made_up_name(const std::string& name) {
    for (const std::string_view prefix : {"column ", "pixel "})
        if (name.size() > prefix.size() && name.starts_with(prefix) &&
            name.find_first_not_of("0123456789", prefix.size()) == std::string::npos)
            return true;
    return false;
}

} // namespace

void check_compatible(const ModelFile& model, const Dataset& data, const std::string& source) {
    const auto expected = model.architecture.input_dim;
    const std::string trained_on =
        model.data.name.empty() ? std::string("its training data") : "'" + model.data.name + "'";
    if (data.cols() != expected) {
        std::string hint = "the model was trained on " + trained_on + " with " +
                           std::to_string(expected) + " columns";
        if (data.cols() == expected + 1 && !data.has_labels() && data.targets.empty())
            hint += "; if the extra column is a label, choose it as the label column";
        throw DataError({source},
                        "model expects " + std::to_string(expected) + " columns, " + source +
                            " has " + std::to_string(data.cols()),
                        hint);
    }
    const auto& names = model.data.column_names;
    if (names.size() != expected || data.column_names.size() != expected)
        return;
    const auto agree = [&](std::size_t j) {
        return names[j] == data.column_names[j] || made_up_name(names[j]) ||
               made_up_name(data.column_names[j]);
    };
    std::size_t j = 0;
    while (j < expected && agree(j))
        ++j;
    if (j == expected)
        return;
    throw DataError({source},
                    "column " + std::to_string(j + 1) + " is '" + data.column_names[j] + "' in " +
                        source + " but the model was trained with '" + names[j] + "' there",
                    "load data with the same columns in the same order as " + trained_on);
}

} // namespace vae
