// Tests of the HDF5 result file layer: round trips, appending, the temporary-file protocol,
// errors, and that h5py/xarray read the files as users will.
#include "solver/Error.h"
#include "solver/output/Hdf5File.h"

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using heatnet::Hdf5Reader;
using heatnet::Hdf5Writer;
using heatnet::OutputError;

namespace {

//! A fresh directory under the system temp dir, removed with everything in it.
class TempDir {
public:
    TempDir() {
        static std::atomic<int> counter{0};
        m_path = fs::temp_directory_path() /
                 fmt::format("heatnet-test-hdf5-{}-{}", static_cast<long>(::getpid()), counter++);
        fs::remove_all(m_path);
        fs::create_directories(m_path);
    }
    ~TempDir() {
        std::error_code ignored;
        fs::remove_all(m_path, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const fs::path& path() const { return m_path; }

private:
    fs::path m_path;
};

fs::path tempPathFor(const fs::path& finalPath) {
    fs::path temp = finalPath;
    temp += fmt::format(".tmp-{}", static_cast<long>(::getpid()));
    return temp;
}

std::vector<double> sequence(std::size_t count, double start, double step) {
    std::vector<double> values(count);
    for (std::size_t i = 0; i < count; ++i) {
        values[i] = start + step * static_cast<double>(i);
    }
    return values;
}

//! A small but complete file: pipes (time × pipe) and network (time only).
void writeNetworkFile(const fs::path& file, std::size_t hours) {
    Hdf5Writer writer(file);
    const std::vector<std::string> pipes = {"P1", "P2", "Pümpe-3"};
    writer.createGroup("pipes");
    writer.createTimeAxis("pipes", "2025-01-01 00:00:00");
    writer.createLabelAxis("pipes", "pipe", pipes);
    auto outlet =
        writer.createSeries("pipes", "outlet_temperature", "pipe", "K", "pipe outlet temperature");
    auto flow = writer.createSeries("pipes", "mass_flow", "pipe", "kg/s", "pipe mass flow");
    writer.writeVector("pipes", "length", "pipe", std::vector<double>{250.0, 120.5, 80.0}, "m",
                       "pipe length");
    writer.createGroup("network");
    writer.createTimeAxis("network", "2025-01-01 00:00:00");
    auto demand = writer.createSeries("network", "heat_demand", "", "W", "total heat demand");
    writer.writeScalar("network", "pipe_losses", 1.25e9, "J", "heat lost by pipes over the run");
    for (std::size_t h = 0; h < hours; ++h) {
        const double hour = static_cast<double>(h);
        writer.appendTimes("pipes", std::vector<double>{hour});
        writer.appendTimes("network", std::vector<double>{hour});
        writer.appendRows(outlet, sequence(pipes.size(), 340.0 + hour, 0.5));
        writer.appendRows(flow, sequence(pipes.size(), 10.0, -1.0));
        writer.appendRows(demand, std::vector<double>{1.0e6 + 100.0 * hour});
    }
    writer.writeAttribute("/", "title", "heatnet test file");
    writer.commit();
}

int runPython(const fs::path& script, const fs::path& file) {
    const std::string command =
        fmt::format("/usr/bin/python3 '{}' '{}'", script.string(), file.string());
    const int status = std::system(command.c_str());
    if (status == -1 || !WIFEXITED(status)) {
        return -1;
    }
    return WEXITSTATUS(status);
}

} // namespace

TEST_CASE("hdf5: every kind of object reads back exactly", "[hdf5]") {
    TempDir dir;
    const fs::path file = dir.path() / "round.h5";
    const std::vector<std::string> labels = {"P1", "Pumpe Süd", "ﾃｽﾄ", ""};
    const std::string scenarioText = "name: Saint-Omer\npipes:\n  - id: P1\n    length: 250 m\n";
    {
        Hdf5Writer writer(file);
        REQUIRE(writer.finalPath() == file);
        writer.createGroup("pipes");
        writer.createGroup("deep/nested/group");
        writer.createTimeAxis("pipes", "2025-01-01 00:00:00");
        writer.createLabelAxis("pipes", "pipe", labels);
        auto temperature =
            writer.createSeries("pipes", "temperature", "pipe", "K", "pipe temperature");
        auto total = writer.createSeries("pipes", "total_loss", "", "W", "total pipe loss");
        writer.appendTimes("pipes", std::vector<double>{0.0, 1.0});
        writer.appendRows(temperature, std::vector<double>{1, 2, 3, 4, 5, 6, 7, 0.1});
        writer.appendRows(total, std::vector<double>{-1.5, 1e300});
        writer.writeVector("pipes", "length", "pipe", std::vector<double>{250, 1e-3, 0, -2}, "m",
                           "pipe length");
        writer.writeScalar("deep/nested/group", "residual", 3.5e-12, "J", "energy residual");
        writer.writeScalar("/", "root_value", 42.0, "1", "a number at the root");
        writer.writeAttribute("/", "heatnet_version", "0.1.0");
        writer.writeAttribute("/", "energy_residual", 1.0 / 3.0);
        writer.writeAttribute("pipes/temperature", "note", "replaced below");
        writer.writeAttribute("pipes/temperature", "note", "über");
        writer.writeAttribute("pipes", "count", 4.0);
        writer.writeString("/", "scenario", scenarioText);
        writer.writeString("deep", "empty", "");
        writer.commit();
    }

    Hdf5Reader reader(file);
    CHECK(reader.list("/") == std::vector<std::string>{"deep", "pipes", "root_value", "scenario"});
    CHECK(reader.list("pipes") ==
          std::vector<std::string>{"length", "pipe", "temperature", "time", "total_loss"});
    CHECK(reader.exists("/"));
    CHECK(reader.exists("deep/nested/group/residual"));
    CHECK(reader.exists("/pipes/temperature"));
    CHECK_FALSE(reader.exists("pipes/nothing"));
    CHECK_FALSE(reader.exists("nothing/at/all"));

    std::vector<std::size_t> shape;
    CHECK(reader.readDoubles("pipes/time", &shape) == std::vector<double>{0.0, 1.0});
    CHECK(shape == std::vector<std::size_t>{2});
    CHECK(reader.readAttribute("pipes/time", "units") == "hours since 2025-01-01 00:00:00");
    CHECK(reader.readAttribute("pipes/time", "calendar") == "standard");
    CHECK(reader.readAttribute("pipes/time", "axis") == "T");
    CHECK(reader.readAttribute("pipes/time", "long_name") == "time");
    CHECK(reader.readAttribute("pipes/time", "CLASS") == "DIMENSION_SCALE");

    CHECK(reader.readStrings("pipes/pipe") == labels);
    CHECK(reader.readAttribute("pipes/pipe", "NAME") == "pipe");

    CHECK(reader.readDoubles("pipes/temperature", &shape) ==
          std::vector<double>{1, 2, 3, 4, 5, 6, 7, 0.1});
    CHECK(shape == std::vector<std::size_t>{2, 4});
    CHECK(reader.readAttribute("pipes/temperature", "units") == "K");
    CHECK(reader.readAttribute("pipes/temperature", "long_name") == "pipe temperature");
    CHECK(reader.readAttribute("pipes/temperature", "note") == "über");
    CHECK(reader.readAttribute("pipes/temperature", "absent") == "");

    CHECK(reader.readDoubles("pipes/total_loss", &shape) == std::vector<double>{-1.5, 1e300});
    CHECK(shape == std::vector<std::size_t>{2});
    CHECK(reader.readAttribute("pipes/total_loss", "units") == "W");

    CHECK(reader.readDoubles("pipes/length", &shape) == std::vector<double>{250, 1e-3, 0, -2});
    CHECK(shape == std::vector<std::size_t>{4});
    CHECK(reader.readAttribute("pipes/length", "units") == "m");

    CHECK(reader.readScalar("deep/nested/group/residual") == 3.5e-12);
    CHECK(reader.readDoubles("deep/nested/group/residual", &shape) == std::vector<double>{3.5e-12});
    CHECK(shape.empty());
    CHECK(reader.readAttribute("deep/nested/group/residual", "units") == "J");
    CHECK(reader.readAttribute("deep/nested/group/residual", "long_name") == "energy residual");
    CHECK(reader.readScalar("root_value") == 42.0);

    CHECK(reader.readAttribute("/", "heatnet_version") == "0.1.0");
    CHECK(reader.readDoubleAttribute("/", "energy_residual") == 1.0 / 3.0);
    CHECK(reader.readDoubleAttribute("pipes", "count") == 4.0);
    CHECK(reader.readAttribute("pipes", "count") == "4");
    CHECK(reader.listAttributes("/") ==
          std::vector<std::string>{"energy_residual", "heatnet_version"});

    CHECK(reader.readString("scenario") == scenarioText);
    CHECK(reader.readString("deep/empty").empty());
}

TEST_CASE("hdf5: rows appended in several batches", "[hdf5]") {
    TempDir dir;
    const fs::path file = dir.path() / "batches.h5";
    // More columns than one chunk holds, and more rows than one chunk, to cross chunk borders.
    const std::size_t columns = 600;
    const std::vector<std::size_t> batches = {1, 23, 0, 200, 7};
    std::vector<double> expected;
    std::vector<double> expectedTimes;
    std::vector<double> expected1d;
    {
        Hdf5Writer writer(file);
        std::vector<std::string> labels;
        for (std::size_t c = 0; c < columns; ++c) {
            labels.push_back(fmt::format("C{}", c));
        }
        writer.createTimeAxis("g", "2030-06-01 12:00:00");
        writer.createLabelAxis("g", "consumer", labels);
        auto wide = writer.createSeries("g", "heat", "consumer", "W", "heat delivered");
        auto narrow = writer.createSeries("g", "price", "", "EUR/MWh", "price");
        std::size_t row = 0;
        for (std::size_t batch : batches) {
            std::vector<double> values;
            std::vector<double> times;
            std::vector<double> prices;
            for (std::size_t r = 0; r < batch; ++r, ++row) {
                times.push_back(0.5 * static_cast<double>(row));
                prices.push_back(std::sqrt(static_cast<double>(row)));
                for (std::size_t c = 0; c < columns; ++c) {
                    values.push_back(static_cast<double>(row) * 1000.0 + static_cast<double>(c));
                }
            }
            writer.appendTimes("g", times);
            writer.appendRows(wide, values);
            writer.appendRows(narrow, prices);
            expected.insert(expected.end(), values.begin(), values.end());
            expectedTimes.insert(expectedTimes.end(), times.begin(), times.end());
            expected1d.insert(expected1d.end(), prices.begin(), prices.end());
        }
        // A batch that is not a whole number of rows is refused and changes nothing.
        CHECK_THROWS_AS(writer.appendRows(wide, std::vector<double>(columns + 1, 0.0)),
                        OutputError);
        CHECK_THROWS_AS(writer.appendRows(heatnet::SeriesId{99}, std::vector<double>{1.0}),
                        OutputError);
        writer.commit();
    }
    Hdf5Reader reader(file);
    std::vector<std::size_t> shape;
    const std::size_t rows = expectedTimes.size();
    CHECK(reader.readDoubles("g/heat", &shape) == expected);
    CHECK(shape == std::vector<std::size_t>{rows, columns});
    CHECK(reader.readDoubles("g/time", &shape) == expectedTimes);
    CHECK(shape == std::vector<std::size_t>{rows});
    CHECK(reader.readDoubles("g/price", &shape) == expected1d);
    CHECK(shape == std::vector<std::size_t>{rows});
    CHECK(reader.readAttribute("g/time", "units") == "hours since 2030-06-01 12:00:00");
}

TEST_CASE("hdf5: the file is written under a temporary name and renamed by commit", "[hdf5]") {
    TempDir dir;
    // The parent directory does not exist yet: the writer creates it.
    const fs::path file = dir.path() / "new" / "sub" / "result.h5";
    const fs::path temp = tempPathFor(file);
    Hdf5Writer writer(file);
    CHECK(writer.tempPath() == temp);
    CHECK(temp.parent_path() == file.parent_path());
    CHECK(fs::exists(temp));
    CHECK_FALSE(fs::exists(file));
    writer.createTimeAxis("network", "2025-01-01 00:00:00");
    auto series = writer.createSeries("network", "demand", "", "W", "demand");
    writer.appendTimes("network", std::vector<double>{0, 1, 2});
    writer.appendRows(series, std::vector<double>{1, 2, 3});
    CHECK(fs::exists(temp));
    CHECK_FALSE(fs::exists(file));
    writer.commit();
    CHECK(fs::exists(file));
    CHECK_FALSE(fs::exists(temp));
    CHECK(fs::directory_iterator(file.parent_path()) != fs::directory_iterator());
    CHECK(std::distance(fs::directory_iterator(file.parent_path()), fs::directory_iterator()) == 1);
    // No call is allowed after commit.
    CHECK_THROWS_AS(writer.appendRows(series, std::vector<double>{4}), OutputError);
    CHECK_THROWS_AS(writer.commit(), OutputError);
    CHECK(Hdf5Reader(file).readDoubles("network/demand") == std::vector<double>{1, 2, 3});
}

TEST_CASE("hdf5: a writer destroyed without commit leaves no file behind", "[hdf5]") {
    TempDir dir;
    const fs::path file = dir.path() / "abandoned.h5";
    const fs::path temp = tempPathFor(file);

    SECTION("plain destruction") {
        {
            Hdf5Writer writer(file);
            writer.createTimeAxis("pipes", "2025-01-01 00:00:00");
            writer.appendTimes("pipes", std::vector<double>{0, 1});
            CHECK(fs::exists(temp));
        }
        CHECK_FALSE(fs::exists(file));
        CHECK_FALSE(fs::exists(temp));
    }
    SECTION("an exception unwinds the writer") {
        CHECK_THROWS_AS(
            [&] {
                Hdf5Writer writer(file);
                writer.createTimeAxis("pipes", "2025-01-01 00:00:00");
                throw OutputError("simulated failure in the middle of a run");
            }(),
            OutputError);
        CHECK_FALSE(fs::exists(file));
        CHECK_FALSE(fs::exists(temp));
    }
    SECTION("an older result at the final path is left untouched") {
        writeNetworkFile(file, 3);
        const auto before = fs::file_size(file);
        {
            Hdf5Writer writer(file);
            writer.createTimeAxis("network", "2026-01-01 00:00:00");
        }
        CHECK(fs::exists(file));
        CHECK(fs::file_size(file) == before);
        CHECK_FALSE(fs::exists(temp));
        CHECK(Hdf5Reader(file).readAttribute("network/time", "units") ==
              "hours since 2025-01-01 00:00:00");
    }
    CHECK(fs::is_empty(dir.path()) == !fs::exists(file));
}

TEST_CASE("hdf5: errors are OutputError naming the file and the object", "[hdf5]") {
    TempDir dir;

    SECTION("reading a file that is not HDF5") {
        const fs::path text = dir.path() / "not-hdf5.h5";
        std::ofstream(text) << "this is a text file, not an HDF5 file\n";
        CHECK_THROWS_AS(Hdf5Reader(text), OutputError);
        CHECK_THROWS_WITH(Hdf5Reader(text), Contains(text.string()));
    }
    SECTION("reading a missing file") {
        const fs::path missing = dir.path() / "missing.h5";
        CHECK_THROWS_AS(Hdf5Reader(missing), OutputError);
        CHECK_THROWS_WITH(Hdf5Reader(missing), Contains("missing.h5"));
    }
    SECTION("reading missing or mistyped objects") {
        const fs::path file = dir.path() / "net.h5";
        writeNetworkFile(file, 2);
        Hdf5Reader reader(file);
        CHECK_THROWS_AS(reader.readDoubles("pipes/nope"), OutputError);
        CHECK_THROWS_WITH(reader.readDoubles("pipes/nope"), Contains("H5Dopen2") &&
                                                                Contains("pipes/nope") &&
                                                                Contains(file.string()));
        CHECK_THROWS_WITH(reader.readDoubles("pipes/pipe"), Contains("not a numeric"));
        CHECK_THROWS_WITH(reader.readStrings("pipes/length"), Contains("not a string"));
        CHECK_THROWS_WITH(reader.readScalar("pipes/length"), Contains("3 values"));
        CHECK_THROWS_AS(reader.readDoubleAttribute("pipes/length", "units"), OutputError);
        CHECK_THROWS_AS(reader.readDoubleAttribute("pipes/length", "absent"), OutputError);
        CHECK_THROWS_AS(reader.list("no/such/group"), OutputError);
        CHECK_THROWS_AS(reader.readAttribute("no/such/object", "units"), OutputError);
    }
    SECTION("writing inconsistent objects") {
        Hdf5Writer writer(dir.path() / "bad.h5");
        writer.createGroup("pipes");
        writer.createLabelAxis("pipes", "pipe", {"A", "B"});
        // A series needs the group's time axis; its label axis must exist.
        CHECK_THROWS_WITH(writer.createSeries("pipes", "t", "pipe", "K", "t"),
                          Contains("no time axis"));
        writer.createTimeAxis("pipes", "2025-01-01 00:00:00");
        CHECK_THROWS_WITH(writer.createSeries("pipes", "t", "valve", "K", "t"),
                          Contains("H5Dopen2") && Contains("pipes/valve"));
        CHECK_THROWS_AS(writer.createTimeAxis("pipes", "2025-01-01 00:00:00"), OutputError);
        CHECK_THROWS_AS(writer.createTimeAxis("other", "yesterday"), OutputError);
        CHECK_THROWS_WITH(
            writer.writeVector("pipes", "len", "pipe", std::vector<double>{1.0}, "m", "length"),
            Contains("1 values") && Contains("2 labels"));
        writer.createSeries("pipes", "t", "pipe", "K", "t");
        CHECK_THROWS_WITH(writer.createSeries("pipes", "t", "pipe", "K", "t"),
                          Contains("H5Dcreate2") && Contains("pipes/t"));
        CHECK_THROWS_WITH(writer.writeAttribute("pipes/none", "units", "K"),
                          Contains("pipes/none"));
        CHECK_THROWS_AS(writer.createSeries("pipes", "a/b", "pipe", "K", "t"), OutputError);
        CHECK_THROWS_AS(writer.appendTimes("nogroup", std::vector<double>{1.0}), OutputError);
    }
}

TEST_CASE("hdf5: h5py and xarray (h5netcdf) read the layout as users expect", "[hdf5][python]") {
    TempDir dir;
    const fs::path file = dir.path() / "xarray.h5";
    writeNetworkFile(file, 30);
    const fs::path script = fs::path(HEATNET_SOURCE_DIR) / "tests" / "data" / "check_h5_xarray.py";
    REQUIRE(fs::exists(script));
    CHECK(runPython(script, file) == 0);
}

#ifdef HEATNET_SHARED_DIR
TEST_CASE("hdf5: a result-shaped file passes the project's check_results.py", "[hdf5][python]") {
    const fs::path script = fs::path(HEATNET_SHARED_DIR) / "tools" / "check_results.py";
    if (!fs::exists(script)) {
        WARN("no " << script.string() << "; skipped");
        return;
    }
    TempDir dir;
    const fs::path file = dir.path() / "year.h5";
    {
        const std::size_t hours = 8760;
        const std::vector<std::string> pipes = {"P1", "P2", "P3", "P4"};
        Hdf5Writer writer(file);
        writer.createTimeAxis("pipes", "2025-01-01 00:00:00");
        writer.createLabelAxis("pipes", "pipe", pipes);
        writer.createTimeAxis("network", "2025-01-01 00:00:00");
        std::vector<heatnet::SeriesId> pipeSeries;
        std::vector<heatnet::SeriesId> networkSeries;
        for (int i = 0; i < 6; ++i) {
            pipeSeries.push_back(writer.createSeries("pipes", fmt::format("s{}", i), "pipe", "K",
                                                     fmt::format("series {}", i)));
            networkSeries.push_back(writer.createSeries("network", fmt::format("n{}", i), "", "W",
                                                        fmt::format("network {}", i)));
        }
        const std::size_t batch = 24;
        for (std::size_t h = 0; h < hours; h += batch) {
            const auto times = sequence(batch, static_cast<double>(h), 1.0);
            writer.appendTimes("pipes", times);
            writer.appendTimes("network", times);
            for (auto id : pipeSeries) {
                writer.appendRows(id, sequence(batch * pipes.size(), 340.0, 0.01));
            }
            for (auto id : networkSeries) {
                writer.appendRows(id, sequence(batch, 1e6, 1.0));
            }
        }
        writer.writeVector("pipes", "length", "pipe", std::vector<double>{1, 2, 3, 4}, "m",
                           "length");
        writer.writeScalar("network", "energy_residual", 1e-9, "J", "energy balance residual");
        writer.writeAttribute("/", "energy_residual_relative", 1e-15);
        writer.writeString("/", "scenario", std::string(400, '#'));
        writer.commit();
    }
    CHECK(runPython(script, file) == 0);
}
#endif
