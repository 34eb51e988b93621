#include "data/csv_label_proposal.h"

#include "data/csv_number.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>
#include <string_view>

namespace vae::csv {
namespace {

// The names scikit-learn, UCI and Kaggle exports give their label column.
constexpr std::array<std::string_view, 7> kLabelNames = {"label", "labels",  "class",    "target",
                                                         "y",     "species", "diagnosis"};

bool named_like_a_label(std::string_view name) {
    const std::string lower = [&] {
        std::string s(name);
        for (char& c : s)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return s;
    }();
    return std::find(kLabelNames.begin(), kLabelNames.end(), lower) != kLabelNames.end();
}

constexpr std::size_t kMaxClasses = 256;

} // namespace

std::optional<LabelProposal> propose_label_column(const std::vector<std::string>& names,
                                                  const std::vector<TextRecord>& data_records,
                                                  char decimal) {
    // "y" next to an "x" is a coordinate, not scikit-learn's target.
    const bool has_x = std::any_of(names.begin(), names.end(),
                                   [](const std::string& n) { return n == "x" || n == "X"; });
    for (std::size_t c = 0; c < names.size(); ++c)
        if (named_like_a_label(names[c]) && !(has_x && (names[c] == "y" || names[c] == "Y")))
            return LabelProposal{c, "named like a label"};
    for (std::size_t c = names.size(); c-- > 0;) {
        std::size_t texts = 0, numbers = 0;
        std::set<std::string_view> distinct;
        for (const auto& r : data_records) {
            if (c >= r.fields.size())
                continue;
            const std::string_view v = r.fields[c];
            if (is_missing_token(v))
                continue;
            float number = 0;
            if (parse_float(v, number) || (decimal == ',' && is_decimal_comma_number(v))) {
                ++numbers;
            } else {
                ++texts;
                distinct.insert(v);
            }
        }
        if (texts == 0 || texts < numbers)
            continue;
        if (distinct.size() >= 2 && distinct.size() <= kMaxClasses && distinct.size() < texts)
            return LabelProposal{c, "a text column with " + std::to_string(distinct.size()) +
                                        " classes in the first rows"};
    }
    return std::nullopt;
}

} // namespace vae::csv
