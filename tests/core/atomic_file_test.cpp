#include "io/atomic_file.h"

#include "temp_files.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <sys/stat.h>

namespace {

std::size_t files_in(const vae::test::TempDir& dir) {
    return static_cast<std::size_t>(
        std::distance(std::filesystem::directory_iterator(dir.path()), {}));
}

unsigned mode_of(const std::string& path) {
    struct stat s {};
    REQUIRE(::stat(path.c_str(), &s) == 0);
    return s.st_mode & 0777;
}

unsigned new_document_mode() {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    return 0666 & ~mask;
}

} // namespace

TEST_CASE("a library writing to the temporary path replaces the target on commit", "[io]") {
    vae::test::TempDir dir;
    const auto target = dir.write("plot.png", "old");
    {
        vae::AtomicFile f(target);
        CHECK(f.temp_path() != target);
        std::ofstream(f.temp_path(), std::ios::binary | std::ios::trunc) << "rendered";
        CHECK(vae::test::slurp(target) == "old");
        f.commit();
    }
    CHECK(vae::test::slurp(target) == "rendered");
    CHECK(files_in(dir) == 1);
}

TEST_CASE("an uncommitted temporary path leaves the old file and nothing beside it", "[io]") {
    vae::test::TempDir dir;
    const auto target = dir.write("plot.pdf", "old");
    {
        vae::AtomicFile f(target);
        std::ofstream(f.temp_path(), std::ios::binary | std::ios::trunc) << "half a PD";
    }
    CHECK(vae::test::slurp(target) == "old");
    CHECK(files_in(dir) == 1);
}

TEST_CASE("a failed commit throws the reason apart from the path and leaves no temporary", "[io]") {
    vae::test::TempDir dir;
    // A folder that is not empty cannot be replaced by a file.
    const auto target = dir.file("taken");
    std::filesystem::create_directory(target);
    const auto keep = dir.write("taken/keep", "x");
    vae::AtomicFile f(target);
    f.write("new");
    try {
        f.commit();
        FAIL("commit over a folder succeeded");
    } catch (const vae::AtomicFileError& e) {
        CHECK(std::string(e.what()) == target + ": " + e.reason());
        CHECK_THAT(e.reason(), Catch::StartsWith("cannot replace the file: "));
    }
    CHECK(std::filesystem::is_directory(target));
    CHECK(vae::test::slurp(keep) == "x");
    CHECK(files_in(dir) == 1);
}

TEST_CASE("a missing folder is an AtomicFileError naming the target", "[io]") {
    vae::test::TempDir dir;
    const auto target = dir.file("no/such/folder/x.csv");
    try {
        vae::AtomicFile f(target);
        FAIL("created a file in a missing folder");
    } catch (const vae::AtomicFileError& e) {
        CHECK_THAT(e.what(), Catch::StartsWith(target + ": "));
        CHECK_THAT(e.reason(), Catch::StartsWith("cannot create a file in that folder: "));
    }
}

TEST_CASE("a new file gets a document's permissions, a replaced file keeps its own", "[io]") {
    vae::test::TempDir dir;
    const auto fresh = dir.file("fresh.csv");
    {
        vae::AtomicFile f(fresh);
        f.write("a");
        f.commit();
    }
    CHECK(mode_of(fresh) == new_document_mode());

    const auto private_file = dir.write("private.csv", "old");
    REQUIRE(::chmod(private_file.c_str(), 0600) == 0);
    {
        vae::AtomicFile f(private_file);
        std::ofstream(f.temp_path(), std::ios::binary | std::ios::trunc) << "new";
        f.commit();
    }
    CHECK(vae::test::slurp(private_file) == "new");
    CHECK(mode_of(private_file) == 0600);
}

TEST_CASE("a new file follows the process's umask, which writing leaves unchanged", "[io]") {
    vae::test::TempDir dir;
    const mode_t saved = ::umask(027);
    const auto fresh = dir.file("group.csv");
    {
        vae::AtomicFile f(fresh);
        f.write("a");
        f.commit();
    }
    const mode_t after = ::umask(saved);
    CHECK(mode_of(fresh) == 0640);
    CHECK(after == 027);
}
