#include "solver/Error.h"
#include "solver/input/Input.h"
#include "tests/TestSupport.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

using Catch::Matchers::Contains;
using heatnet::Dimension;
using heatnet::InputError;
using heatnet::InputFile;
using heatnet::InputNode;

using namespace heatnet::testing;

namespace {

const char* const kScenario = R"(simulation:
  duration: 1 a
  step: 1 h
  solver: cvode
network:
  pipes:
    - id: P1
      length: 120 m
    - id: P2
      length: 80 m
    - name: spur
      length: 0.3 km
  nodes: [A, B]
options:
  verbose: yes
  retries: 3
)";

std::shared_ptr<const InputFile> scenario() {
    return InputFile::fromString(kScenario, "s.yaml");
}

//! A scratch folder for tests that need real files; removed at the end of the test.
struct TempDir {
    std::filesystem::path path;
    TempDir() {
        path = std::filesystem::temp_directory_path() /
               ("heatnet_test_input_" +
                std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
        std::filesystem::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    std::filesystem::path write(const std::string& name, const std::string& text) const {
        const auto file = path / name;
        std::filesystem::create_directories(file.parent_path());
        std::ofstream(file) << text;
        return file;
    }
};

} // namespace

TEST_CASE("input: navigation and key paths", "[input]") {
    const auto file = scenario();
    const InputNode root = file->root();
    REQUIRE(root.isMap());
    CHECK(root.keyPath().empty());
    CHECK(root.keys() == std::vector<std::string>{"simulation", "network", "options"});

    const InputNode simulation = root["simulation"];
    CHECK(simulation.keyPath() == "simulation");
    CHECK(simulation["duration"].keyPath() == "simulation.duration");
    CHECK(simulation["duration"].line() == 2);
    CHECK(simulation["duration"].column() == 13);
    CHECK(simulation.has("step"));
    CHECK_FALSE(simulation.has("stop"));
    CHECK_FALSE(simulation.get("stop").has_value());
    REQUIRE(simulation.get("step").has_value());

    const InputNode pipes = root["network"]["pipes"];
    CHECK(pipes.isSequence());
    REQUIRE(pipes.size() == 3);
    CHECK(pipes[std::size_t{1}].keyPath() == "network.pipes[1] ('P2')");
    CHECK(pipes[std::size_t{1}]["length"].keyPath() == "network.pipes[1] ('P2').length");
    const auto items = pipes.items();
    REQUIRE(items.size() == 3);
    CHECK(items[0].keyPath() == "network.pipes[0] ('P1')");
    CHECK(items[2].keyPath() == "network.pipes[2] ('spur')");
    CHECK(root["network"]["nodes"][std::size_t{1}].keyPath() == "network.nodes[1]");
    CHECK(root["network"]["nodes"][std::size_t{1}].asString() == "B");
    CHECK(file->line(7) == "    - id: P1");
    CHECK(file->line(0).empty());
    CHECK(file->line(1000).empty());
    CHECK(file->text() == kScenario);
    CHECK(file->displayName() == "s.yaml");
}

TEST_CASE("input: conversions", "[input]") {
    const auto root = InputFile::fromString(R"(
length: 250 m
supply: 70 degC
price: 50 EUR/MWh
n: 3
big: 1e3
x: -2.5
flag: yes
off: False
mode: cvode
name: Saint-Omer
)",
                                            "c.yaml")
                          ->root();
    CHECK(root["length"].asQuantity(Dimension::Length) == Approx(250.0));
    CHECK(root["supply"].asQuantity(Dimension::Temperature) == Approx(343.15));
    CHECK(root["price"].asQuantity(Dimension::EnergyPrice) == Approx(50.0 / 3.6e9));
    CHECK(root["x"].asQuantity(Dimension::Dimensionless) == Approx(-2.5));
    CHECK(root["n"].asInteger() == 3);
    CHECK(root["big"].asInteger() == 1000);
    CHECK(root["big"].asNumber() == Approx(1000.0));
    CHECK(root["x"].asNumber() == Approx(-2.5));
    CHECK(root["flag"].asBool());
    CHECK_FALSE(root["off"].asBool());
    CHECK(root["mode"].asChoice({"euler", "cvode"}) == "cvode");
    CHECK(root["name"].asString() == "Saint-Omer");

    CHECK(root.quantityOr("length", Dimension::Length, 1.0) == Approx(250.0));
    CHECK(root.quantityOr("width", Dimension::Length, 1.0) == Approx(1.0));
    CHECK(root.numberOr("x", 7.0) == Approx(-2.5));
    CHECK(root.numberOr("y", 7.0) == Approx(7.0));
    CHECK(root.integerOr("n", 9) == 3);
    CHECK(root.integerOr("m", 9) == 9);
    CHECK(root.boolOr("flag", false));
    CHECK(root.boolOr("other", true));
    CHECK(root.stringOr("name", "x") == "Saint-Omer");
    CHECK(root.stringOr("title", "untitled") == "untitled");
}

TEST_CASE("input: unknown key points at the key with a quote and did-you-mean", "[input]") {
    const auto file = InputFile::fromString(R"(network:
  pipes:
    - id: P0
      length: 100 m
    - id: P1
      length: 100 m
    - id: P2
      length: 100 m
    - id: P3
      lenght: 250 m
)",
                                            "scenarios/arques.yaml");
    const auto pipe = file->root()["network"]["pipes"][std::size_t{3}];
    const std::string message = errorOf([&] { pipe.allowOnly({"id", "length", "dn"}); });
    CHECK(message == "scenarios/arques.yaml:10:7: error in network.pipes[3] ('P3'): unknown key "
                     "'lenght'; did you mean 'length'?\n"
                     "    9 |     - id: P3\n"
                     ">  10 |       lenght: 250 m\n"
                     "      |       ^");
}

TEST_CASE("input: error format matches the design example", "[input]") {
    std::string text;
    for (int i = 1; i <= 12; ++i) {
        text += "# filler\n";
    }
    text += "  - id: P3\n    lenght: 250 m\n";
    const auto file = InputFile::fromString(text, "scenarios/arques.yaml");
    CHECK(file->formatError(14, 5, "network.pipes[3] ('P3')",
                            "unknown key 'lenght'; did you mean 'length'?") ==
          "scenarios/arques.yaml:14:5: error in network.pipes[3] ('P3'): unknown key 'lenght'; "
          "did you mean 'length'?\n"
          "   13 |   - id: P3\n"
          ">  14 |     lenght: 250 m\n"
          "      |     ^");
    CHECK(file->formatError(0, 0, "", "something") == "scenarios/arques.yaml: error: something");
    CHECK(file->formatError(1, 0, "a.b", "m") ==
          "scenarios/arques.yaml:1: error in a.b: m\n>   1 | # filler");
}

TEST_CASE("input: unknown key without a near match lists the allowed keys", "[input]") {
    const auto root = InputFile::fromString("a: 1\nzzzzzz: 2\n", "f.yaml")->root();
    CHECK_THAT(errorOf([&] {
                   root.allowOnly({"a", "b"});
               }),
               Contains("f.yaml:2:1: error: unknown key 'zzzzzz'; allowed keys are 'a', 'b'"));
    CHECK_NOTHROW(root.allowOnly(std::vector<std::string>{"a", "zzzzzz"}));
}

TEST_CASE("input: missing required key points at the mapping", "[input]") {
    const auto root = scenario()->root();
    const auto pipe = root["network"]["pipes"][std::size_t{0}];
    const std::string message = errorOf([&] { pipe["dn"]; });
    CHECK_THAT(message, Contains("s.yaml:7:7: error in network.pipes[0] ('P1'): missing "
                                 "required key 'dn'"));
    CHECK_THAT(message, Contains(">   7 |     - id: P1"));
    CHECK_THAT(message, Contains("   6 |   pipes:"));

    const auto typo = InputFile::fromString("a:\n  lenght: 3 m\n", "t.yaml")->root()["a"];
    CHECK_THAT(errorOf([&] { typo["length"]; }),
               Contains("missing required key 'length'; is 'lenght' (line 2) a misspelling"));
}

TEST_CASE("input: duplicate keys are rejected at load", "[input]") {
    const std::string message = errorOf([] {
        InputFile::fromString("pipes:\n  - id: P1\n    length: 3 m\n    length: 4 m\n", "d.yaml");
    });
    CHECK_THAT(message, Contains("d.yaml:4:5: error in pipes[0] ('P1'): duplicate key 'length' "
                                 "(first at line 3)"));
    CHECK_THAT(message, Contains(">   4 |     length: 4 m"));
    CHECK_THAT(errorOf([] { InputFile::fromString("a: {x: 1, x: 2}\n", "f.yaml"); }),
               Contains("f.yaml:1:11: error in a: duplicate key 'x' (first at line 1)"));
    CHECK_THAT(errorOf([] { InputFile::fromString("a: 1\nb: 2\na: 3\n", "top.yaml"); }),
               Contains("top.yaml:3:1: error: duplicate key 'a' (first at line 1)"));
}

TEST_CASE("input: YAML syntax errors carry line and column", "[input]") {
    const std::string message =
        errorOf([] { InputFile::fromString("a: 1\nb: [1, 2\nc: 3\n", "syntax.yaml"); });
    CHECK_THAT(message, Contains("syntax.yaml:"));
    CHECK_THAT(message, Contains("error: invalid YAML"));

    const std::string indent =
        errorOf([] { InputFile::fromString("a: 1\n b: 2\n", "indent.yaml"); });
    CHECK_THAT(indent, Contains("indent.yaml:2:3: error: invalid YAML: illegal map value"));
    CHECK_THAT(indent, Contains(">   2 |  b: 2"));

    CHECK_THAT(errorOf([] { InputFile::fromString("a: 1\n\tb: 2\n", "tab.yaml"); }),
               Contains("tabs are not allowed"));
    CHECK_THAT(errorOf([] { InputFile::fromString("a: &x [1, *x]\n", "alias.yaml"); }),
               Contains("nests too deeply"));
}

TEST_CASE("input: conversion errors name key, position and what was found", "[input]") {
    const auto root = InputFile::fromString(R"(count: abc
length: 250 kW
bare: 250
flag: maybe
mode: cvod
pipes: [1, 2]
half: 2.5
width: 3 m
empty:
next: 1
)",
                                            "v.yaml")
                          ->root();
    CHECK_THAT(errorOf([&] { root["count"].asNumber(); }),
               Contains("v.yaml:1:8: error in count: expected a number, got 'abc'"));
    CHECK_THAT(errorOf([&] { root["count"].asNumber(); }), Contains(">   1 | count: abc"));
    CHECK_THAT(errorOf([&] { root["width"].asNumber(); }), Contains("without unit"));
    CHECK_THAT(errorOf([&] { root["length"].asQuantity(Dimension::Length); }),
               Contains("v.yaml:2:9: error in length: invalid value '250 kW': 'kW' is a power, "
                        "expected a length (m, mm, cm, km)"));
    CHECK_THAT(errorOf([&] { root["bare"].asQuantity(Dimension::Length); }),
               Contains("error in bare: invalid value '250': a unit is required, e.g. '250 m'"));
    CHECK_THAT(errorOf([&] { root["pipes"].asQuantity(Dimension::Power); }),
               Contains("expected a power (W, kW, MW, GW), got a list"));
    CHECK_THAT(errorOf([&] { root["flag"].asBool(); }),
               Contains("v.yaml:4:7: error in flag: expected true or false (or yes/no), got "
                        "'maybe'"));
    CHECK_THAT(errorOf([&] {
                   root["mode"].asChoice({"euler", "cvode"});
               }),
               Contains("expected one of 'euler', 'cvode', got 'cvod'; did you mean 'cvode'?"));
    CHECK_THAT(errorOf([&] { root["half"].asInteger(); }),
               Contains("expected a whole number, got '2.5'"));
    CHECK_THAT(errorOf([&] { root["pipes"].asString(); }),
               Contains("expected a text value, got a list"));
    CHECK_THAT(errorOf([&] { root["count"].expectSequence(); }),
               Contains("expected a list ('- ' items)"));
    CHECK_THAT(errorOf([&] { root["pipes"].expectMap(); }),
               Contains("v.yaml:6:8: error in pipes: expected a mapping"));
    CHECK_THAT(errorOf([&] { root["pipes"][std::size_t{5}]; }), Contains("only 2 item(s)"));
    CHECK_THAT(errorOf([&] { root["count"]["x"]; }), Contains("expected a mapping"));
    // An empty value is reported at its key, not wherever the parser went next.
    CHECK_THAT(errorOf([&] { root["empty"].asQuantity(Dimension::Length); }),
               Contains("v.yaml:9:1: error in empty: expected a length (m, mm, cm, km), got "
                        "nothing"));
    // Defaults do not hide wrong values.
    CHECK_THAT(errorOf([&] { root.numberOr("count", 1.0); }), Contains("got 'abc'"));
    CHECK(root.numberOr("empty", 1.5) == Approx(1.5));
    CHECK_THROWS_AS(root["count"].fail("custom"), InputError);
    CHECK_THAT(errorOf([&] { root["count"].fail("custom"); }),
               Contains("v.yaml:1:8: error in count: custom"));
}

TEST_CASE("input: an empty document is a null root", "[input]") {
    const auto root = InputFile::fromString("", "empty.yaml")->root();
    CHECK(root.isNull());
    CHECK(root.size() == 0);
    CHECK(root.items().empty());
    CHECK(root.keys().empty());
    CHECK_NOTHROW(root.allowOnly({"a"}));
    CHECK_THAT(errorOf([&] { root["simulation"]; }),
               Contains("empty.yaml: error: missing required key 'simulation'"));
}

TEST_CASE("input: load reads files and resolves paths against their folder", "[input]") {
    TempDir dir;
    dir.write("profiles/demand.csv", "t,Q\n0,1\n");
    const auto path = dir.write("case.yaml", "profile: profiles/demand.csv\nmissing: "
                                             "profiles/x.csv\nfolder: profiles\n");
    const auto file = InputFile::load(path);
    CHECK(file->displayName() == path.string());
    CHECK(file->directory() == path.parent_path());
    const auto root = file->root();
    CHECK(root["profile"].asExistingPath() == dir.path / "profiles" / "demand.csv");
    const std::string missing = errorOf([&] { root["missing"].asExistingPath(); });
    CHECK_THAT(missing, Contains(":2:10: error in missing: file not found: 'profiles/x.csv' "
                                 "(resolved to " +
                                 (dir.path / "profiles" / "x.csv").string() + ")"));
    CHECK_THAT(errorOf([&] { root["folder"].asExistingPath(); }), Contains("is a folder"));
}

TEST_CASE("input: load errors", "[input]") {
    TempDir dir;
    CHECK_THAT(errorOf([&] { InputFile::load(dir.path / "nope.yaml"); }),
               Contains("cannot read scenario file '" + (dir.path / "nope.yaml").string() +
                        "': no such file"));
    CHECK_THAT(errorOf([&] { InputFile::load(dir.path); }), Contains("cannot read scenario file"));
    const auto bad = dir.write("bad.yaml", "a: 1\na: 2\n");
    CHECK_THAT(errorOf([&] { InputFile::load(bad); }),
               Contains(bad.string() + ":2:1: error: duplicate key 'a'"));
}

TEST_CASE("input: nearestWord", "[input]") {
    const std::vector<std::string> keys{"length", "diameter", "id", "roughness"};
    CHECK(heatnet::nearestWord("lenght", keys) == "length");
    CHECK(heatnet::nearestWord("Length", keys) == "length");
    CHECK(heatnet::nearestWord("diamter", keys) == "diameter");
    CHECK(heatnet::nearestWord("roughnes", keys) == "roughness");
    CHECK(heatnet::nearestWord("colour", keys).empty());
    CHECK(heatnet::nearestWord("xy", keys).empty());
    CHECK(heatnet::nearestWord("anything", {}).empty());
}
