#include "solver/Error.h"
#include "solver/input/CsvTable.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

using Catch::Matchers::Contains;
using heatnet::CsvTable;
using heatnet::InputError;

namespace {

std::string errorOf(std::string_view text) {
    try {
        CsvTable::parse(text, "p.csv");
    } catch (const InputError& e) {
        return e.what();
    }
    FAIL("no InputError thrown");
    return {};
}

} // namespace

TEST_CASE("csv: parses header and numeric columns", "[csv]") {
    const auto table = CsvTable::parse("# hourly demand\n"
                                       " hour , \"Q_W\",T_out_K\n"
                                       "\n"
                                       "0, 1e3, 273.15\n"
                                       "# a comment between rows\n"
                                       "1 ,+2.5E3,-1\r\n"
                                       "2,\"3000\",0\n",
                                       "demand.csv");
    CHECK(table.displayName() == "demand.csv");
    REQUIRE(table.header() == std::vector<std::string>{"hour", "Q_W", "T_out_K"});
    REQUIRE(table.rowCount() == 3);
    CHECK(table.hasColumn("Q_W"));
    CHECK_FALSE(table.hasColumn("q_w"));
    const auto q = table.column("Q_W");
    REQUIRE(q.size() == 3);
    CHECK(q[0] == Approx(1000.0));
    CHECK(q[1] == Approx(2500.0));
    CHECK(q[2] == Approx(3000.0));
    CHECK(table.column(std::size_t{2})[1] == Approx(-1.0));
    CHECK(table.lineOfRow(0) == 4);
    CHECK(table.lineOfRow(1) == 6);
    CHECK(table.lineOfRow(2) == 7);
}

TEST_CASE("csv: cells of any width in any order, row after row", "[csv]") {
    // The parser reuses one line's cells for the next: long cells before short ones, quoted
    // before plain, must each come out whole.
    const auto table = CsvTable::parse("a,b\n"
                                       "0.000000000000000000000000000001234,\"2.5e-300\"\n"
                                       "3,4\n"
                                       "\" 5.25 \",   6\n",
                                       "w.csv");
    REQUIRE(table.rowCount() == 3);
    const auto a = table.column("a"), b = table.column("b");
    CHECK(a[0] == 1.234e-30);
    CHECK(b[0] == 2.5e-300);
    CHECK(a[1] == 3.0);
    CHECK(b[1] == 4.0);
    CHECK(a[2] == 5.25);
    CHECK(b[2] == 6.0);
}

TEST_CASE("csv: semicolon and tab separators", "[csv]") {
    const auto semicolon = CsvTable::parse("a;b\n1;2\n3;4", "s.csv");
    CHECK(semicolon.rowCount() == 2);
    CHECK(semicolon.column("b")[1] == Approx(4.0));
    const auto tab = CsvTable::parse("a\tb\n1\t2\n", "t.csv");
    CHECK(tab.column("b")[0] == Approx(2.0));
    const auto single = CsvTable::parse("only\n5\n6\n", "o.csv");
    CHECK(single.column("only")[1] == Approx(6.0));
    CHECK_THAT(errorOf("a;b\n1,5;2\n"), Contains("decimal separator"));
}

TEST_CASE("csv: bad cells name file, line, column and row", "[csv]") {
    CHECK(errorOf("t,Q_W\n0,1\n1,abc\n") ==
          "p.csv:3:2: column 'Q_W': 'abc' is not a number (row 2)");
    CHECK_THAT(errorOf("t,Q_W\n0,1\n\n# c\n1,\n"),
               Contains("p.csv:5:2: column 'Q_W': an empty cell is not a number (row 2)"));
    CHECK_THAT(errorOf("t,Q_W\n0,nan\n"), Contains("'nan' is not a number"));
    CHECK_THAT(errorOf("t,Q_W\n0,12 kW\n"), Contains("'12 kW' is not a number"));
}

TEST_CASE("csv: structural errors", "[csv]") {
    CHECK(errorOf("a,b,c\n1,2,3\n1,2\n") == "p.csv:3: expected 3 columns, found 2");
    CHECK(errorOf("a,b\n1,2,3\n") == "p.csv:2: expected 2 columns, found 3");
    CHECK_THAT(errorOf("a,b\n"), Contains("p.csv: no data rows"));
    CHECK_THAT(errorOf("# only a comment\n\n"), Contains("p.csv: no header row"));
    CHECK_THAT(errorOf("a,a\n1,2\n"), Contains("p.csv:1: duplicate column 'a'"));
    CHECK_THAT(errorOf("a,,c\n1,2,3\n"), Contains("p.csv:1: column 2 has no name"));
    CHECK_THAT(errorOf("\"a,b\n1\n"), Contains("p.csv:1: unclosed quote"));
}

TEST_CASE("csv: column lookup and failAt", "[csv]") {
    const auto table = CsvTable::parse("time,heat\n0,1\n1,2\n", "p.csv");
    REQUIRE_THROWS_AS(table.column("hate"), InputError);
    REQUIRE_THROWS_WITH(table.column("hate"),
                        Contains("p.csv: no column 'hate'; the columns are 'time', 'heat'") &&
                            Contains("did you mean 'heat'?"));
    REQUIRE_THROWS_WITH(table.column(std::size_t{5}), Contains("no column number 6"));
    REQUIRE_THROWS_WITH(table.failAt(1, "heat", "negative demand"),
                        "p.csv:3:2: column 'heat': negative demand");
    REQUIRE_THROWS_WITH(table.failAt(0, "", "bad row"), "p.csv:2: bad row");
}

TEST_CASE("csv: load from a file", "[csv]") {
    const auto dir = std::filesystem::temp_directory_path() /
                     ("heatnet_test_csv_" +
                      std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
    std::filesystem::create_directories(dir);
    const auto path = dir / "profile.csv";
    std::ofstream(path) << "hour,Q_W\n0,100\n1,abc\n";
    REQUIRE_THROWS_WITH(CsvTable::load(path, "profiles/profile.csv"),
                        "profiles/profile.csv:3:2: column 'Q_W': 'abc' is not a number (row 2)");
    REQUIRE_THROWS_WITH(CsvTable::load(path), Contains(path.string() + ":3:"));
    std::ofstream(path) << "hour,Q_W\n0,100\n1,200\n";
    const auto table = CsvTable::load(path);
    CHECK(table.displayName() == path.string());
    CHECK(table.column("Q_W")[1] == Approx(200.0));
    REQUIRE_THROWS_WITH(CsvTable::load(dir / "missing.csv"),
                        Contains("cannot read CSV file '" + (dir / "missing.csv").string() + "'"));
    std::filesystem::remove_all(dir);
}
