#include "ui/data/csv_settings_form.h"

#include "data/dataset_loader.h"
#include "data/image_shape_text.h"
#include "ui/data/image_shape_description.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>

namespace vae::ui {
namespace {

constexpr int kAutoShapeItem = 0;
constexpr int kTableShapeItem = 1;

const QString kProblemStyle = QStringLiteral("color: #b00020;");

QComboBox* make_combo(const QString& name) {
    auto* c = new QComboBox;
    c->setObjectName(name);
    return c;
}

QString delimiter_name(char c) {
    switch (c) {
    case ',':
        return CsvSettingsForm::tr("comma");
    case ';':
        return CsvSettingsForm::tr("semicolon");
    case '\t':
        return CsvSettingsForm::tr("tab");
    case '|':
        return CsvSettingsForm::tr("pipe");
    case ' ':
        return CsvSettingsForm::tr("space");
    default:
        return QStringLiteral("'%1'").arg(QLatin1Char(c));
    }
}

QString columns_text(std::size_t n) {
    return n == 1 ? CsvSettingsForm::tr("1 column")
                  : CsvSettingsForm::tr("%1 columns").arg(QLocale().toString(qulonglong{n}));
}

/// Auto and Table are list items whose translated text is not typed; anything else is.
ImageShapeText shape_choice(const QComboBox* combo) {
    const QString text = combo->currentText();
    ImageShapeText c;
    if (text == combo->itemText(kAutoShapeItem)) {
        c.automatic = true;
        return c;
    }
    if (text == combo->itemText(kTableShapeItem)) {
        c.table = true;
        return c;
    }
    return parse_image_shape_text(text.toStdString());
}

/// Index of `spec` among `names` as the reader resolves it: exact name first, then a
/// position counted from 1 or a negative one from the end; -1 when it matches nothing.
int resolve_column(const QString& spec, const QStringList& names) {
    const int by_name = static_cast<int>(names.indexOf(spec));
    if (by_name >= 0)
        return by_name;
    bool ok = false;
    const int index = spec.toInt(&ok);
    const int n = static_cast<int>(names.size());
    if (!ok || index == 0 || index < -n || index > n)
        return -1;
    return index < 0 ? index + n : index - 1;
}

} // namespace

CsvSettingsForm::CsvSettingsForm(const LoadOptions& initial, QWidget* parent)
    : QWidget(parent), initial_(initial) {
    initial_.progress = {};
    // Never narrower than its contents: a squeezed form would clip the detected settings.
    setSizePolicy(QSizePolicy::Minimum, QSizePolicy::Preferred);
    buildControls();
    applyInitialOptions();
    updateImageShapeNote();
    connectControls();
}

void CsvSettingsForm::buildControls() {
    delimiter_ = make_combo(QStringLiteral("delimiter"));
    delimiter_->addItem(tr("Auto"), 0);
    delimiter_->addItem(tr("Comma ( , )"), int{','});
    delimiter_->addItem(tr("Semicolon ( ; )"), int{';'});
    delimiter_->addItem(tr("Tab"), int{'\t'});
    delimiter_->addItem(tr("Pipe ( | )"), int{'|'});
    delimiter_->addItem(tr("Space"), int{' '});
    decimal_ = make_combo(QStringLiteral("decimal"));
    decimal_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    decimal_->addItem(tr("Auto"), 0);
    decimal_->addItem(tr("Point ( 1.5 )"), int{'.'});
    decimal_->addItem(tr("Comma ( 1,5 )"), int{','});
    decimal_->setToolTip(tr("European spreadsheets write 1,5 for one and a half, with ; "
                            "between the fields."));
    header_ = make_combo(QStringLiteral("header"));
    // The Auto items say what was detected: their width follows the text.
    delimiter_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    header_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    header_->addItem(tr("Auto"), static_cast<int>(HeaderMode::Auto));
    header_->addItem(tr("First row is a header"), static_cast<int>(HeaderMode::Present));
    header_->addItem(tr("No header"), static_cast<int>(HeaderMode::Absent));
    skip_rows_ = new QSpinBox;
    skip_rows_->setObjectName(QStringLiteral("skipRows"));
    skip_rows_->setRange(0, 1'000'000);
    skip_rows_->setToolTip(tr("Lines to skip before the header or the first record, such as a "
                              "title or comment lines."));

    limit_ = new QSpinBox;
    limit_->setObjectName(QStringLiteral("rowLimit"));
    limit_->setRange(0, std::numeric_limits<int>::max());
    limit_->setSpecialValueText(tr("All rows"));
    limit_->setGroupSeparatorShown(true);
    limit_->setToolTip(tr("Load only the first rows of a large file."));

    auto* reading = new QGroupBox(tr("Reading"));
    auto* reading_form = new QFormLayout(reading);
    reading_form->addRow(tr("&Delimiter:"), delimiter_);
    reading_form->addRow(tr("D&ecimal separator:"), decimal_);
    reading_form->addRow(tr("&Header:"), header_);
    reading_form->addRow(tr("&Skip rows:"), skip_rows_);
    reading_form->addRow(tr("&Rows to load:"), limit_);

    label_ = make_combo(QStringLiteral("labelColumn"));
    label_->addItem(tr("None"), -1);
    label_->setToolTip(tr("A column that names each row's class. It is shown with the results "
                          "but the model does not learn from it."));
    ignore_ = new QListWidget;
    ignore_->setObjectName(QStringLiteral("ignoreColumns"));
    ignore_->setToolTip(tr("Checked columns are not loaded (ids, free text, dates, ...)."));
    ignore_->setMinimumHeight(90);
    auto* ignore_label = new QLabel(tr("&Ignore columns:"));
    ignore_label->setBuddy(ignore_);
    auto* columns = new QGroupBox(tr("Columns"));
    auto* columns_layout = new QVBoxLayout(columns);
    auto* label_form = new QFormLayout;
    label_form->addRow(tr("L&abel column:"), label_);
    columns_layout->addLayout(label_form);
    columns_layout->addWidget(ignore_label);
    columns_layout->addWidget(ignore_, 1);

    categorical_ = make_combo(QStringLiteral("categorical"));
    categorical_->addItem(tr("One-hot encode"), static_cast<int>(CategoricalPolicy::OneHot));
    categorical_->addItem(tr("Drop them"), static_cast<int>(CategoricalPolicy::Drop));
    categorical_->addItem(tr("Report an error"), static_cast<int>(CategoricalPolicy::Error));
    categorical_->setToolTip(tr("Columns of words (colors, countries, ...) become one 0/1 column "
                                "per distinct word when one-hot encoded."));
    missing_ = make_combo(QStringLiteral("missing"));
    missing_->addItem(tr("Report an error"), static_cast<int>(MissingPolicy::Error));
    missing_->addItem(tr("Drop rows"), static_cast<int>(MissingPolicy::Drop));
    missing_->addItem(tr("Fill with column mean"), static_cast<int>(MissingPolicy::Mean));
    missing_->setToolTip(tr("Empty cells and NA, N/A, NaN, null, ? count as missing."));
    normalization_ = make_combo(QStringLiteral("normalization"));
    normalization_->addItem(tr("Auto (recommended)"), static_cast<int>(Normalization::Kind::Auto));
    normalization_->addItem(tr("None"), static_cast<int>(Normalization::Kind::None));
    normalization_->addItem(tr("Min–max to [0, 1]"), static_cast<int>(Normalization::Kind::MinMax));
    normalization_->addItem(tr("Z-score (mean 0, sd 1)"),
                            static_cast<int>(Normalization::Kind::ZScore));
    normalization_->setToolTip(tr("Auto standardises each table column (mean 0, sd 1) and "
                                  "scales images to [0, 1]. Samples and exports are shown in "
                                  "the file's own units whatever is chosen here."));
    image_shape_ = make_combo(QStringLiteral("imageShape"));
    image_shape_->setEditable(true);
    image_shape_->setInsertPolicy(QComboBox::NoInsert);
    image_shape_->addItem(tr("Auto"));
    image_shape_->addItem(tr("Table (no image)"));
    image_shape_->addItem(QStringLiteral("28x28"));
    image_shape_->addItem(QStringLiteral("32x32x3"));
    image_shape_->setToolTip(tr("Pick Auto or Table, or type WIDTHxHEIGHT (28x28) or "
                                "WIDTHxHEIGHTxCHANNELS (32x32x3)."));
    image_shape_note_ = new QLabel;
    image_shape_note_->setObjectName(QStringLiteral("imageShapeNote"));
    image_shape_note_->setWordWrap(true);
    image_shape_note_->setTextFormat(Qt::PlainText);
    auto* values = new QGroupBox(tr("Values"));
    auto* values_form = new QFormLayout(values);
    values_form->addRow(tr("&Text columns:"), categorical_);
    values_form->addRow(tr("&Missing values:"), missing_);
    values_form->addRow(tr("&Normalization:"), normalization_);
    values_form->addRow(tr("Ima&ge shape:"), image_shape_);
    values_form->addRow(image_shape_note_);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 4, 0);
    layout->addWidget(reading);
    layout->addWidget(columns, 1);
    layout->addWidget(values);
}

void CsvSettingsForm::applyInitialOptions() {
    const LoadOptions& o = initial_;
    if (o.delimiter) {
        int i = delimiter_->findData(int{*o.delimiter});
        if (i < 0) {
            delimiter_->addItem(delimiter_name(*o.delimiter), int{*o.delimiter});
            i = delimiter_->count() - 1;
        }
        delimiter_->setCurrentIndex(i);
    }
    if (o.decimal)
        decimal_->setCurrentIndex(decimal_->findData(int{*o.decimal}));
    header_->setCurrentIndex(header_->findData(static_cast<int>(o.header)));
    skip_rows_->setValue(static_cast<int>(std::min<std::size_t>(o.skip_rows, 1'000'000)));
    categorical_->setCurrentIndex(categorical_->findData(static_cast<int>(o.categorical)));
    missing_->setCurrentIndex(missing_->findData(static_cast<int>(o.missing)));
    normalization_->setCurrentIndex(normalization_->findData(static_cast<int>(o.normalization)));
    if (o.force_table)
        image_shape_->setCurrentIndex(kTableShapeItem);
    else if (o.image_shape)
        image_shape_->setEditText(QString::fromStdString(image_shape_text(*o.image_shape)));
    limit_->setValue(static_cast<int>(
        std::min<std::size_t>(o.limit, static_cast<std::size_t>(limit_->maximum()))));
    // Label and ignored columns are matched against the header once the preview has one.
}

void CsvSettingsForm::connectControls() {
    const auto changed = [this] { emit settingsChanged(); };
    for (QComboBox* c : {delimiter_, decimal_, header_, categorical_, missing_, normalization_})
        connect(c, &QComboBox::currentIndexChanged, this, changed);
    connect(skip_rows_, &QSpinBox::valueChanged, this, changed);
    connect(limit_, &QSpinBox::valueChanged, this, changed);
    connect(image_shape_, &QComboBox::editTextChanged, this, [this] {
        updateImageShapeNote();
        emit settingsChanged();
    });
    connect(label_, &QComboBox::currentIndexChanged, this, [this] {
        if (repopulating_)
            return;
        const int i = labelIndex();
        wanted_label_ = i >= 0 ? columns_.value(i) : QString();
        updateColumnItems();
        emit columnRolesChanged();
        emit settingsChanged();
    });
    connect(ignore_, &QListWidget::itemChanged, this, [this](QListWidgetItem* item) {
        if (repopulating_)
            return;
        const QString name = columns_.value(ignore_->row(item));
        if (item->checkState() == Qt::Checked)
            wanted_ignored_.insert(name);
        else
            wanted_ignored_.remove(name);
        updateImageShapeNote();
        emit columnRolesChanged();
        emit settingsChanged();
    });
}

void CsvSettingsForm::setDetected(char delimiter, bool header, char decimal) {
    if (delimiter_->currentIndex() == 0)
        delimiter_->setItemText(0, tr("Auto (detected: %1)").arg(delimiter_name(delimiter)));
    if (decimal_->currentIndex() == 0)
        decimal_->setItemText(0, decimal == ',' ? tr("Auto (detected: comma)")
                                                : tr("Auto (detected: point)"));
    if (header_->currentIndex() == 0)
        header_->setItemText(0, header ? tr("Auto (detected: yes)") : tr("Auto (detected: no)"));
}

void CsvSettingsForm::setProposedLabel(int index, const QString& reason) {
    proposed_label_ = index;
    proposed_label_reason_ = reason;
}

void CsvSettingsForm::setColumns(const QStringList& names) {
    if (names == columns_ && initial_columns_resolved_)
        return;
    // A column that kept its place but lost its name (the header setting changed) keeps
    // its role; a name that is gone for now stays wanted in case the next parse brings it back.
    const QStringList old = columns_;
    const auto carry = [&](const QString& name) {
        if (name.isEmpty() || names.contains(name))
            return name;
        const auto i = old.indexOf(name);
        return i >= 0 && old.size() == names.size() ? names.at(i) : name;
    };
    wanted_label_ = carry(wanted_label_);
    QSet<QString> ignored;
    for (const QString& n : std::as_const(wanted_ignored_))
        ignored.insert(carry(n));
    wanted_ignored_ = ignored;
    columns_ = names;
    if (!initial_columns_resolved_)
        resolveInitialColumns();

    repopulating_ = true;
    label_->clear();
    label_->addItem(tr("None"), -1);
    for (int i = 0; i < names.size(); ++i)
        label_->addItem(names.at(i), i);
    label_->setCurrentIndex(static_cast<int>(names.indexOf(wanted_label_)) + 1);
    ignore_->clear();
    for (const QString& n : names) {
        auto* item = new QListWidgetItem(n, ignore_);
        item->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled);
        item->setCheckState(wanted_ignored_.contains(n) ? Qt::Checked : Qt::Unchecked);
    }
    repopulating_ = false;
    updateColumnItems();
}

void CsvSettingsForm::resolveInitialColumns() {
    initial_columns_resolved_ = true;
    const auto resolve = [this](const std::string& spec) {
        const int i = resolve_column(QString::fromStdString(spec), columns_);
        return i >= 0 ? columns_.at(i) : QString();
    };
    if (initial_.label_column == kAutoLabel) {
        if (proposed_label_ >= 0 && proposed_label_ < columns_.size()) {
            wanted_label_ = columns_.at(proposed_label_);
            label_->setToolTip(tr("Proposed: %1 (%2).").arg(wanted_label_, proposed_label_reason_));
        }
    } else if (!is_no_label(initial_.label_column)) {
        wanted_label_ = resolve(initial_.label_column);
    }
    for (const auto& d : initial_.drop_columns)
        if (const QString n = resolve(d); !n.isEmpty())
            wanted_ignored_.insert(n);
}

void CsvSettingsForm::updateColumnItems() {
    const int label = labelIndex();
    repopulating_ = true;
    for (int i = 0; i < ignore_->count(); ++i) {
        QListWidgetItem* item = ignore_->item(i);
        const bool is_label = i == label;
        item->setFlags(is_label ? Qt::ItemIsUserCheckable
                                : Qt::ItemIsUserCheckable | Qt::ItemIsEnabled);
        item->setToolTip(is_label ? tr("This is the label column.") : QString());
    }
    repopulating_ = false;
    updateImageShapeNote();
}

int CsvSettingsForm::labelIndex() const {
    return label_->currentIndex() > 0 ? label_->currentData().toInt() : -1;
}

std::vector<bool> CsvSettingsForm::ignoredFlags() const {
    std::vector<bool> flags(static_cast<std::size_t>(ignore_->count()), false);
    const int label = labelIndex();
    for (int i = 0; i < ignore_->count(); ++i)
        flags[static_cast<std::size_t>(i)] =
            i != label && ignore_->item(i)->checkState() == Qt::Checked;
    return flags;
}

bool CsvSettingsForm::isValid() const {
    return shape_choice(image_shape_).problem.empty();
}

void CsvSettingsForm::updateImageShapeNote() {
    const ImageShapeText choice = shape_choice(image_shape_);
    if (!choice.problem.empty()) {
        image_shape_note_->setStyleSheet(kProblemStyle);
        // The core's words start in lower case, as they follow a file name in the CLI.
        QString problem = QString::fromStdString(choice.problem);
        problem[0] = problem[0].toUpper();
        image_shape_note_->setText(problem + QLatin1Char('.'));
        return;
    }
    image_shape_note_->setStyleSheet(QString());
    std::size_t used = 0;
    for (const bool ignored : ignoredFlags())
        used += ignored ? 0 : 1;
    if (labelIndex() >= 0 && used > 0)
        --used;
    if (choice.table) {
        image_shape_note_->setText(tr("Rows are loaded as a table of %1.").arg(columns_text(used)));
    } else if (choice.shape) {
        if (used > 0 && choice.shape->values() != used) {
            image_shape_note_->setStyleSheet(kProblemStyle);
            image_shape_note_->setText(tr("%1 need %2 values per row, but %3 are used.")
                                           .arg(describe_image_shape(*choice.shape))
                                           .arg(choice.shape->values())
                                           .arg(columns_text(used)));
        } else {
            image_shape_note_->setText(tr("Rows are %1.").arg(describe_image_shape(*choice.shape)));
        }
    } else if (used == 0) {
        image_shape_note_->setText(tr("Inferred from the number of columns."));
    } else if (const auto inferred = infer_image_shape(used)) {
        image_shape_note_->setText(tr("%1 used: loaded as %2 if the values look like pixels "
                                      "(whole numbers 0..255, or all within 0..1), else as a "
                                      "table.")
                                       .arg(columns_text(used), describe_image_shape(*inferred)));
    } else {
        image_shape_note_->setText(tr("%1 used: loaded as a table.").arg(columns_text(used)));
    }
}

QString CsvSettingsForm::columnSpec(int index) const {
    // A name resolves to its first occurrence, so a repeated name is given by position.
    const QString& name = columns_.at(index);
    return columns_.indexOf(name) == index ? name : QString::number(index + 1);
}

LoadOptions CsvSettingsForm::options() const {
    LoadOptions o = initial_;
    o.delimiter.reset();
    if (const int d = delimiter_->currentData().toInt(); d != 0)
        o.delimiter = static_cast<char>(d);
    o.decimal.reset();
    if (const int d = decimal_->currentData().toInt(); d != 0)
        o.decimal = static_cast<char>(d);
    o.header = static_cast<HeaderMode>(header_->currentData().toInt());
    o.skip_rows = static_cast<std::size_t>(skip_rows_->value());
    if (!columns_.isEmpty()) {
        const int label = labelIndex();
        o.label_column = label >= 0 ? columnSpec(label).toStdString() : std::string(kNoLabel);
        o.drop_columns.clear();
        const auto ignored = ignoredFlags();
        for (int i = 0; i < static_cast<int>(ignored.size()); ++i)
            if (ignored[static_cast<std::size_t>(i)])
                o.drop_columns.push_back(columnSpec(i).toStdString());
    }
    o.categorical = static_cast<CategoricalPolicy>(categorical_->currentData().toInt());
    o.missing = static_cast<MissingPolicy>(missing_->currentData().toInt());
    o.normalization = static_cast<Normalization::Kind>(normalization_->currentData().toInt());
    const ImageShapeText shape = shape_choice(image_shape_);
    o.image_shape = shape.shape;
    o.force_table = shape.table;
    o.limit = static_cast<std::size_t>(limit_->value());
    return o;
}

} // namespace vae::ui
