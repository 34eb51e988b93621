#include "data/original_columns.h"

#include <algorithm>

namespace vae {

std::vector<OriginalColumn> original_columns(std::size_t cols,
                                             const std::vector<CategoricalColumn>& groups) {
    std::vector<OriginalColumn> plan;
    for (std::size_t j = 0; j < cols;) {
        const CategoricalColumn* group = nullptr;
        for (const auto& cc : groups)
            if (cc.first_column == j && !cc.categories.empty())
                group = &cc;
        plan.push_back({j, group});
        j += plan.back().width();
    }
    return plan;
}

std::size_t most_likely_category(std::span<const float> values) {
    return static_cast<std::size_t>(std::max_element(values.begin(), values.end()) -
                                    values.begin());
}

} // namespace vae
