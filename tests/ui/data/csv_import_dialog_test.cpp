#include "ui/data/csv_import_dialog.h"
#include "ui/data/csv_preview_table.h"
#include "ui/data/dataset_load_job.h"

#include "../core/temp_files.h"

#include <QComboBox>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTest>
#include <QTimer>

#include <catch2/catch.hpp>

#include <csignal>
#include <fcntl.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>

using vae::ui::CsvImportDialog;
using vae::ui::CsvPreviewTable;
using vae::ui::DatasetLoadJob;

namespace {

template <class T> T* child(const QObject& parent, const char* name) {
    auto* w = parent.findChild<T*>(QString::fromLatin1(name));
    REQUIRE(w != nullptr);
    return w;
}

QString q(const std::string& s) {
    return QString::fromStdString(s);
}

/// Compared as std::string so that Catch prints the values of a failed check.
std::string text(const QString& s) {
    return s.toStdString();
}

/// Waits until the dialog shows the preview of its current settings (read off the GUI thread).
void wait_preview(const CsvImportDialog& d) {
    REQUIRE(QTest::qWaitFor([&] { return !d.previewPending(); }, 10000));
}

/// Applies `change` and waits for the debounced preview it triggers.
template <class F> void change_and_wait(CsvImportDialog& d, F change) {
    QSignalSpy spy(&d, &CsvImportDialog::previewUpdated);
    change();
    REQUIRE(spy.wait(5000));
}

void select_text(QComboBox* combo, const QString& wanted) {
    const int i = combo->findText(wanted);
    REQUIRE(i >= 0);
    combo->setCurrentIndex(i);
}

QListWidgetItem* ignore_item(const CsvImportDialog& d, const QString& name) {
    const auto found = child<QListWidget>(d, "ignoreColumns")->findItems(name, Qt::MatchExactly);
    REQUIRE(found.size() == 1);
    return found.front();
}

void click(const CsvImportDialog& d, const char* button) {
    QTest::mouseClick(child<QPushButton>(d, button), Qt::LeftButton);
}

/// Hands `text` to the next reader that opens the FIFO at `path` (gives up after 20 s), so a
/// test decides exactly when a load gets its data.
std::thread feed_fifo(const std::string& path, const std::string& text) {
    return std::thread([path, text] {
        sigset_t pipe_signal;
        sigemptyset(&pipe_signal);
        sigaddset(&pipe_signal, SIGPIPE);
        pthread_sigmask(SIG_BLOCK, &pipe_signal, nullptr); // a reader gone early: EPIPE only
        for (int attempt = 0; attempt < 2000; ++attempt) {
            const int fd = ::open(path.c_str(), O_WRONLY | O_NONBLOCK);
            if (fd >= 0) {
                ::fcntl(fd, F_SETFL, 0);
                std::size_t done = 0;
                while (done < text.size()) {
                    const auto n = ::write(fd, text.data() + done, text.size() - done);
                    if (n <= 0)
                        break;
                    done += static_cast<std::size_t>(n);
                }
                ::close(fd);
                return;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
    });
}

} // namespace

TEST_CASE("the preview shows a semicolon file as parsed, with what was detected", "[gui]") {
    vae::test::TempDir dir;
    const auto path = dir.write("iris.csv", "x;y;label\n1;2;a\n3;4;b\n5;6;a\n");
    CsvImportDialog d(q(path));
    wait_preview(d);
    const QTableWidget* t = d.previewTable();
    REQUIRE(t->columnCount() == 3);
    REQUIRE(t->rowCount() == 3);
    CHECK(text(t->horizontalHeaderItem(0)->text()) == "x");
    CHECK(text(t->item(1, 1)->text()) == "4");
    CHECK(text(t->item(2, 2)->text()) == "a");
    CHECK_THAT(text(child<QComboBox>(d, "delimiter")->currentText()), Catch::Contains("semicolon"));
    CHECK_THAT(text(child<QComboBox>(d, "header")->currentText()), Catch::Contains("yes"));
    // A column called "label" is taken for the labels and marked as such.
    CHECK(text(child<QComboBox>(d, "labelColumn")->currentText()) == "label");
    CHECK(text(t->horizontalHeaderItem(2)->text()) ==
          text(QStringLiteral("label") + CsvPreviewTable::labelSuffix()));
    CHECK(d.options().label_column == "label");
    CHECK_FALSE(d.options().delimiter.has_value()); // still detected at load time
    CHECK(d.errorText().isEmpty());
}

TEST_CASE("a gzip-compressed CSV is previewed like a plain one", "[gui]") {
    vae::test::TempDir dir;
    const auto path = dir.write_gz("data.csv.gz", "a\tb\n1\t2\n");
    CsvImportDialog d(q(path));
    wait_preview(d);
    CHECK(d.previewTable()->columnCount() == 2);
    CHECK(d.previewTable()->rowCount() == 1);
    CHECK_THAT(text(child<QComboBox>(d, "delimiter")->currentText()), Catch::Contains("tab"));
}

TEST_CASE("the chosen label and ignored columns go into the options and the dataset", "[gui]") {
    vae::test::TempDir dir;
    const auto path = dir.write(
        "pets.csv", "id,height,weight,species\n1,1.5,60,cat\n2,1.8,80,dog\n3,1.7,72,cat\n");
    CsvImportDialog d(q(path));
    wait_preview(d);
    d.show();
    auto* label = child<QComboBox>(d, "labelColumn");
    // The text column of repeated values is proposed; the user can say none, and pick it again.
    CHECK(text(label->currentText()) == "species");
    select_text(label, QStringLiteral("None"));
    CHECK(d.options().label_column == "none");
    select_text(label, QStringLiteral("species"));
    ignore_item(d, QStringLiteral("id"))->setCheckState(Qt::Checked);
    const vae::LoadOptions o = d.options();
    CHECK(o.label_column == "species");
    REQUIRE(o.drop_columns.size() == 1);
    CHECK(o.drop_columns[0] == "id");
    const QTableWidget* t = d.previewTable();
    CHECK(text(t->horizontalHeaderItem(0)->text()) ==
          text(QStringLiteral("id") + CsvPreviewTable::ignoredSuffix()));
    CHECK(text(t->horizontalHeaderItem(3)->text()) ==
          text(QStringLiteral("species") + CsvPreviewTable::labelSuffix()));
    // The label column cannot also be ignored.
    CHECK_FALSE(ignore_item(d, QStringLiteral("species"))->flags().testFlag(Qt::ItemIsEnabled));

    QSignalSpy loaded(&d, &CsvImportDialog::datasetLoaded);
    click(d, "load");
    REQUIRE(loaded.wait(10000));
    REQUIRE(d.dataset());
    CHECK(d.dataset()->cols() == 2);
    CHECK(d.dataset()->column_names == std::vector<std::string>{"height", "weight"});
    CHECK(d.dataset()->label_names == std::vector<std::string>{"cat", "dog"});
    CHECK(d.dataset()->labels == std::vector<std::int32_t>{0, 1, 0});
    CHECK(d.result() == QDialog::Accepted);
}

TEST_CASE("saying there is no header turns the first row into data", "[gui]") {
    vae::test::TempDir dir;
    const auto path = dir.write("ab.csv", "a,b\n1,2\n3,4\n");
    CsvImportDialog d(q(path));
    wait_preview(d);
    REQUIRE(d.previewTable()->rowCount() == 2);
    auto* header = child<QComboBox>(d, "header");
    CHECK_THAT(text(header->currentText()), Catch::Contains("yes"));
    change_and_wait(d, [&] { select_text(header, QStringLiteral("No header")); });
    const QTableWidget* t = d.previewTable();
    REQUIRE(t->rowCount() == 3);
    CHECK(text(t->item(0, 0)->text()) == "a");
    CHECK(text(t->horizontalHeaderItem(1)->text()) == "column 2");
    CHECK(d.options().header == vae::HeaderMode::Absent);
}

TEST_CASE("a load error is shown inline and the dialog stays open until it is fixed", "[gui]") {
    vae::test::TempDir dir;
    const auto path = dir.write("bad.csv", "a,b,c\n1,2,3\n4,x,6\n7,8,9\n");
    CsvImportDialog d(q(path));
    wait_preview(d);
    d.show();
    auto* job = child<DatasetLoadJob>(d, "loadJob");
    QSignalSpy failed(job, &DatasetLoadJob::failed);
    QSignalSpy finished(&d, &QDialog::finished);
    click(d, "load");
    REQUIRE(failed.wait(10000));
    const QString error = d.errorText();
    CHECK_THAT(text(error), Catch::Contains("bad.csv"));
    CHECK_THAT(text(error), Catch::Contains("line 3"));
    CHECK_THAT(text(error), Catch::Contains("column 2"));
    CHECK_THAT(text(error), Catch::Contains("'x'"));
    // The hint names the dialog's setting, not a command-line option.
    CHECK_THAT(text(error), Catch::Contains("Missing values: Drop rows"));
    CHECK_THAT(text(error), !Catch::Contains("--missing"));
    CHECK(child<QLabel>(d, "error")->isVisible());
    CHECK(d.isVisible());
    CHECK(finished.isEmpty());
    CHECK_FALSE(d.dataset());
    CHECK(child<QPushButton>(d, "load")->isEnabled());
    CHECK(child<QComboBox>(d, "delimiter")->isEnabled());

    change_and_wait(d, [&] { ignore_item(d, QStringLiteral("b"))->setCheckState(Qt::Checked); });
    CHECK(d.errorText().isEmpty());
    QSignalSpy loaded(&d, &CsvImportDialog::datasetLoaded);
    click(d, "load");
    REQUIRE(loaded.wait(10000));
    CHECK(d.dataset()->cols() == 2);
    CHECK(d.dataset()->rows() == 3);
    CHECK(d.result() == QDialog::Accepted);
}

TEST_CASE("a title line is skipped and said so, the proposed label survives re-parsing", "[gui]") {
    vae::test::TempDir dir;
    const auto path = dir.write("lab.csv", "# exported from the lab\nid,x,species\n1,0.5,cat\n"
                                           "2,0.7,dog\n3,0.1,cat\n");
    CsvImportDialog d(q(path));
    wait_preview(d);
    CHECK(d.errorText().isEmpty());
    CHECK_THAT(text(child<QLabel>(d, "previewInfo")->text()),
               Catch::Contains("skipped line 1") && Catch::Contains("title"));
    REQUIRE(d.previewTable()->rowCount() == 3);
    // The text column of repeated values is proposed as the label.
    auto* label = child<QComboBox>(d, "labelColumn");
    CHECK(text(label->currentText()) == "species");
    CHECK(d.options().label_column == "species");
    ignore_item(d, QStringLiteral("id"))->setCheckState(Qt::Checked);

    // Without a header the columns lose their names but keep their roles, and get them back.
    auto* header = child<QComboBox>(d, "header");
    change_and_wait(d, [&] { select_text(header, QStringLiteral("No header")); });
    CHECK(text(label->currentText()) == "column 3");
    CHECK(ignore_item(d, QStringLiteral("column 1"))->checkState() == Qt::Checked);
    change_and_wait(d, [&] { header->setCurrentIndex(0); });
    CHECK(text(label->currentText()) == "species");
    CHECK(ignore_item(d, QStringLiteral("id"))->checkState() == Qt::Checked);
    CHECK(d.options().drop_columns == std::vector<std::string>{"id"});

    // Picking None is kept as none, not re-proposed.
    change_and_wait(d, [&] { label->setCurrentIndex(0); });
    CHECK(d.options().label_column == "none");
}

TEST_CASE("a decimal-comma file is read as numbers, and the separator can be overridden", "[gui]") {
    vae::test::TempDir dir;
    const auto path = dir.write("eu.csv", "a;b;kind\n1,5;2,25;x\n2,5;3,5;y\n0,5;1;x\n");
    CsvImportDialog d(q(path));
    wait_preview(d);
    auto* decimal = child<QComboBox>(d, "decimal");
    CHECK_THAT(text(decimal->itemText(0)), Catch::Contains("comma"));
    QSignalSpy loaded(&d, &CsvImportDialog::datasetLoaded);
    click(d, "load");
    REQUIRE(loaded.wait(10000));
    REQUIRE(d.dataset()->cols() == 2);
    CHECK(d.dataset()->label_column == "kind");
    CHECK(d.dataset()->categorical_columns.empty());
    CsvImportDialog point(q(path));
    wait_preview(point);
    change_and_wait(point, [&] {
        select_text(child<QComboBox>(point, "decimal"), QStringLiteral("Point ( 1.5 )"));
    });
    CHECK(point.options().decimal == '.');
}

TEST_CASE("an image shape that is not a shape is explained next to the field", "[gui]") {
    vae::test::TempDir dir;
    const auto path = dir.write("px.csv", "a,b,c,d\n1,2,3,4\n5,6,7,8\n");
    CsvImportDialog d(q(path));
    wait_preview(d);
    d.show();
    auto* shape = child<QComboBox>(d, "imageShape");
    auto* note = child<QLabel>(d, "imageShapeNote");
    auto* load = child<QPushButton>(d, "load");
    CHECK(load->isEnabled());

    shape->setEditText(QStringLiteral("28x"));
    CHECK(note->isVisible());
    CHECK_THAT(text(note->text()), Catch::Contains("WIDTHxHEIGHT"));
    CHECK_FALSE(load->isEnabled());
    CHECK_FALSE(d.options().image_shape.has_value());

    shape->setEditText(QStringLiteral("2x2x5"));
    CHECK_THAT(text(note->text()), Catch::Contains("channels"));
    CHECK_FALSE(load->isEnabled());

    shape->setEditText(QStringLiteral("2x2"));
    CHECK(load->isEnabled());
    REQUIRE(d.options().image_shape.has_value());
    CHECK(*d.options().image_shape == vae::ImageShape{2, 2, 1});
    CHECK_THAT(text(note->text()), Catch::Contains("2×2"));

    shape->setEditText(QStringLiteral("3x3"));
    CHECK_THAT(text(note->text()), Catch::Contains("9 values"));
    CHECK(load->isEnabled()); // the loader has the last word (one-hot columns add values)

    shape->setCurrentIndex(1); // Table
    CHECK(d.options().force_table);
    CHECK_FALSE(d.options().image_shape.has_value());
}

TEST_CASE("Cancel during a load stops the load and keeps the dialog open", "[gui]") {
    vae::test::TempDir dir;
    // A FIFO: the load waits for its data until the test has pressed Cancel.
    const auto path = dir.file("stream.csv");
    REQUIRE(::mkfifo(path.c_str(), 0600) == 0);
    const std::string content = "a,b\n1,2\n3,4\n";
    auto preview_feed = feed_fifo(path, content);
    CsvImportDialog d(q(path));
    wait_preview(d);
    preview_feed.join();
    REQUIRE(d.previewTable()->rowCount() == 2);
    d.show();
    auto* job = child<DatasetLoadJob>(d, "loadJob");
    QSignalSpy cancelled(job, &DatasetLoadJob::cancelled);
    QSignalSpy loaded(&d, &CsvImportDialog::datasetLoaded);
    QSignalSpy finished(&d, &QDialog::finished);

    click(d, "load");
    const bool busy_shown = child<QProgressBar>(d, "progress")->isVisible() &&
                            !child<QComboBox>(d, "delimiter")->isEnabled();
    click(d, "cancel");
    const bool open_after_cancel = d.isVisible();
    auto load_feed =
        feed_fifo(path, content); // fed whatever happened above: no thread is left hanging
    const bool was_cancelled = cancelled.wait(10000);
    load_feed.join();

    CHECK(busy_shown);
    CHECK(open_after_cancel);
    REQUIRE(was_cancelled);
    CHECK(d.isVisible());
    CHECK(finished.isEmpty());
    CHECK(loaded.isEmpty());
    CHECK_FALSE(d.dataset());
    CHECK_FALSE(child<QProgressBar>(d, "progress")->isVisible());
    CHECK(child<QComboBox>(d, "delimiter")->isEnabled());
    CHECK_THAT(text(child<QLabel>(d, "loadStatus")->text()), Catch::Contains("cancelled"));
}

TEST_CASE("CSV-like names are recognised", "[gui]") {
    for (const char* yes : {"a.csv", "A.CSV", "b.csv.gz", "c.tsv", "d.TSV.GZ", "e.txt", "f.txt.gz",
                            "/dir.with.dots/g.csv"})
        CHECK(CsvImportDialog::isCsvLike(QString::fromLatin1(yes)));
    for (const char* no :
         {"a.npy", "train-images-idx3-ubyte.gz", "b.gz", "csv", "c.csv.zip", "builtin:moons"})
        CHECK_FALSE(CsvImportDialog::isCsvLike(QString::fromLatin1(no)));
}

TEST_CASE("Return loads and Escape cancels, wherever the focus is", "[gui]") {
    vae::test::TempDir dir;
    const auto path = dir.write("k.csv", "a,b,kind\n1,2,x\n3,4,y\n5,6,x\n");
    for (const char* focus : {"", "delimiter", "labelColumn", "imageShape", "cancel"}) {
        INFO("focus on '" << focus << "'");
        CsvImportDialog d(q(path));
        wait_preview(d);
        d.show();
        REQUIRE(QTest::qWaitForWindowExposed(&d));
        CHECK(child<QPushButton>(d, "load")->isDefault());
        QWidget* target = &d;
        if (*focus) {
            target = child<QWidget>(d, focus);
            target->setFocus();
        }
        QSignalSpy loaded(&d, &CsvImportDialog::datasetLoaded);
        QTest::keyClick(target, Qt::Key_Return);
        // Return on a focused Cancel button is that button's own click.
        if (std::string(focus) == "cancel") {
            CHECK(d.result() == QDialog::Rejected);
            CHECK(loaded.isEmpty());
            continue;
        }
        REQUIRE((!loaded.isEmpty() || loaded.wait(10000)));
        CHECK(d.result() == QDialog::Accepted);
    }
    CsvImportDialog d(q(path));
    wait_preview(d);
    d.show();
    REQUIRE(QTest::qWaitForWindowExposed(&d));
    QSignalSpy rejected(&d, &QDialog::rejected);
    QTest::keyClick(child<QWidget>(d, "labelColumn"), Qt::Key_Escape);
    CHECK(rejected.count() == 1);
}

TEST_CASE("the preview is read off the GUI thread: a file slow to come does not freeze it",
          "[gui]") {
    vae::test::TempDir dir;
    const auto path = dir.file("slow.csv");
    REQUIRE(::mkfifo(path.c_str(), 0600) == 0);
    CsvImportDialog d(q(path)); // nothing writes to the FIFO yet: reading it waits
    CHECK(d.previewPending());
    bool ticked = false;
    QTimer::singleShot(20, [&] { ticked = true; });
    REQUIRE(QTest::qWaitFor([&] { return ticked; }, 5000)); // the event loop runs meanwhile
    CHECK(d.previewPending());
    CHECK(d.previewTable()->rowCount() == 0);
    auto feed = feed_fifo(path, "a,b\n1,2\n3,4\n");
    wait_preview(d);
    feed.join();
    CHECK(d.previewTable()->rowCount() == 2);
}
