#include "data/input_stream.h"
#include "data/load_error.h"

#include "temp_files.h"

#include <catch2/catch.hpp>

#include <string>

using namespace vae;

namespace {

std::string read_all(InputStream& in, std::size_t chunk = 7) {
    std::string out, buf(chunk, '\0');
    while (const auto n = in.read(buf.data(), buf.size()))
        out.append(buf.data(), n);
    return out;
}

std::string sample_text() {
    std::string s;
    for (int i = 0; i < 5000; ++i)
        s += std::to_string(i * 7919 % 1000) + ",";
    return s;
}

} // namespace

TEST_CASE("plain and gzip files read back the same bytes", "[input]") {
    test::TempDir dir;
    const std::string text = sample_text();
    InputStream plain(dir.write("a.csv", text));
    CHECK_FALSE(plain.compressed());
    CHECK(read_all(plain) == text);
    InputStream gz(dir.write_gz("a.csv.gz", text));
    CHECK(gz.compressed());
    CHECK(read_all(gz, 1000) == text);
    CHECK(gz.position() == text.size());
}

TEST_CASE("concatenated gzip members are read as one stream", "[input]") {
    test::TempDir dir;
    test::TempDir other;
    const std::string a = "first,part\n", b = "second,part\n";
    std::ifstream fa(dir.write_gz("a.gz", a), std::ios::binary);
    std::ifstream fb(other.write_gz("b.gz", b), std::ios::binary);
    std::string both((std::istreambuf_iterator<char>(fa)), {});
    both.append(std::istreambuf_iterator<char>(fb), {});
    InputStream in(dir.write("ab.gz", both));
    CHECK(read_all(in) == a + b);
}

TEST_CASE("a truncated gzip file is an error, not a short read", "[input]") {
    test::TempDir dir;
    std::ifstream f(dir.write_gz("full.gz", sample_text()), std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(f)), {});
    InputStream in(dir.write("cut.csv.gz", bytes.substr(0, bytes.size() / 2)));
    REQUIRE_THROWS_WITH(read_all(in),
                        Catch::Contains("cut.csv.gz") && Catch::Contains("ends early"));
}

TEST_CASE("corrupt gzip data is reported", "[input]") {
    test::TempDir dir;
    std::ifstream f(dir.write_gz("full.gz", sample_text()), std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(f)), {});
    for (std::size_t i = 20; i < 60; ++i)
        bytes[i] = static_cast<char>(bytes[i] ^ 0x5a);
    InputStream in(dir.write("bad.gz", bytes));
    REQUIRE_THROWS_WITH(read_all(in), Catch::Contains("bad.gz") && Catch::Contains("gzip"));
}

TEST_CASE("missing files and folders are named in the error", "[input]") {
    test::TempDir dir;
    REQUIRE_THROWS_WITH(InputStream(dir.file("absent.csv")),
                        Catch::Contains("absent.csv") && Catch::Contains("cannot open"));
    REQUIRE_THROWS_WITH(InputStream(dir.path().string()), Catch::Contains("is a directory"));
}

TEST_CASE("read_exact reports how much was missing", "[input]") {
    test::TempDir dir;
    InputStream in(dir.write("short.bin", "12345"));
    char buf[10];
    REQUIRE_THROWS_WITH(in.read_exact(buf, 10),
                        Catch::Contains("short.bin") && Catch::Contains("5 more were expected"));
}
