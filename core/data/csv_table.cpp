#include "data/csv_table.h"

#include "data/csv_number.h"
#include "data/load_error.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <string_view>
#include <unordered_map>

namespace vae::csv {
namespace {

constexpr std::size_t kMaxClasses = 256;
constexpr std::size_t kMaxCategories = 256;

std::string_view cell_text(const RawTable& t, const TextCell& c) {
    return std::string_view(t.arena.data() + c.offset, c.length);
}

/// Sorted distinct category names and the category id of each row (-1: missing).
struct Coding {
    std::vector<std::string> names;
    std::vector<std::int32_t> codes;
};

/// Text of every row of a categorical column: its text cell, else its number in shortest form.
template <typename NumberAt>
Coding code_rows(const RawTable& t, const std::vector<const TextCell*>& cells, std::size_t rows,
                 NumberAt number_at) {
    std::vector<std::string> row_text(rows);
    std::vector<char> present(rows, 0);
    for (const TextCell* c : cells) {
        row_text[c->row] = std::string(cell_text(t, *c));
        present[c->row] = 1;
    }
    char buffer[32];
    for (std::size_t r = 0; r < rows; ++r) {
        if (present[r])
            continue;
        const double v = number_at(r);
        if (std::isnan(v))
            continue;
        row_text[r] = std::string(format_double(v, buffer));
        present[r] = 1;
    }
    Coding coding;
    std::unordered_map<std::string, std::int32_t> index;
    for (std::size_t r = 0; r < rows; ++r)
        if (present[r])
            index.emplace(row_text[r], 0);
    coding.names.reserve(index.size());
    for (const auto& [name, id] : index)
        coding.names.push_back(name);
    std::sort(coding.names.begin(), coding.names.end());
    for (std::size_t i = 0; i < coding.names.size(); ++i)
        index[coding.names[i]] = static_cast<std::int32_t>(i);
    coding.codes.assign(rows, -1);
    for (std::size_t r = 0; r < rows; ++r)
        if (present[r])
            coding.codes[r] = index[row_text[r]];
    return coding;
}

void finish_labels(const RawTable& t, const std::vector<const TextCell*>& label_cells, Dataset& d) {
    const std::size_t rows = t.labels.size();
    d.label_column = t.label_name;
    if (!label_cells.empty()) {
        // Numbers among text labels are named by their shortest text ("1", "2.5").
        Coding c = code_rows(t, label_cells, rows, [&](std::size_t r) { return t.labels[r]; });
        d.labels = std::move(c.codes);
        d.label_names = std::move(c.names);
        return;
    }
    std::map<double, std::int32_t> classes;
    bool integers = true;
    for (const double v : t.labels) {
        if (v != std::floor(v) || std::fabs(v) > 9.0e15) {
            integers = false;
            break;
        }
        classes.emplace(v, 0);
        if (classes.size() > kMaxClasses) {
            integers = false;
            break;
        }
    }
    if (!integers) {
        d.targets.reserve(rows);
        for (const double v : t.labels)
            d.targets.push_back(static_cast<float>(v));
        return;
    }
    std::int32_t next = 0;
    for (auto& [value, id] : classes) {
        id = next++;
        d.label_names.push_back(std::to_string(static_cast<long long>(value)));
    }
    d.labels.reserve(rows);
    for (const double v : t.labels)
        d.labels.push_back(classes[v]);
}

/// One-hot columns are dense, so an id or free-text column (or numbers the reader could not
/// parse, such as decimal commas) would blow a large file up to rows x rows floats: a column
/// with more categories than a classifier would have, or than 5 % of the rows, is refused.
void check_category_count(const RawTable& t, const std::vector<const TextCell*>& cells,
                          std::size_t categories, std::size_t rows) {
    const std::size_t limit = std::min(kMaxCategories, std::max<std::size_t>(10, rows / 20));
    if (categories <= limit || cells.empty())
        return;
    const TextCell* first = cells.front();
    const auto& name = t.feature_names[static_cast<std::size_t>(first->slot)];
    throw DataError({t.file, first->line, first->field + 1},
                    "text column '" + name + "' has " + std::to_string(categories) +
                        " different values in " + std::to_string(rows) +
                        " rows, too many to one-hot encode (at most " + std::to_string(limit) + ")",
                    "if it is an id or a note, ignore it with --drop-columns " + name +
                        "; if it holds the classes, use --label-column " + name +
                        "; if its numbers use decimal commas, use --decimal comma");
}

} // namespace

Dataset finish_table(RawTable&& t, const LoadOptions& options) {
    const std::size_t rows = static_cast<std::size_t>(t.values.rows());
    const std::size_t width = static_cast<std::size_t>(t.values.cols());

    // Text cells by column, in file order.
    std::vector<std::vector<const TextCell*>> by_column(width);
    std::vector<const TextCell*> label_cells;
    for (const TextCell& c : t.text) {
        if (c.slot == kLabelSlot)
            label_cells.push_back(&c);
        else
            by_column[static_cast<std::size_t>(c.slot)].push_back(&c);
    }

    // Column typing: mostly numbers -> numeric (text in it is an error), else categorical.
    std::vector<char> categorical(width, 0);
    const TextCell* stray = nullptr;
    for (std::size_t j = 0; j < width; ++j) {
        if (by_column[j].empty())
            continue;
        std::size_t numbers = 0;
        for (std::size_t r = 0; r < rows; ++r)
            numbers +=
                std::isnan(t.values(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(j)))
                    ? 0
                    : 1;
        if (numbers >= by_column[j].size()) {
            const TextCell* first = by_column[j].front();
            if (!stray || first->line < stray->line ||
                (first->line == stray->line && first->field < stray->field))
                stray = first;
        } else {
            categorical[j] = 1;
        }
    }
    if (stray) {
        const auto& name = t.feature_names[static_cast<std::size_t>(stray->slot)];
        throw DataError({t.file, stray->line, stray->field + 1},
                        "found '" + error_excerpt(cell_text(t, *stray)) + "' in numeric column '" +
                            name + "'",
                        "fix the value, or mark it missing (empty or NA) and use --missing drop "
                        "or --missing mean; infinite values are not accepted");
    }
    const bool any_categorical =
        std::find(categorical.begin(), categorical.end(), 1) != categorical.end();
    if (any_categorical && options.categorical == CategoricalPolicy::Error) {
        for (std::size_t j = 0; j < width; ++j)
            if (categorical[j]) {
                const TextCell* first = by_column[j].front();
                throw DataError({t.file, first->line, first->field + 1},
                                "column '" + t.feature_names[j] + "' holds text ('" +
                                    error_excerpt(cell_text(t, *first)) + "')",
                                "use --categorical onehot to expand it into 0/1 columns or "
                                "--categorical drop to remove it");
            }
    }

    // Mean imputation of numeric columns (text cells are only in categorical columns now).
    if (options.missing == MissingPolicy::Mean && t.missing > 0) {
        std::vector<double> sum(width, 0.0);
        std::vector<std::size_t> count(width, 0);
        for (std::size_t r = 0; r < rows; ++r) {
            const float* row = t.values.data() + r * width;
            for (std::size_t j = 0; j < width; ++j)
                if (!std::isnan(row[j])) {
                    sum[j] += row[j];
                    ++count[j];
                }
        }
        for (std::size_t j = 0; j < width; ++j) {
            if (categorical[j] || count[j] == rows)
                continue;
            if (count[j] == 0)
                throw DataError({t.file},
                                "column '" + t.feature_names[j] + "' has no values at all",
                                "drop it with --drop-columns");
            const float mean = static_cast<float>(sum[j] / static_cast<double>(count[j]));
            for (std::size_t r = 0; r < rows; ++r) {
                float& v = t.values.data()[r * width + j];
                if (std::isnan(v))
                    v = mean;
            }
        }
    }

    Dataset d;
    d.name = t.file;
    d.missing_count = t.missing;
    d.dropped_rows = t.dropped;
    if (!any_categorical) {
        d.values = std::move(t.values);
        d.column_names = t.feature_names;
    } else {
        // Rebuild with each categorical column expanded (OneHot) or removed (Drop).
        std::vector<Coding> codings(width);
        std::size_t out_width = 0;
        for (std::size_t j = 0; j < width; ++j) {
            if (!categorical[j]) {
                d.column_names.push_back(t.feature_names[j]);
                ++out_width;
                continue;
            }
            if (options.categorical == CategoricalPolicy::Drop)
                continue;
            codings[j] = code_rows(t, by_column[j], rows, [&](std::size_t r) {
                return static_cast<double>(t.values.data()[r * width + j]);
            });
            check_category_count(t, by_column[j], codings[j].names.size(), rows);
            CategoricalColumn cc;
            cc.name = t.feature_names[j];
            cc.first_column = out_width;
            cc.categories = codings[j].names;
            for (const auto& cat : cc.categories)
                d.column_names.push_back(cc.name + "=" + cat);
            out_width += cc.categories.size();
            d.categorical_columns.push_back(std::move(cc));
        }
        Matrix out(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(out_width));
        out.setZero();
        std::vector<std::vector<float>> frequency(width);
        for (std::size_t j = 0; j < width; ++j) {
            if (!categorical[j] || codings[j].names.empty())
                continue;
            auto& f = frequency[j];
            f.assign(codings[j].names.size(), 0.0f);
            std::size_t present = 0;
            for (const auto code : codings[j].codes)
                if (code >= 0) {
                    f[static_cast<std::size_t>(code)] += 1.0f;
                    ++present;
                }
            for (auto& x : f)
                x = present ? x / static_cast<float>(present) : 0.0f;
        }
        for (std::size_t r = 0; r < rows; ++r) {
            const float* in = t.values.data() + r * width;
            float* o = out.data() + r * out_width;
            std::size_t k = 0;
            for (std::size_t j = 0; j < width; ++j) {
                if (!categorical[j]) {
                    o[k++] = in[j];
                    continue;
                }
                if (options.categorical == CategoricalPolicy::Drop)
                    continue;
                const auto& coding = codings[j];
                const auto code = coding.codes[r];
                if (code >= 0)
                    o[k + static_cast<std::size_t>(code)] = 1.0f;
                else
                    for (std::size_t c = 0; c < coding.names.size(); ++c)
                        o[k + c] = frequency[j][c];
                k += coding.names.size();
            }
        }
        d.values = std::move(out);
    }
    if (t.has_label)
        finish_labels(t, label_cells, d);
    return d;
}

} // namespace vae::csv
