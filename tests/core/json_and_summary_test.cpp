#include "data/dataset_summary.h"
#include "io/atomic_file.h"
#include "io/json_writer.h"

#include "temp_files.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>

using namespace vae;

TEST_CASE("JSON strings are escaped and non-finite numbers become null", "[json]") {
    JsonWriter j;
    j.begin_object()
        .field("name", "a \"quoted\"\\path\n")
        .field("nan", std::nan(""))
        .field("n", 3)
        .key("list")
        .begin_array()
        .value(0.5)
        .value(true)
        .null()
        .end_array()
        .end_object();
    CHECK(j.text() == R"({"name":"a \"quoted\"\\path\n","nan":null,"n":3,"list":[0.5,true,null]})");
    CHECK(json_quote(std::string("\x01", 1)) == "\"\\u0001\"");
}

TEST_CASE("the summary reports ranges in the user's units and counts classes", "[summary]") {
    Dataset d;
    d.values.resize(3, 2);
    d.values << 0, 1, 0.5f, 0.25f, 1, 0;
    d.normalization.offset = Vector::Constant(2, 10.0f);
    d.normalization.scale = Vector::Constant(2, 2.0f);
    d.labels = {1, 0, 1};
    d.label_names = {"cat", "dog"};
    d.label_column = "animal";
    d.missing_count = 4;
    const auto s = summarize(d);
    CHECK(s.min == 10.0f);
    CHECK(s.max == 12.0f);
    CHECK(s.class_counts == std::vector<std::size_t>{1, 2});
    const std::string json = summary_json(s, 0.5);
    CHECK_THAT(json, Catch::Contains(R"("rows":3)") && Catch::Contains(R"("columns":2)") &&
                         Catch::Contains(R"("label_column":"animal")") &&
                         Catch::Contains(R"("classes":2)") &&
                         Catch::Contains(R"("class_counts":{"cat":1,"dog":2})") &&
                         Catch::Contains(R"("image_shape":null)") &&
                         Catch::Contains(R"("missing":4)") &&
                         Catch::Contains(R"("load_seconds":0.5)"));
}

TEST_CASE("an atomic file appears only when committed", "[io]") {
    test::TempDir dir;
    const auto target = dir.file("out.csv");
    {
        std::ofstream(target) << "old";
        AtomicFile f(target);
        f.write("new contents");
        // Not committed: the old file must survive and no temporary may remain.
    }
    std::ifstream in(target);
    std::string text((std::istreambuf_iterator<char>(in)), {});
    CHECK(text == "old");
    CHECK(std::distance(std::filesystem::directory_iterator(dir.path()), {}) == 1);
    {
        AtomicFile f(target);
        f.write("new contents");
        f.commit();
    }
    std::ifstream again(target);
    std::string now((std::istreambuf_iterator<char>(again)), {});
    CHECK(now == "new contents");
    CHECK(std::distance(std::filesystem::directory_iterator(dir.path()), {}) == 1);
    REQUIRE_THROWS_WITH(AtomicFile(dir.file("no/such/folder/x.csv")),
                        Catch::Contains("no/such/folder/x.csv"));
}
