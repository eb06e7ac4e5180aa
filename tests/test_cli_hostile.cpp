// Hostile files and hostile machines through the real `heatnet` binary (issue 10,
// docs/reliability.md): result files that crash the HDF5 library, memory limits, folders nobody
// can write, litter of dead processes.
#include "tests/CliSupport.h"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

#if defined(__SANITIZE_ADDRESS__)
#define HEATNET_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HEATNET_TEST_ASAN 1
#endif
#endif
#ifndef HEATNET_TEST_ASAN
#define HEATNET_TEST_ASAN 0
#endif

namespace fs = std::filesystem;
using namespace clitest;

namespace {

//! A result file found by fuzz/fuzz_info.cpp: HDF5 1.10.8 fails a checksum while it iterates the
//! links of /substations, then frees the link table's uninitialised entries (H5Literate →
//! H5G__link_release_table). Whether that crashes depends on what the fresh memory holds: always
//! under AddressSanitizer, and in a normal build when glibc fills fresh memory with a pattern
//! (malloc perturbation, with the thread cache that skips it off).
fs::path crashingResult() {
    return sourceDir() / "tests" / "data" / "hostile" / "info_h5literate_crash.h5";
}

//! A result file found by fuzz/fuzz_info.cpp on which HDF5 1.10.8 never returns: reading the
//! variable-length string of a root attribute spins in H5HG_read (the global heap) for ever.
fs::path endlessResult() {
    return sourceDir() / "tests" / "data" / "hostile" / "info_hdf5_never_returns.h5";
}

const std::string garbageMemory =
    "GLIBC_TUNABLES=glibc.malloc.perturb=165:glibc.malloc.tcache_count=0 ";

} // namespace

TEST_CASE("cli: a result file that crashes the HDF5 library is a clear error, exit 2",
          "[cli][hostile]") {
    const fs::path dir = freshDirectory("hostile-info");
    const fs::path file = dir / "crash.h5";
    fs::copy_file(crashingResult(), file);
    const std::string expected =
        file.string() + ": not a readable heatnet result (the HDF5 library crashed reading it)";

    const Outcome info = runCommand(garbageMemory + heatnet() + " info " + file.string());
    INFO(info.output);
    REQUIRE(info.exitCode == 2);
    REQUIRE_THAT(info.output, Catch::Matchers::Contains(expected));
    // Nothing of the half-read file is printed (the table was printed before the crash).
    REQUIRE_THAT(info.output, !Catch::Matchers::Contains("Heat demand"));

    // The other commands that read a user's result file: never a crash, the file named, no output.
    const Outcome report = runCommand(garbageMemory + heatnet() + " report " + file.string() +
                                      " -o " + (dir / "report.html").string());
    INFO(report.output);
    REQUIRE((report.exitCode == 1 || report.exitCode == 2));
    REQUIRE_THAT(report.output, Catch::Matchers::Contains(file.string()));
    REQUIRE(!fs::exists(dir / "report.html"));
    const Outcome merge = runCommand(garbageMemory + heatnet() + " sweep merge " + file.string() +
                                     " -o " + (dir / "merged.h5").string());
    INFO(merge.output);
    REQUIRE((merge.exitCode == 1 || merge.exitCode == 2));
    REQUIRE_THAT(merge.output, Catch::Matchers::Contains(file.string()));
    REQUIRE(!fs::exists(dir / "merged.h5"));
    REQUIRE(!fs::exists(dir / "merged.csv"));
}

TEST_CASE("cli: a result file the HDF5 library never finishes reading is stopped and named, exit 2",
          "[cli][hostile]") {
    const fs::path dir = freshDirectory("hostile-endless");
    const fs::path file = dir / "endless.h5";
    fs::copy_file(endlessResult(), file);
    // A budget of 2 s of processor time per file (the default is 600 s): the test ends because
    // the budget is spent, whatever the machine's speed; no clock is read.
    const std::string budget = "HEATNET_READ_CPU_LIMIT=2 ";
    const std::string expected = file.string() +
                                 ": not a readable heatnet result (the HDF5 library did not finish "
                                 "reading it in 2 s of processor time)";

    const Outcome info = runCommand(budget + heatnet() + " info " + file.string());
    INFO(info.output);
    REQUIRE(info.exitCode == 2);
    REQUIRE_THAT(info.output, Catch::Matchers::Contains(expected));

    const Outcome report = runCommand(budget + heatnet() + " report " + file.string() + " -o " +
                                      (dir / "report.html").string());
    INFO(report.output);
    REQUIRE(report.exitCode == 2);
    REQUIRE_THAT(report.output, Catch::Matchers::Contains(expected));
    REQUIRE(!fs::exists(dir / "report.html"));
}

TEST_CASE("cli: info on a good result file still prints its table from the worker process",
          "[cli][hostile]") {
    const fs::path dir = freshDirectory("hostile-good");
    const fs::path scenario = shortenedDefault(dir, "24 h");
    const fs::path output = dir / "day.h5";
    const Outcome run =
        runCommand(heatnet() + " run " + scenario.string() + " -q -o " + output.string());
    INFO(run.output);
    REQUIRE(run.exitCode == 0);
    const Outcome info = runCommand(garbageMemory + heatnet() + " info " + output.string());
    INFO(info.output);
    REQUIRE(info.exitCode == 0);
    REQUIRE_THAT(info.output, Catch::Matchers::Contains("Heat demand"));
    REQUIRE_THAT(info.output, Catch::Matchers::Contains("/substations:"));
}

TEST_CASE("cli: an output folder that even root cannot write: a clear message, exit 1, no file",
          "[cli][hostile][output]") {
    // sysfs refuses to create regular files and folders for everyone, root included: a real
    // unwritable folder without privileges to mount a read-only file system.
    REQUIRE(fs::is_directory("/sys"));
    const fs::path dir = freshDirectory("hostile-unwritable");
    const fs::path scenario = shortenedDefault(dir, "24 h");
    for (const fs::path& output :
         {fs::path("/sys/heatnet-test.h5"), fs::path("/sys/heatnet-test-folder/out.h5")}) {
        const Outcome run =
            runCommand(heatnet() + " run " + scenario.string() + " -q -o " + output.string());
        INFO(run.output);
        REQUIRE(run.exitCode == 1);
        REQUIRE_THAT(run.output, Catch::Matchers::Contains(output.string()));
        // EACCES for a file, EPERM for a folder (sysfs's answers).
        REQUIRE_THAT(run.output, Catch::Matchers::Contains("Permission denied") ||
                                     Catch::Matchers::Contains("Operation not permitted"));
        REQUIRE_THAT(run.output, !Catch::Matchers::Contains("H5"));
        REQUIRE(!fs::exists(output));
        REQUIRE(!fs::exists(output.parent_path() / (output.filename().string() + ".lock")));
    }
}

TEST_CASE("cli: clean removes the temporary and lock files of dead processes, never a live one's",
          "[cli][hostile][output]") {
    const fs::path dir = freshDirectory("hostile-clean");
    const std::string dead = std::to_string(pidOfNoProcess());
    const std::string alive = std::to_string(static_cast<long>(::getpid()));
    auto write = [&](const std::string& name, const std::string& text) {
        std::ofstream(dir / name) << text;
        return dir / name;
    };
    const fs::path result = write("out.h5", "a finished result");
    const fs::path staleTemp = write("out.h5.tmp-" + dead, "half a result");
    const fs::path liveTemp = write("out.h5.tmp-" + alive, "a result being written");
    const fs::path staleLock = write("out.h5.lock", dead + "\n");
    const fs::path heldLock = write("held.h5.lock", dead + "\n");
    const fs::path liveLock = write("live.h5.lock", alive + "\n");
    const fs::path notOurs = write("Cargo.lock", "# not heatnet's\n");
    const fs::path reportTemp = write("report.html.tmp-" + dead, "<html>");

    // held.h5.lock is locked by another process (util-linux flock) while clean runs.
    const Outcome clean =
        runCommand("flock " + heldLock.string() + " " + heatnet() + " clean " + dir.string());
    INFO(clean.output);
    REQUIRE(clean.exitCode == 0);
    REQUIRE_THAT(clean.output, Catch::Matchers::Contains("removed " + staleTemp.string() +
                                                         " (temporary file of process " + dead));
    REQUIRE_THAT(clean.output, Catch::Matchers::Contains("removed " + staleLock.string() +
                                                         " (lock file of process " + dead));
    REQUIRE_THAT(clean.output, Catch::Matchers::Contains("removed " + reportTemp.string()));
    REQUIRE(!fs::exists(staleTemp));
    REQUIRE(!fs::exists(staleLock));
    REQUIRE(!fs::exists(reportTemp));
    for (const fs::path& kept : {result, liveTemp, heldLock, liveLock, notOurs}) {
        INFO(kept.string());
        REQUIRE(fs::exists(kept));
        REQUIRE_THAT(clean.output, !Catch::Matchers::Contains("removed " + kept.string() + " ("));
    }

    // Given an output rather than a folder: that output's files only.
    const fs::path otherTemp = write("other.h5.tmp-" + dead, "half");
    const fs::path outTemp = write("out.h5.tmp-" + dead, "half again");
    const Outcome one = runCommand(heatnet() + " clean " + (dir / "out.h5").string());
    INFO(one.output);
    REQUIRE(one.exitCode == 0);
    REQUIRE(!fs::exists(outTemp));
    REQUIRE(fs::exists(otherTemp));
    REQUIRE(fs::exists(result));
    REQUIRE(fs::exists(liveTemp));

    const Outcome nothing = runCommand(heatnet() + " clean " + (dir / "out.h5").string());
    REQUIRE(nothing.exitCode == 0);
    REQUIRE_THAT(nothing.output, Catch::Matchers::Contains("nothing to remove"));
}

TEST_CASE("cli: a CSV too big for the memory left is an error, never half a profile",
          "[cli][hostile][input]") {
    if (HEATNET_TEST_ASAN) {
        WARN("skipped under AddressSanitizer: it reserves terabytes of address space for its "
             "shadow memory, so no address-space limit leaves it room to start");
        return;
    }
    // Defect 4 of issue 10: under a memory limit the text reader copied less than the file and the
    // run went on with a smaller demand (24.11 instead of 32.93 MWh), exit 0. The scenario's
    // profile CSV is 200 MiB (24 hourly rows and one long comment line, so the file is valid);
    // the address space is limited to 150 MiB, which heatnet needs ~50 of: the CSV cannot fit.
    const fs::path dir = freshDirectory("hostile-memory");
    const fs::path source = sourceDir() / "scenarios";
    std::ifstream in(source / "reference.yaml");
    std::stringstream text;
    text << in.rdbuf();
    std::string scenario =
        std::regex_replace(text.str(), std::regex("duration: 168 h"), "duration: 24 h");
    std::ofstream(dir / "small.yaml") << scenario;
    fs::copy_file(source / "reference-demand.csv", dir / "reference-demand.csv");
    scenario = std::regex_replace(scenario, std::regex("reference-demand\\.csv"), "big.csv");
    std::ofstream(dir / "big.yaml") << scenario;
    constexpr std::size_t commentBytes = 200u << 20;
    {
        std::ifstream rows(source / "reference-demand.csv");
        std::ofstream big(dir / "big.csv", std::ios::binary);
        big << rows.rdbuf() << "# " << std::string(commentBytes, 'x') << "\n";
    }
    const std::string limited =
        "OMP_NUM_THREADS=1 prlimit --as=" + std::to_string(150u << 20) + " " + heatnet() + " run ";

    // The limit leaves heatnet room to run the same scenario with its small profile.
    const Outcome small = runCommand(limited + (dir / "small.yaml").string() + " -q -o " +
                                     (dir / "small.h5").string());
    INFO(small.output);
    REQUIRE(small.exitCode == 0);
    REQUIRE(fs::exists(dir / "small.h5"));

    const fs::path output = dir / "big.h5";
    const Outcome big =
        runCommand(limited + (dir / "big.yaml").string() + " -q -o " + output.string());
    fs::remove(dir / "big.csv");
    INFO(big.output);
    REQUIRE(big.exitCode == 2);
    REQUIRE_THAT(big.output, Catch::Matchers::Contains("big.yaml:"));
    REQUIRE_THAT(big.output, Catch::Matchers::Contains("big.csv"));
    REQUIRE_THAT(big.output, Catch::Matchers::Contains("not enough memory"));
    REQUIRE(!fs::exists(output));
    for (const auto& entry : fs::directory_iterator(dir)) {
        REQUIRE(entry.path().filename().string().rfind("big.h5", 0) == std::string::npos);
    }
}
