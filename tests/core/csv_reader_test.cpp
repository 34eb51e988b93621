#include "data/csv_reader.h"
#include "data/load_error.h"

#include "temp_files.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <string>

using vae::DataError;
using vae::LoadOptions;
using vae::read_csv;
using vae::test::TempDir;

namespace {

LoadOptions labelled(const std::string& label) {
    LoadOptions o;
    o.label_column = label;
    return o;
}

/// The message of the DataError that loading `text` throws ("" if none).
std::string load_error(const TempDir& dir, const std::string& text, const LoadOptions& o = {},
                       const std::string& name = "bad.csv") {
    const auto path = dir.write(name, text);
    try {
        (void)read_csv(path, o);
    } catch (const DataError& e) {
        return e.what();
    }
    return "";
}

float at(const vae::Dataset& d, Eigen::Index r, Eigen::Index c) {
    return d.values(r, c);
}

} // namespace

TEST_CASE("csv: header, label column and values", "[csv]") {
    TempDir dir;
    const auto path = dir.write("a.csv", "label,x,y\n1,0.5,2\n0,1.25,-3\n1,7,1e2\n");
    const auto d = read_csv(path, labelled("label"));
    REQUIRE(d.rows() == 3);
    REQUIRE(d.cols() == 2);
    CHECK(d.column_names == std::vector<std::string>{"x", "y"});
    CHECK(d.label_column == "label");
    CHECK(d.labels == std::vector<std::int32_t>{1, 0, 1});
    CHECK(d.label_names == std::vector<std::string>{"0", "1"});
    CHECK(at(d, 0, 0) == 0.5f);
    CHECK(at(d, 1, 1) == -3.0f);
    CHECK(at(d, 2, 1) == 100.0f);
    CHECK(d.name == path);
    CHECK(d.missing_count == 0);
    CHECK(d.dropped_rows == 0);
    CHECK(d.normalization.is_identity());
    CHECK_FALSE(d.image_shape.has_value());
}

TEST_CASE("csv: label by index, negative index and without label", "[csv]") {
    TempDir dir;
    const auto path = dir.write("a.csv", "a,b,c\n1,2,3\n4,5,6\n");
    auto d = read_csv(path, labelled("-1"));
    CHECK(d.label_column == "c");
    CHECK(d.column_names == std::vector<std::string>{"a", "b"});
    d = read_csv(path, labelled("2"));
    CHECK(d.label_column == "b");
    CHECK(d.column_names == std::vector<std::string>{"a", "c"});
    CHECK(at(d, 1, 1) == 6.0f);
    d = read_csv(path, {});
    CHECK(d.cols() == 3);
    CHECK_FALSE(d.has_labels());
    CHECK(d.targets.empty());
}

TEST_CASE("csv: unknown label column lists the columns", "[csv]") {
    TempDir dir;
    auto msg = load_error(dir, "a,b,c\n1,2,3\n", labelled("klass"));
    CHECK_THAT(msg, Catch::Contains("bad.csv"));
    CHECK_THAT(msg, Catch::Contains("no column named 'klass'"));
    CHECK_THAT(msg, Catch::Contains("available columns: a, b, c"));
    msg = load_error(dir, "a,b,c\n1,2,3\n", labelled("5"));
    CHECK_THAT(msg, Catch::Contains("column position 5"));
    CHECK_THAT(msg, Catch::Contains("out of range"));
    CHECK_THAT(msg, Catch::Contains("3 columns"));
    CHECK_THAT(msg, Catch::Contains("use 1..3"));
    msg = load_error(dir, "a,b,c\n1,2,3\n", labelled("-4"));
    CHECK_THAT(msg, Catch::Contains("out of range"));
    // Positions count from 1, as a spreadsheet's columns: 0 is none of them.
    msg = load_error(dir, "a,b,c\n1,2,3\n", labelled("0"));
    CHECK_THAT(msg, Catch::Contains("the first column is 1"));
}

TEST_CASE("csv: the label column by position counts from 1, or from the end", "[csv][label]") {
    TempDir dir;
    const std::string text = "1.5,2,7,0\n2.5,3,8,1\n3.5,1,9,0\n";
    const auto last = read_csv(dir.write("p.csv", text), labelled("4"));
    CHECK(last.label_column == "column 4");
    CHECK(last.column_names == std::vector<std::string>{"column 1", "column 2", "column 3"});
    CHECK(last.label_names == std::vector<std::string>{"0", "1"});
    CHECK(read_csv(dir.write("p.csv", text), labelled("-1")).label_column == "column 4");
    CHECK(read_csv(dir.write("p.csv", text), labelled("column 4")).label_column == "column 4");
    const auto first = read_csv(dir.write("p.csv", text), labelled("1"));
    CHECK(first.label_column == "column 1");
    CHECK(first.targets.size() == 3); // 1.5, 2.5, 3.5: not classes
}

TEST_CASE("csv: long column lists are truncated in messages", "[csv]") {
    TempDir dir;
    std::string header = "c0";
    std::string row = "0";
    for (int i = 1; i < 100; ++i) {
        header += ",c" + std::to_string(i);
        row += ",1";
    }
    const auto msg = load_error(dir, header + "\n" + row + "\n", labelled("nope"));
    CHECK_THAT(msg, Catch::Contains("c0, c1"));
    CHECK_THAT(msg, Catch::Contains("(100 columns)"));
    CHECK_THAT(msg, !Catch::Contains("c99"));
}

TEST_CASE("csv: drop columns by name and index", "[csv]") {
    TempDir dir;
    const auto path = dir.write("a.csv", "id,x,y,z\n1,2,3,4\n5,6,7,8\n");
    LoadOptions o;
    o.drop_columns = {"id", "-1"};
    const auto d = read_csv(path, o);
    CHECK(d.column_names == std::vector<std::string>{"x", "y"});
    CHECK(at(d, 1, 1) == 7.0f);
    o.drop_columns = {"nope"};
    const auto msg = load_error(dir, "id,x\n1,2\n", o);
    CHECK_THAT(msg, Catch::Contains("no column named 'nope' for the --drop-columns"));
    CHECK_THAT(msg, Catch::Contains("available columns: id, x"));
}

TEST_CASE("csv: quoted fields, doubled quotes, newlines inside quotes", "[csv]") {
    TempDir dir;
    const auto path = dir.write(
        "q.csv", "name,v\n\"a, b\",1\n\"say \"\"hi\"\"\",2\n\"two\nlines\",3\n\"a, b\",4\n");
    const auto d = read_csv(path, labelled("v"));
    REQUIRE(d.rows() == 4);
    REQUIRE(d.categorical_columns.size() == 1);
    CHECK(d.categorical_columns[0].categories ==
          std::vector<std::string>{"a, b", "say \"hi\"", "two\nlines"});
    CHECK(d.cols() == 3);
    CHECK(at(d, 0, 0) == 1.0f);
    CHECK(at(d, 1, 1) == 1.0f);
    CHECK(at(d, 2, 2) == 1.0f);
    CHECK(at(d, 3, 0) == 1.0f);
    CHECK(d.targets.empty());
    CHECK(d.label_names == std::vector<std::string>{"1", "2", "3", "4"});
}

TEST_CASE("csv: line numbers count lines inside quotes and blank lines", "[csv]") {
    TempDir dir;
    // Line 1 header, lines 2-3 one record, line 4 blank, line 5 has the bad value.
    const auto msg = load_error(dir, "t,v\n\"x\ny\",1\n\nz,abc\nw,2\nu,3\n");
    CHECK_THAT(msg, Catch::Contains("bad.csv:5:2: found 'abc' in numeric column 'v'"));
    CHECK_THAT(msg, Catch::Contains("--missing"));
}

TEST_CASE("csv: CRLF, BOM, blank lines in the middle and at the end", "[csv]") {
    TempDir dir;
    const auto path =
        dir.write("w.csv", "\xEF\xBB\xBFx,y\r\n1,2\r\n\r\n3,4\r\n   \r\n5,6\r\n\r\n\r\n");
    const auto d = read_csv(path, {});
    REQUIRE(d.rows() == 3);
    CHECK(d.column_names == std::vector<std::string>{"x", "y"});
    CHECK(at(d, 2, 1) == 6.0f);
    CHECK(d.missing_count == 0);
}

TEST_CASE("csv: no trailing newline and quoted last field with CRLF", "[csv]") {
    TempDir dir;
    const auto path = dir.write("w.csv", "x,y\r\n1,\"a\"\r\n2,\"b\"");
    const auto d = read_csv(path, labelled("y"));
    REQUIRE(d.rows() == 2);
    CHECK(d.label_names == std::vector<std::string>{"a", "b"});
    CHECK(d.labels == std::vector<std::int32_t>{0, 1});
}

TEST_CASE("csv: delimiter sniffing and override", "[csv]") {
    TempDir dir;
    for (const char delim : {',', ';', '\t', '|'}) {
        std::string text = "a#b#c\n1#2.5#3\n4#5#6\n";
        for (auto& c : text)
            if (c == '#')
                c = delim;
        const auto d = read_csv(dir.write("d.csv", text), {});
        INFO("delimiter " << delim);
        CHECK(d.cols() == 3);
        CHECK(at(d, 0, 1) == 2.5f);
    }
    // A semicolon file whose text holds commas.
    const auto d = read_csv(dir.write("s.csv", "name;v\n\"x,y\";1\nz,w;2\nq;3\n"), {});
    CHECK(d.categorical_columns.size() == 1);
    LoadOptions o;
    o.delimiter = ';';
    const auto d2 = read_csv(dir.write("o.csv", "a;b,c\n1;2\n3;4\n"), o);
    CHECK(d2.column_names == std::vector<std::string>{"a", "b,c"});
}

TEST_CASE("csv: header detection and override", "[csv]") {
    TempDir dir;
    auto d = read_csv(dir.write("n.csv", "1,2\n3,4\n"), {});
    CHECK(d.rows() == 2);
    CHECK(d.column_names == std::vector<std::string>{"column 1", "column 2"});
    d = read_csv(dir.write("h.csv", "x,2\n3,4\n5,6\n"), {});
    CHECK(d.rows() == 2);
    CHECK(d.column_names == std::vector<std::string>{"x", "2"});
    LoadOptions o;
    o.header = vae::HeaderMode::Present;
    d = read_csv(dir.write("p.csv", "1,2\n3,4\n"), o);
    CHECK(d.rows() == 1);
    CHECK(d.column_names == std::vector<std::string>{"1", "2"});
    o.header = vae::HeaderMode::Absent;
    const auto msg = load_error(dir, "a,b\nred,1\nblue,2\n", o);
    CHECK_THAT(msg, Catch::Contains("bad.csv:1:2: found 'b' in numeric column 'column 2'"));
    // All-text file: header when the first values are distinct names.
    LoadOptions unlabelled;
    unlabelled.label_column = "none";
    d = read_csv(dir.write("t.csv", "color,size\nred,S\nblue,M\nred,L\n"), unlabelled);
    CHECK(d.rows() == 3);
    CHECK(d.categorical_columns.size() == 2);
    CHECK(d.categorical_columns[0].name == "color");
}

TEST_CASE("csv: a header of column numbers is a header, not data", "[csv]") {
    TempDir dir;
    auto d = read_csv(dir.write("n0.csv", "0,1,2\n0.5,7,9\n1.5,8,3\n"), {});
    CHECK(d.rows() == 2);
    CHECK(d.column_names == std::vector<std::string>{"0", "1", "2"});
    // pandas' to_csv of an unnamed frame: an empty corner over the index column.
    d = read_csv(dir.write("pd.csv", ",1,2,3\n0,0.5,7,9\n1,1.5,8,3\n"), {});
    CHECK(d.rows() == 2);
    CHECK(d.column_names == std::vector<std::string>{"column 1", "1", "2", "3"});
    // Numbers that do not count columns, or rows that count as well, stay data.
    d = read_csv(dir.write("data.csv", "0,1,5\n0.5,7,9\n"), {});
    CHECK(d.rows() == 2);
    d = read_csv(dir.write("seq.csv", "0,1,2\n1,2,3\n0,1,2\n"), {});
    CHECK(d.rows() == 3);
}

TEST_CASE("csv: header with empty names gets column N names", "[csv]") {
    TempDir dir;
    const auto d = read_csv(dir.write("e.csv", "x,,z\n1,2,3\n"), LoadOptions{});
    CHECK(d.rows() == 1);
    CHECK(d.column_names == std::vector<std::string>{"x", "column 2", "z"});
    LoadOptions o;
    o.header = vae::HeaderMode::Present;
    const auto d2 = read_csv(dir.write("e2.csv", "x,,z\n1,2,3\n4,5,6\n"), o);
    CHECK(d2.column_names == std::vector<std::string>{"x", "column 2", "z"});
}

TEST_CASE("csv: skip_rows skips physical lines", "[csv]") {
    TempDir dir;
    LoadOptions o;
    o.skip_rows = 2;
    const auto d = read_csv(dir.write("s.csv", "My data\nexported today\na,b\n1,2\n3,4\n"), o);
    CHECK(d.rows() == 2);
    CHECK(d.column_names == std::vector<std::string>{"a", "b"});
    o.skip_rows = 10;
    const auto msg = load_error(dir, "a,b\n1,2\n", o);
    CHECK_THAT(msg, Catch::Contains("no data left after skipping 10 lines"));
}

TEST_CASE("csv: a title line is skipped with a note", "[csv]") {
    TempDir dir;
    const auto d =
        read_csv(dir.write("t.csv", "Measurements 2024\na,b,c\n1,2,3\n4,5,6\n7,8,9\n"), {});
    CHECK(d.rows() == 3);
    CHECK(d.column_names == std::vector<std::string>{"a", "b", "c"});
    REQUIRE(!d.notes.empty());
    CHECK_THAT(d.notes.front(), Catch::Contains("skipped line 1 (1 field"));
    // scikit-learn's bundled CSVs: "rows,features,class names" over headerless data whose
    // last column is the target, here classes 0 and 1 named by the title.
    const auto sk = read_csv(dir.write("sk.csv", "3,2,no,yes\n1.5,2,0\n2.5,3,1\n3.5,1,0\n"), {});
    CHECK(sk.rows() == 3);
    CHECK(sk.column_names == std::vector<std::string>{"column 1", "column 2"});
    CHECK(sk.label_column == "target");
    CHECK(sk.label_names == std::vector<std::string>{"no", "yes"});
    CHECK(sk.labels == std::vector<std::int32_t>{0, 1, 0});
    // boston_house_prices.csv: a padded title over a header; the target is a number.
    const auto boston = read_csv(
        dir.write("b.csv", "3,2,,\n\"A\",\"B\",\"MEDV\"\n1,2,24\n3,4,21.6\n5,6,34.7\n"), {});
    CHECK(boston.column_names == std::vector<std::string>{"A", "B"});
    CHECK(boston.label_column == "MEDV");
    CHECK(boston.targets.size() == 3);
    // Data that merely starts with two counts is data.
    CHECK(read_csv(dir.write("d.csv", "3,2\n1,2\n4,5\n"), {}).rows() == 3);
    // With a single line after it there is too little to be sure: the user is asked.
    const auto msg = load_error(dir, "Measurements 2024\na,b,c\n");
    CHECK_THAT(msg, Catch::Contains("bad.csv:1: found 1 field but the line after it has 3"));
    CHECK_THAT(msg, Catch::Contains("--skip-rows 1"));
}

TEST_CASE("csv: the label column is proposed from names and text", "[csv][label]") {
    TempDir dir;
    // A text column at the end: its classes are the labels, the rest are features.
    const auto d = read_csv(
        dir.write("cells.csv", "radius,area,diagnosis\n1,3,M\n2,12,B\n3,27,B\n4,48,M\n"), {});
    CHECK(d.label_column == "diagnosis");
    CHECK(d.column_names == std::vector<std::string>{"radius", "area"});
    CHECK(d.label_names == std::vector<std::string>{"B", "M"});
    CHECK(d.labels == std::vector<std::int32_t>{1, 0, 0, 1});
    REQUIRE(d.notes.size() == 1);
    CHECK_THAT(d.notes.front(), Catch::Contains("label column 'diagnosis'"));
    CHECK_THAT(d.notes.front(), Catch::Contains("--label-column none"));
    // A numeric column named like a label, anywhere.
    const auto named =
        read_csv(dir.write("n.csv", "Class,x,y2\n1,0.5,2\n2,0.25,3\n1,0.75,4\n"), {});
    CHECK(named.label_column == "Class");
    CHECK(named.label_names == std::vector<std::string>{"1", "2"});
    // Text that is all different is an id, not a label; "none" keeps every column.
    const auto ids = read_csv(dir.write("i.csv", "a,b,name\n1,2,ann\n3,4,bob\n5,6,cy\n"), {});
    CHECK(ids.label_column.empty());
    // y is scikit-learn's target, but next to an x it is a coordinate.
    CHECK(read_csv(dir.write("y.csv", "f,y\n1,0\n2,1\n3,0\n"), {}).label_column == "y");
    CHECK(read_csv(dir.write("xy.csv", "x,y\n1,0\n2,1\n3,0\n"), {}).label_column.empty());
    LoadOptions none;
    none.label_column = "none";
    const auto kept = read_csv(dir.write("k.csv", "a,label\n1,2\n3,4\n"), none);
    CHECK(kept.label_column.empty());
    CHECK(kept.cols() == 2);
    // A lone column stays a feature.
    const auto lone = read_csv(dir.write("l.csv", "label\n1\n2\n"), {});
    CHECK(lone.label_column.empty());
    CHECK(lone.cols() == 1);
}

TEST_CASE("csv: ragged row names line, count and expected count", "[csv]") {
    TempDir dir;
    std::string text = "a,b,c\n";
    for (int i = 0; i < 50; ++i)
        text += "1,2,3\n";
    text += "1,2,3,4\n5,6,7\n";
    const auto msg = load_error(dir, text);
    CHECK_THAT(msg, Catch::Contains("bad.csv:52: found 4 fields, expected 3 as on line 1"));
    CHECK_THAT(msg, Catch::Contains("quoted"));
    const auto msg2 = load_error(dir, "a,b,c\n1,2,3\n4,5,6\n1,2,3\n1,2,3\n1,2\n");
    CHECK_THAT(msg2, Catch::Contains("bad.csv:6: found 2 fields, expected 3"));
}

TEST_CASE("csv: empty, blank-only and header-only files", "[csv]") {
    TempDir dir;
    CHECK_THAT(load_error(dir, ""), Catch::Contains("bad.csv: the file is empty"));
    CHECK_THAT(load_error(dir, "\n\n  \n"),
               Catch::Contains("the file is empty (only blank lines)"));
    CHECK_THAT(load_error(dir, "a,b,c\n"),
               Catch::Contains("the file has a header row but no data rows"));
    CHECK_THAT(load_error(dir, "a,b,c\n\n\n"),
               Catch::Contains("the file has a header row but no data rows"));
}

TEST_CASE("csv: unterminated quote names the line where it opened", "[csv]") {
    TempDir dir;
    const auto msg = load_error(dir, "a,b\n1,2\n3,\"oops\n4,5\n6,7\n");
    CHECK_THAT(msg, Catch::Contains("bad.csv:3: found a quote that is never closed"));
    const auto msg2 = load_error(dir, "a,b\n1,\"x\"y\n");
    CHECK_THAT(msg2, Catch::Contains("bad.csv:2:2: found 'y' after the closing quote"));
}

TEST_CASE("csv: binary files are not text CSV", "[csv]") {
    TempDir dir;
    const std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
    CHECK_THAT(load_error(dir, png, {}, "image.csv"),
               Catch::Contains("image.csv: this is not a text CSV file"));
    std::string nul = "a,b\n1,2\n";
    nul += std::string(1, '\0');
    nul += "garbage\n";
    CHECK_THAT(load_error(dir, nul), Catch::Contains("not a text CSV file"));
    // Binary data after the first 64 KiB is still caught by the parser.
    std::string late = "a,b\n";
    while (late.size() < 300000)
        late += "1,2\n";
    late += std::string("3,\x01\x02", 4) + "\n";
    CHECK_THAT(load_error(dir, late), Catch::Contains("not a text CSV file"));
    // A gzip file holding binary data.
    const auto gz = dir.write_gz("bin.csv.gz", std::string("\0\1\2\3\4\5binary", 12));
    try {
        (void)read_csv(gz, {});
        FAIL("no error");
    } catch (const DataError& e) {
        CHECK_THAT(e.what(), Catch::Contains("not a text CSV file"));
    }
}

TEST_CASE("csv: gzip files, and truncated gzip files", "[csv]") {
    TempDir dir;
    std::string text = "label,a,b\n";
    for (int i = 0; i < 5000; ++i)
        text += std::to_string(i % 3) + "," + std::to_string(i) + ",0.25\n";
    const auto gz = dir.write_gz("d.csv.gz", text);
    const auto d = read_csv(gz, labelled("label"));
    CHECK(d.rows() == 5000);
    CHECK(at(d, 4999, 0) == 4999.0f);
    CHECK(d.classes() == 3);
    // Truncate the gzip file.
    std::ifstream in(gz, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto cut = dir.write("cut.csv.gz", bytes.substr(0, bytes.size() / 2));
    try {
        (void)read_csv(cut, labelled("label"));
        FAIL("no error");
    } catch (const DataError& e) {
        CHECK_THAT(e.what(), Catch::Contains("cut.csv.gz"));
        CHECK_THAT(e.what(), Catch::Contains("truncated"));
    }
}

TEST_CASE("csv: number formats", "[csv]") {
    TempDir dir;
    const auto d = read_csv(
        dir.write("n.csv", "v\n42\n-7\n+3.5\n .25 \n1e3\n-2.5E-2\n007\n1.\n3.4028234e38\n1e-45\n"
                           "0.1\n16777217\n"),
        {});
    REQUIRE(d.rows() == 12);
    CHECK(at(d, 0, 0) == 42.0f);
    CHECK(at(d, 1, 0) == -7.0f);
    CHECK(at(d, 2, 0) == 3.5f);
    CHECK(at(d, 3, 0) == 0.25f);
    CHECK(at(d, 4, 0) == 1000.0f);
    CHECK(at(d, 5, 0) == -0.025f);
    CHECK(at(d, 6, 0) == 7.0f);
    CHECK(at(d, 7, 0) == 1.0f);
    CHECK(at(d, 8, 0) == 3.4028234e38f);
    CHECK(at(d, 9, 0) == 1e-45f);
    CHECK(at(d, 10, 0) == 0.1f);
    CHECK(at(d, 11, 0) == 16777216.0f); // ties to even
}

TEST_CASE("csv: floats are correctly rounded", "[csv]") {
    TempDir dir;
    // Hard cases: halfway between two floats, and just above/below.
    const char* cases[] = {"16777217",
                           "16777219",
                           "0.30000001192092896",
                           "1.00000005960464477539062499",
                           "1.000000059604644775390625",
                           "1.00000005960464477539062501",
                           "7.038531e-26",
                           "3.4028235677973366e38",
                           "123456.789",
                           "0.000123456789"};
    std::string text = "v\n";
    for (const char* c : cases)
        text += std::string(c) + "\n";
    const auto d = read_csv(dir.write("r.csv", text), {});
    for (std::size_t i = 0; i < std::size(cases); ++i) {
        INFO(cases[i]);
        CHECK(at(d, static_cast<Eigen::Index>(i), 0) == std::strtof(cases[i], nullptr));
    }
}

TEST_CASE("csv: infinity and overflow are not numbers", "[csv]") {
    TempDir dir;
    auto msg = load_error(dir, "v\n1\n2\ninf\n3\n");
    CHECK_THAT(msg, Catch::Contains("bad.csv:4:1: found 'inf' in numeric column 'v'"));
    CHECK_THAT(msg, Catch::Contains("infinite"));
    msg = load_error(dir, "v\n1\n2\n1e39\n3\n");
    CHECK_THAT(msg, Catch::Contains("bad.csv:4:1: found '1e39' in numeric column 'v'"));
}

TEST_CASE("csv: missing values under Error name file, line and column", "[csv]") {
    TempDir dir;
    auto msg = load_error(dir, "a,b\n1,2\n3,NA\n");
    CHECK_THAT(msg, Catch::Contains("bad.csv:3:2: missing value in column 'b'"));
    CHECK_THAT(msg, Catch::Contains("--missing drop"));
    CHECK_THAT(msg, Catch::Contains("--missing mean"));
    msg = load_error(dir, "a,b\n1,2\n,4\n");
    CHECK_THAT(msg, Catch::Contains("bad.csv:3:1: missing value in column 'a'"));
    msg = load_error(dir, "a,b\n1,2\n3,?\n");
    CHECK_THAT(msg, Catch::Contains("bad.csv:3:2"));
}

TEST_CASE("csv: missing spellings, Drop and Mean", "[csv]") {
    TempDir dir;
    const auto path = dir.write("m.csv", "a,b\n1,2\n,4\n3,NaN\n5,nan\nNA,?\n7,N/A\n9,null\n10,8\n");
    LoadOptions o;
    o.missing = vae::MissingPolicy::Drop;
    auto d = read_csv(path, o);
    CHECK(d.rows() == 2);
    CHECK(d.dropped_rows == 6);
    CHECK(d.missing_count == 7);
    CHECK(at(d, 1, 0) == 10.0f);
    o.missing = vae::MissingPolicy::Mean;
    d = read_csv(path, o);
    CHECK(d.rows() == 8);
    CHECK(d.dropped_rows == 0);
    CHECK(d.missing_count == 7);
    CHECK(at(d, 1, 0) == Approx((1 + 3 + 5 + 7 + 9 + 10) / 6.0));
    CHECK(at(d, 2, 1) == Approx((2 + 4 + 8) / 3.0));
    CHECK(at(d, 7, 1) == 8.0f);
}

TEST_CASE("csv: a missing label is an error, or drops the row", "[csv]") {
    TempDir dir;
    const std::string text = "y,a\n1,2\n,3\n0,4\n";
    auto o = labelled("y");
    const auto msg = load_error(dir, text, o);
    CHECK_THAT(msg, Catch::Contains("bad.csv:3:1: missing label in column 'y'"));
    o.missing = vae::MissingPolicy::Mean;
    const auto d = read_csv(dir.write("l.csv", text), o);
    CHECK(d.rows() == 2);
    CHECK(d.dropped_rows == 1);
    CHECK(d.missing_count == 1);
    CHECK(d.labels == std::vector<std::int32_t>{1, 0});
}

TEST_CASE("csv: all rows dropped", "[csv]") {
    TempDir dir;
    LoadOptions o;
    o.missing = vae::MissingPolicy::Drop;
    const auto msg = load_error(dir, "a,b\n1,\n,2\n", o);
    CHECK_THAT(msg, Catch::Contains("all 2 rows were dropped"));
    CHECK_THAT(msg, Catch::Contains("--missing mean"));
}

TEST_CASE("csv: categorical columns: one-hot, drop, error", "[csv]") {
    TempDir dir;
    const std::string text = "size,color,w\n1,red,0.5\n2,blue,1.5\n3,red,2.5\n4,green,3\n";
    LoadOptions unlabelled;
    unlabelled.label_column = "none";
    auto d = read_csv(dir.write("c.csv", text), unlabelled);
    CHECK(d.column_names ==
          std::vector<std::string>{"size", "color=blue", "color=green", "color=red", "w"});
    REQUIRE(d.categorical_columns.size() == 1);
    CHECK(d.categorical_columns[0].name == "color");
    CHECK(d.categorical_columns[0].first_column == 1);
    CHECK(d.categorical_columns[0].categories == std::vector<std::string>{"blue", "green", "red"});
    CHECK(d.values.row(1) == (Eigen::RowVectorXf(5) << 2, 1, 0, 0, 1.5f).finished());
    CHECK(d.values.row(3) == (Eigen::RowVectorXf(5) << 4, 0, 1, 0, 3).finished());
    LoadOptions o = unlabelled;
    o.categorical = vae::CategoricalPolicy::Drop;
    d = read_csv(dir.write("c.csv", text), o);
    CHECK(d.column_names == std::vector<std::string>{"size", "w"});
    CHECK(d.categorical_columns.empty());
    CHECK(at(d, 2, 1) == 2.5f);
    o.categorical = vae::CategoricalPolicy::Error;
    const auto msg = load_error(dir, text, o);
    CHECK_THAT(msg, Catch::Contains("bad.csv:2:2: column 'color' holds text ('red')"));
    CHECK_THAT(msg, Catch::Contains("--categorical onehot"));
    CHECK_THAT(msg, Catch::Contains("--categorical drop"));
}

TEST_CASE("csv: categorical with missing values and numbers among text", "[csv]") {
    TempDir dir;
    const std::string text = "c,v\nS,1\nM,2\n,3\nL,4\n0,5\nS,6\n";
    LoadOptions o;
    o.label_column = "none";
    o.missing = vae::MissingPolicy::Mean;
    const auto d = read_csv(dir.write("c.csv", text), o);
    REQUIRE(d.categorical_columns.size() == 1);
    CHECK(d.categorical_columns[0].categories == std::vector<std::string>{"0", "L", "M", "S"});
    // The missing row gets the category frequencies (0: 1/5, L: 1/5, M: 1/5, S: 2/5).
    CHECK(at(d, 2, 0) == Approx(0.2));
    CHECK(at(d, 2, 3) == Approx(0.4));
    CHECK(d.missing_count == 1);
}

TEST_CASE("csv: stray text in a numeric column", "[csv]") {
    TempDir dir;
    const auto msg = load_error(dir, "x,y\n1,2\n3,4\n5,abc\n6,7\n8,9\n");
    CHECK_THAT(msg, Catch::Contains("bad.csv:4:2: found 'abc' in numeric column 'y'"));
    CHECK_THAT(msg, Catch::Contains("fix the value, or mark it missing"));
    // Even when the text comes first.
    const auto msg2 = load_error(dir, "x,y\n1,oops\n3,4\n5,6\n");
    CHECK_THAT(msg2, Catch::Contains("bad.csv:2:2: found 'oops' in numeric column 'y'"));
}

TEST_CASE("csv: label classes and targets", "[csv]") {
    TempDir dir;
    auto d = read_csv(dir.write("l.csv", "y,a\n10,1\n-1,2\n3,3\n10,4\n"), labelled("y"));
    CHECK(d.label_names == std::vector<std::string>{"-1", "3", "10"});
    CHECK(d.labels == std::vector<std::int32_t>{2, 0, 1, 2});
    d = read_csv(dir.write("l.csv", "y,a\ncat,1\ndog,2\nant,3\ncat,4\n"), labelled("y"));
    CHECK(d.label_names == std::vector<std::string>{"ant", "cat", "dog"});
    CHECK(d.labels == std::vector<std::int32_t>{1, 2, 0, 1});
    d = read_csv(dir.write("l.csv", "y,a\n0.5,1\n2,2\n"), labelled("y"));
    CHECK_FALSE(d.has_labels());
    CHECK(d.targets == std::vector<float>{0.5f, 2.0f});
    std::string many = "y,a\n";
    for (int i = 0; i < 300; ++i)
        many += std::to_string(i) + ",1\n";
    d = read_csv(dir.write("l.csv", many), labelled("y"));
    CHECK_FALSE(d.has_labels());
    CHECK(d.targets.size() == 300);
    CHECK(d.targets[299] == 299.0f);
    std::string classes256 = "y,a\n";
    for (int i = 0; i < 256; ++i)
        classes256 += std::to_string(i) + ",1\n";
    d = read_csv(dir.write("l.csv", classes256), labelled("y"));
    CHECK(d.classes() == 256);
}

TEST_CASE("csv: limit stops early", "[csv]") {
    TempDir dir;
    std::string text = "a,b\n";
    for (int i = 0; i < 20000; ++i)
        text += std::to_string(i) + ",1\n";
    text += "x,y,z\n"; // never reached
    LoadOptions o;
    o.limit = 100;
    const auto d = read_csv(dir.write("big.csv", text), o);
    CHECK(d.rows() == 100);
    CHECK(at(d, 99, 0) == 99.0f);
}

TEST_CASE("csv: progress and cancellation", "[csv]") {
    TempDir dir;
    std::string text = "a,b\n";
    while (text.size() < (9u << 20))
        text += "123,456\n";
    const auto path = dir.write("big.csv", text);
    LoadOptions o;
    std::vector<double> seen;
    o.progress = [&](double f) {
        seen.push_back(f);
        return true;
    };
    const auto d = read_csv(path, o);
    CHECK(d.rows() == (text.size() - 4) / 8);
    REQUIRE(seen.size() >= 3);
    CHECK(seen.back() == 1.0);
    CHECK(std::is_sorted(seen.begin(), seen.end()));
    o.progress = [](double) { return false; };
    CHECK_THROWS_AS(read_csv(path, o), vae::LoadCancelled);
}

TEST_CASE("csv: large file with quotes across chunk boundaries", "[csv]") {
    TempDir dir;
    std::string text = "label,name,v\n";
    int rows = 0;
    while (text.size() < (5u << 20)) {
        text += std::to_string(rows % 2) + ",\"n,\n\"\"" + std::to_string(rows % 3) + "\"," +
                std::to_string(rows) + "\n";
        ++rows;
    }
    const auto d = read_csv(dir.write("q.csv", text), labelled("label"));
    REQUIRE(d.rows() == static_cast<std::size_t>(rows));
    REQUIRE(d.categorical_columns.size() == 1);
    CHECK(d.categorical_columns[0].categories ==
          std::vector<std::string>{"n,\n\"0", "n,\n\"1", "n,\n\"2"});
    CHECK(at(d, rows - 1, 3) == static_cast<float>(rows - 1));
    CHECK(at(d, rows - 1, (rows - 1) % 3) == 1.0f);
    // An error far down reports the physical line (2 lines per record).
    text += "1,x,bad\n";
    for (int i = 0; i < 10; ++i)
        text += "1,x,2\n";
    const auto msg = load_error(dir, text);
    CHECK_THAT(msg, Catch::Contains("bad.csv:" + std::to_string(2 + 2 * rows) +
                                    ":3: found 'bad' in numeric column 'v'"));
}

TEST_CASE("csv: preview reads the start of the file", "[csv]") {
    TempDir dir;
    std::string text = "id;name;v\n";
    for (int i = 0; i < 1000; ++i)
        text += std::to_string(i) + ";\"n" + std::to_string(i) + "\";0.5\n";
    const auto p = vae::preview_csv(dir.write("p.csv", text), {}, 5);
    CHECK(p.delimiter == ';');
    CHECK(p.header);
    CHECK(p.column_names == std::vector<std::string>{"id", "name", "v"});
    REQUIRE(p.rows.size() == 5);
    CHECK(p.rows[4] == std::vector<std::string>{"4", "n4", "0.5"});
    CHECK(p.first_data_line == 2);
    const auto q = vae::preview_csv(dir.write("n.csv", "1,2\n3,4\n"), {}, 10);
    CHECK_FALSE(q.header);
    CHECK(q.rows.size() == 2);
    CHECK(q.column_names == std::vector<std::string>{"column 1", "column 2"});
    CHECK_THROWS_AS(vae::preview_csv(dir.write("e.csv", ""), {}, 10), DataError);
}

TEST_CASE("csv: a missing file is a DataError naming it", "[csv]") {
    TempDir dir;
    try {
        (void)read_csv(dir.file("nope.csv"), {});
        FAIL("no error");
    } catch (const DataError& e) {
        CHECK_THAT(e.what(), Catch::Contains("nope.csv"));
    }
}

TEST_CASE("csv: more rows than the first lines suggest (matrix grows)", "[csv]") {
    TempDir dir;
    std::string text = "a,b\n";
    for (int i = 0; i < 50; ++i)
        text += "1.000000000000000000000000000000000000000000000000000000000000000000000000,"
                "2.00000000000000000000000000000000000000000000000000000000000000000000000\n";
    std::size_t rows = 50;
    while (text.size() < (6u << 20)) {
        text += std::to_string(rows % 10) + ",7\n";
        ++rows;
    }
    const auto d = read_csv(dir.write("grow.csv", text), {});
    REQUIRE(d.rows() == rows);
    CHECK(at(d, 0, 1) == 2.0f);
    CHECK(at(d, static_cast<Eigen::Index>(rows - 1), 0) == static_cast<float>((rows - 1) % 10));
    CHECK(at(d, static_cast<Eigen::Index>(rows - 1), 1) == 7.0f);
    CHECK((d.values.col(1).array() == 7.0f).count() == static_cast<Eigen::Index>(rows - 50));
}

TEST_CASE("csv: old Mac line endings are named", "[csv]") {
    TempDir dir;
    const auto msg = load_error(dir, "a,b\r1,2\r3,4\r");
    CHECK_THAT(msg, Catch::Contains("bare carriage return"));
}

TEST_CASE("csv: gzip with a limit and a label", "[csv]") {
    TempDir dir;
    std::string text = "x,label\n";
    for (int i = 0; i < 3000; ++i)
        text += std::to_string(i) + "," + (i % 2 ? "odd" : "even") + "\n";
    LoadOptions o = labelled("label");
    o.limit = 10;
    const auto d = read_csv(dir.write_gz("g.csv.gz", text), o);
    CHECK(d.rows() == 10);
    CHECK(d.label_names == std::vector<std::string>{"even", "odd"});
    CHECK(d.labels[3] == 1);
}

TEST_CASE("csv: Mean on a column with no values at all", "[csv]") {
    TempDir dir;
    LoadOptions o;
    o.missing = vae::MissingPolicy::Mean;
    const auto msg = load_error(dir, "a,b\n1,\n2,NA\n", o);
    CHECK_THAT(msg, Catch::Contains("bad.csv: column 'b' has no values at all"));
    CHECK_THAT(msg, Catch::Contains("--drop-columns"));
}

TEST_CASE("csv: decimal commas are detected, and can be told", "[csv][decimal]") {
    TempDir dir;
    // A European spreadsheet export: ';' between fields, ',' before the decimals.
    const auto d = read_csv(
        dir.write("eu.csv", "radius;area;diagnosis\n17,99;1001,0;M\n20,57;1326;M\n7,76;181,5;B\n"),
        {});
    REQUIRE(d.rows() == 3);
    CHECK(d.column_names == std::vector<std::string>{"radius", "area"});
    CHECK(d.values(0, 0) == 17.99f);
    CHECK(d.values(2, 1) == 181.5f);
    CHECK(d.label_column == "diagnosis");
    // Told otherwise, "17,99" is text, so the column is categorical.
    LoadOptions point;
    point.decimal = '.';
    point.label_column = "none";
    const auto p = read_csv(dir.write("eu2.csv", "a;b\n1,5;2\n2,5;3\n1,5;4\n"), point);
    CHECK(p.categorical_columns.size() == 1);
    // A comma delimiter never means decimal commas.
    const auto c = read_csv(dir.write("c.csv", "a,b\n1,5\n2,5\n"), {});
    CHECK(c.cols() == 2);
    CHECK(c.values(0, 1) == 5.0f);
    // Headerless: the first row of "1,5" values is data, not names.
    const auto h = read_csv(dir.write("h.csv", "1,5;2,5\n3,5;4,5\n"), {});
    CHECK(h.rows() == 2);
    CHECK(h.values(0, 1) == 2.5f);
}

TEST_CASE("csv: a text column with too many values to one-hot is refused with a hint",
          "[csv][categorical]") {
    TempDir dir;
    std::string text = "x,id\n";
    for (int i = 0; i < 400; ++i)
        text += std::to_string(i % 7) + ",row" + std::to_string(i) + "\n";
    const auto msg = load_error(dir, text);
    CHECK_THAT(msg, Catch::Contains("bad.csv:2:2: text column 'id' has 400 different values"));
    CHECK_THAT(msg, Catch::Contains("--drop-columns id"));
    LoadOptions o;
    o.drop_columns = {"id"};
    CHECK(read_csv(dir.write("ok.csv", text), o).cols() == 1);
    // Few categories in many rows are fine.
    std::string colours = "x,colour\n";
    for (int i = 0; i < 400; ++i)
        colours += std::to_string(i) + (i % 3 ? ",red\n" : ",blue\n");
    LoadOptions unlabelled;
    unlabelled.label_column = "none";
    CHECK(read_csv(dir.write("c.csv", colours), unlabelled).cols() == 3);
}
