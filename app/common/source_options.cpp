#include "app/common/source_options.h"

#include "data/image_shape_text.h"

#include <QStringList>

#include <initializer_list>
#include <utility>

namespace vae::app {
namespace {

const QString kDelimiter = QStringLiteral("delimiter");
const QString kDecimal = QStringLiteral("decimal");
const QString kHeader = QStringLiteral("header");
const QString kNoHeader = QStringLiteral("no-header");
const QString kSkipRows = QStringLiteral("skip-rows");
const QString kLabelColumn = QStringLiteral("label-column");
const QString kDropColumns = QStringLiteral("drop-columns");
const QString kMissing = QStringLiteral("missing");
const QString kCategorical = QStringLiteral("categorical");
const QString kImageShape = QStringLiteral("image-shape");
const QString kNormalize = QStringLiteral("normalize");
const QString kLimit = QStringLiteral("limit");
const QString kSeed = QStringLiteral("data-seed");
const QString kRows = QStringLiteral("rows");

bool parse_count(const QString& text, std::size_t& out) {
    bool ok = false;
    const qulonglong v = text.toULongLong(&ok);
    if (!ok)
        return false;
    out = static_cast<std::size_t>(v);
    return true;
}

QString bad_value(const QString& option, const QString& value, const QString& accepted) {
    return QStringLiteral("--%1: '%2' is not accepted (%3)").arg(option, value, accepted);
}

/// Sets `out` from the option's value when it is one of `choices`; leaves it alone when the
/// option is not given; false with `error` set for any other value.
template <class T>
bool parse_choice(const QCommandLineParser& p, const QString& option,
                  std::initializer_list<std::pair<const char*, T>> choices, T& out,
                  QString& error) {
    if (!p.isSet(option))
        return true;
    const QString value = p.value(option);
    QStringList names;
    for (const auto& [name, choice] : choices) {
        if (value == QLatin1String(name)) {
            out = choice;
            return true;
        }
        names << QString::fromLatin1(name);
    }
    error = bad_value(option, value, QStringLiteral("use ") + names.join(QStringLiteral(", ")));
    return false;
}

/// --image-shape: a shape, none/table, or auto (the default: inferred from the columns).
bool read_image_shape(const QString& value, LoadOptions& o, QString& error) {
    const ImageShapeText t = parse_image_shape_text(value.toStdString());
    if (!t.problem.empty()) {
        error = bad_value(kImageShape, value, QString::fromStdString(t.problem));
        return false;
    }
    o.image_shape = t.shape;
    o.force_table = t.table;
    return true;
}

} // namespace

void add_source_options(QCommandLineParser& p) {
    p.addOptions({
        {kDelimiter,
         QStringLiteral("CSV field delimiter: ',', ';', 'tab' or '|' (default: sniffed)."),
         QStringLiteral("char")},
        {kDecimal,
         QStringLiteral("CSV decimal separator: 'point' (1.5) or 'comma' (1,5; needs another "
                        "delimiter) (default: detected)."),
         QStringLiteral("sep")},
        {kHeader, QStringLiteral("The first CSV row is a header (default: detected).")},
        {kNoHeader, QStringLiteral("The first CSV row is data, not a header.")},
        {kSkipRows, QStringLiteral("Skip N lines before the header or first record."),
         QStringLiteral("N")},
        {kLabelColumn,
         QStringLiteral("Label column: header name, position counted from 1 (as a spreadsheet "
                        "does), -1 for the last, 'none', or 'auto' (the default: a column named "
                        "like a label or a text column of classes)."),
         QStringLiteral("column")},
        {kDropColumns,
         QStringLiteral("Comma-separated columns (names or positions from 1) to ignore."),
         QStringLiteral("list")},
        {kMissing,
         QStringLiteral(
             "Missing values (empty, NA, NaN, ?): error, drop or mean (default: error)."),
         QStringLiteral("policy")},
        {kCategorical, QStringLiteral("Text columns: onehot, drop or error (default: onehot)."),
         QStringLiteral("policy")},
        {kImageShape,
         QStringLiteral("Image shape WxH or WxHxC, or 'none' for a table (default: inferred from "
                        "square pixel counts of values that look like pixels: 0..255 or 0..1)."),
         QStringLiteral("shape")},
        {kNormalize,
         QStringLiteral("Normalization: auto, none, minmax or zscore (default: auto: table "
                        "columns z-scored, 0..255 images scaled to [0,1]; samples and exports stay "
                        "in the data's units)."),
         QStringLiteral("kind")},
        {kLimit, QStringLiteral("Keep only the first N rows."), QStringLiteral("N")},
        {kSeed, QStringLiteral("Seed of a built-in dataset (default: 1)."), QStringLiteral("N")},
        {kRows, QStringLiteral("Number of rows of a built-in dataset (default: the set's own)."),
         QStringLiteral("N")},
    });
}

bool any_source_option_set(const QCommandLineParser& p) {
    for (const QString* name :
         {&kDelimiter, &kDecimal, &kHeader, &kNoHeader, &kSkipRows, &kLabelColumn, &kDropColumns,
          &kMissing, &kCategorical, &kImageShape, &kNormalize, &kLimit, &kSeed, &kRows})
        if (p.isSet(*name))
            return true;
    return false;
}

std::optional<LoadOptions> source_options_from(const QCommandLineParser& p, QString& error) {
    LoadOptions o;
    if (p.isSet(kDelimiter)) {
        const QString d = p.value(kDelimiter);
        if (d == QLatin1String("tab") || d == QLatin1String("\\t") || d == QLatin1String("\t"))
            o.delimiter = '\t';
        else if (d == QLatin1String(",") || d == QLatin1String(";") || d == QLatin1String("|"))
            o.delimiter = d.at(0).toLatin1();
        else {
            error = bad_value(kDelimiter, d, QStringLiteral("use ',', ';', 'tab' or '|'"));
            return std::nullopt;
        }
    }
    if (p.isSet(kDecimal)) {
        char decimal = '.';
        if (!parse_choice(p, kDecimal, {{"point", '.'}, {"comma", ','}}, decimal, error))
            return std::nullopt;
        if (decimal == ',' && o.delimiter == ',') {
            error = QStringLiteral("--decimal comma needs another --delimiter (';', 'tab' or '|')");
            return std::nullopt;
        }
        o.decimal = decimal;
    }
    if (p.isSet(kHeader) && p.isSet(kNoHeader)) {
        error = QStringLiteral("--header and --no-header contradict each other (give one)");
        return std::nullopt;
    }
    if (p.isSet(kHeader))
        o.header = HeaderMode::Present;
    if (p.isSet(kNoHeader))
        o.header = HeaderMode::Absent;
    if (p.isSet(kSkipRows) && !parse_count(p.value(kSkipRows), o.skip_rows)) {
        error = bad_value(kSkipRows, p.value(kSkipRows), QStringLiteral("a whole number >= 0"));
        return std::nullopt;
    }
    if (p.isSet(kLabelColumn))
        o.label_column = p.value(kLabelColumn).toStdString();
    if (p.isSet(kDropColumns))
        for (const QString& c : p.value(kDropColumns).split(QLatin1Char(','), Qt::SkipEmptyParts))
            o.drop_columns.push_back(c.trimmed().toStdString());
    if (!parse_choice(p, kMissing,
                      {{"error", MissingPolicy::Error},
                       {"drop", MissingPolicy::Drop},
                       {"mean", MissingPolicy::Mean}},
                      o.missing, error))
        return std::nullopt;
    if (!parse_choice(p, kCategorical,
                      {{"onehot", CategoricalPolicy::OneHot},
                       {"drop", CategoricalPolicy::Drop},
                       {"error", CategoricalPolicy::Error}},
                      o.categorical, error))
        return std::nullopt;
    if (p.isSet(kImageShape) && !read_image_shape(p.value(kImageShape), o, error))
        return std::nullopt;
    if (!parse_choice(p, kNormalize,
                      {{"auto", Normalization::Kind::Auto},
                       {"none", Normalization::Kind::None},
                       {"minmax", Normalization::Kind::MinMax},
                       {"zscore", Normalization::Kind::ZScore}},
                      o.normalization, error))
        return std::nullopt;
    if (p.isSet(kLimit) && (!parse_count(p.value(kLimit), o.limit) || o.limit == 0)) {
        error = bad_value(kLimit, p.value(kLimit), QStringLiteral("a whole number >= 1"));
        return std::nullopt;
    }
    if (p.isSet(kSeed)) {
        std::size_t seed = 0;
        if (!parse_count(p.value(kSeed), seed)) {
            error = bad_value(kSeed, p.value(kSeed), QStringLiteral("a whole number >= 0"));
            return std::nullopt;
        }
        o.seed = seed;
    }
    if (p.isSet(kRows) && (!parse_count(p.value(kRows), o.builtin_rows) || o.builtin_rows == 0 ||
                           o.builtin_rows > 10'000'000)) {
        error =
            bad_value(kRows, p.value(kRows), QStringLiteral("a whole number from 1 to 10000000"));
        return std::nullopt;
    }
    return o;
}

} // namespace vae::app
