// The output-path policy (solver/output/OutputPath.h) on real files, folders, FIFOs, links and
// locks.
#include "solver/Error.h"
#include "solver/output/OutputPath.h"
#include "tests/TestSupport.h"

#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace fs = std::filesystem;
using namespace heatnet;
using heatnet::testing::errorOf;
using heatnet::testing::scratchDirectory;

namespace {

//! A pid that no process has: one above the kernel's largest.
long deadPid() {
    std::ifstream in("/proc/sys/kernel/pid_max");
    long pidMax = 4194304;
    in >> pidMax;
    return pidMax + 1;
}

} // namespace

TEST_CASE("output path: a scenario name never becomes a path", "[output]") {
    CHECK(outputFileStem("saint-omer") == "saint-omer");
    CHECK(outputFileStem("Saint-Omer été 2026") == "Saint-Omer été 2026");
    CHECK(outputFileStem("/abs/x") == "_abs_x");
    CHECK(outputFileStem("../../etc/passwd") == "______etc_passwd");
    CHECK(outputFileStem("..") == "scenario");
    CHECK(outputFileStem("") == "scenario");
    CHECK(outputFileStem(".hidden") == "_hidden");
    CHECK(outputFileStem("a\\b\nc") == "a_b_c");
    CHECK(outputFileStem("v1.2") == "v1.2");
    const std::string longName(1000, 'x');
    CHECK(outputFileStem(longName).size() == 200);
    // Cut at 200 bytes without leaving half of a two-byte UTF-8 character.
    std::string accents;
    for (int i = 0; i < 150; ++i) {
        accents += "é";
    }
    CHECK(outputFileStem(accents) == accents.substr(0, 200));
    CHECK(outputFileStem("x" + accents).size() == 199);
    for (const std::string& name : {std::string("/abs/x"), std::string("../up"), longName}) {
        const fs::path stem = outputFileStem(name);
        CHECK(stem.filename() == stem);
        CHECK(!stem.has_parent_path());
    }
}

TEST_CASE("output path: special files and links are refused, new and regular files pass",
          "[output]") {
    const fs::path dir = scratchDirectory("outpath-special");
    CHECK_NOTHROW(checkOutputPath(dir / "new.h5", {}));
    std::ofstream(dir / "old.h5") << "x";
    CHECK_NOTHROW(checkOutputPath(dir / "old.h5", {}));

    CHECK_THAT(errorOf([] { checkOutputPath("/dev/null", {}); }),
               Catch::Matchers::Contains("a device"));
    REQUIRE(::mkfifo((dir / "fifo").c_str(), 0600) == 0);
    CHECK_THAT(errorOf([&] { checkOutputPath(dir / "fifo", {}); }),
               Catch::Matchers::Contains("FIFO"));
    fs::create_symlink(dir / "old.h5", dir / "link.h5");
    CHECK_THAT(errorOf([&] { checkOutputPath(dir / "link.h5", {}); }),
               Catch::Matchers::Contains("symbolic link"));
    fs::create_directories(dir / "folder.h5");
    CHECK_THAT(errorOf([&] { checkOutputPath(dir / "folder.h5", {}); }),
               Catch::Matchers::Contains("folder"));
}

TEST_CASE("output path: an input is never an output, whatever its spelling", "[output]") {
    const fs::path dir = scratchDirectory("outpath-inputs");
    fs::create_directories(dir / "sub");
    std::ofstream(dir / "in.yaml") << "name: x\n";
    std::ofstream(dir / "other.csv") << "a\n1\n";
    const std::vector<fs::path> inputs = {dir / "in.yaml", dir / "sub" / ".." / "other.csv"};
    CHECK_THAT(errorOf([&] { checkOutputPath(dir / "in.yaml", inputs); }),
               Catch::Matchers::Contains("is the input file"));
    CHECK_THROWS_AS(checkOutputPath(dir / "sub" / ".." / "in.yaml", inputs), InputError);
    CHECK_THROWS_AS(checkOutputPath(dir / "." / "other.csv", inputs), InputError);
    fs::create_hard_link(dir / "in.yaml", dir / "hard.h5");
    CHECK_THROWS_AS(checkOutputPath(dir / "hard.h5", inputs), InputError);
    CHECK_NOTHROW(checkOutputPath(dir / "out.h5", inputs));
}

TEST_CASE("output path: two spellings of one output are refused", "[output]") {
    const fs::path dir = scratchDirectory("outpath-spellings");
    fs::create_directories(dir / "real");
    fs::create_directory_symlink(dir / "real", dir / "alias");
    CHECK_NOTHROW(checkDistinctOutputs({dir / "a.h5", dir / "b.h5"}));
    CHECK_THROWS_AS(checkDistinctOutputs({dir / "dup", dir / "." / "dup"}), InputError);
    CHECK_THROWS_AS(checkDistinctOutputs({dir / "real" / "x.h5", dir / "alias" / "x.h5"}),
                    InputError);
    const fs::path cwd = fs::current_path();
    fs::current_path(dir);
    const std::string message = errorOf([] { checkDistinctOutputs({"dup", "./dup"}); });
    fs::current_path(cwd);
    CHECK_THAT(message, Catch::Matchers::Contains("same file"));
}

TEST_CASE("output path: one writer per output, stale temporaries of dead processes go",
          "[output]") {
    const fs::path dir = scratchDirectory("outpath-lock");
    const fs::path output = dir / "deep" / "out.h5";
    const fs::path stale = dir / "deep" / ("out.h5.tmp-" + std::to_string(deadPid()));
    const fs::path live = dir / "deep" / ("out.h5.tmp-" + std::to_string(::getppid()));
    fs::create_directories(dir / "deep");
    std::ofstream(stale) << "half a file";
    std::ofstream(live) << "another process's file";
    {
        OutputLock first(output);
        CHECK(fs::exists(first.lockPath()));
        CHECK(first.staleFilesRemoved() == 1);
        CHECK(!fs::exists(stale));
        CHECK(fs::exists(live)); // its process runs: not ours to remove
        try {
            OutputLock second(output);
            FAIL("a second writer was let in");
        } catch (const OutputError& e) {
            CHECK_THAT(e.what(), Catch::Matchers::Contains("being written by another"));
            CHECK_THAT(e.what(), Catch::Matchers::Contains(std::to_string(::getpid())));
        }
    }
    CHECK(!fs::exists(dir / "deep" / "out.h5.lock"));
    OutputLock again(output); // released: the next writer gets it
    CHECK(again.staleFilesRemoved() == 0);
}
