#!/usr/bin/python3
"""Validates scenarios against the JSON Schema printed by `heatnet schema`, with a real
validator (python3-jsonschema, Draft 2020-12) on the YAML loaded by a real YAML library
(python3-yaml).

Usage: schema_check.py SOURCE_DIR HEATNET_BINARY

Every bundled scenario and every good scenario under tests/data must validate; every bad case
under tests/data/bad must be rejected, except those listed in CANNOT_SEE (each with the reason
a schema cannot see it), which must still be accepted so that the list stays honest.
"""
import glob
import json
import os
import subprocess
import sys

import jsonschema
import yaml

# Bad cases a JSON Schema cannot see, and why. The reader (`heatnet check`) rejects them all.
CANNOT_SEE = {
    "bad_date.yaml": "2025-02-30 matches the date pattern; the calendar check is the reader's",
    "consumer_at_plant.yaml": "a relation between two lists (consumer node == plant node)",
    "consumer_unknown_node.yaml": "a reference to an id defined elsewhere in the file",
    "consumer_unreachable.yaml": "graph connectivity",
    "csv_bad_row.yaml": "the content of another file (the CSV)",
    "duplicate_id.yaml": "uniqueness of a field across list items",
    "duplicate_key.yaml": "YAML loaders keep the last of duplicate keys; yaml-cpp's reader "
                          "is checked by heatnet",
    "duration_not_multiple.yaml": "arithmetic between two quantities with units",
    "hydraulic_step.yaml": "arithmetic between two quantities with units",
    "missing_csv.yaml": "the existence of a file",
    "pipe_unknown_node.yaml": "a reference to an id defined elsewhere in the file",
    "return_above_supply.yaml": "a comparison between two quantities with units",
    "unknown_dn.yaml": "membership in the pipe catalogue (sizes depend on the series)",
    # Limits of a run (docs/reliability.md): bounds on quantities written with units.
    "dn_wraps.yaml": "membership in the pipe catalogue (a DN beyond int is still an integer)",
    "duration_2pow64.yaml": "an upper bound on a quantity with units (100 years)",
    "duration_too_long.yaml": "an upper bound on a quantity with units (100 years)",
    "hydraulic_step_too_long.yaml": "an upper bound on a quantity with units (24 h)",
    "output_step_too_long.yaml": "a comparison between two quantities with units",
    "too_many_rows.yaml": "arithmetic between two quantities with units",
    # Plants by role (docs/models.md): rules that depend on other keys or on the graph.
    "plant_without_control.yaml": "a key required only when the list has several items",
    "flow_without_mass_flow.yaml": "a key required by another key's value (control: flow); the "
                                   "generated schema has no conditional rules",
    "mass_flow_without_flow_control.yaml": "a key refused unless another key has a value",
    "no_pressure_plant.yaml": "a count over a connected part of the network (graph connectivity)",
    "two_pressure_plants.yaml": "a count over a connected part of the network (graph "
                                "connectivity)",
}


class Yaml12Loader(yaml.SafeLoader):
    """YAML 1.2 scalars, as yaml-cpp and the YAML language server read them: dates stay text."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load(path):
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=Yaml12Loader)


def main():
    source, binary = sys.argv[1], sys.argv[2]
    schema = json.loads(subprocess.run([binary, "schema"], check=True, capture_output=True,
                                       text=True).stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    failures = []

    good = sorted(glob.glob(os.path.join(source, "scenarios", "*.yaml")) +
                  glob.glob(os.path.join(source, "tests", "data", "*.yaml")))
    for path in good:
        errors = list(validator.iter_errors(load(path)))
        for error in errors:
            failures.append(f"{path}: {'/'.join(map(str, error.absolute_path))}: "
                            f"{error.message[:300]}")
        print(f"good {os.path.basename(path)}: {'ok' if not errors else 'REJECTED'}")

    for path in sorted(glob.glob(os.path.join(source, "tests", "data", "bad", "*.yaml"))):
        name = os.path.basename(path)
        try:
            document = load(path)
        except yaml.YAMLError as e:
            print(f"bad {name}: rejected by the YAML parser ({str(e).splitlines()[0]})")
            if name in CANNOT_SEE:
                failures.append(f"{name} is listed as unseen but the YAML parser rejects it")
            continue
        errors = list(validator.iter_errors(document))
        if name in CANNOT_SEE:
            print(f"bad {name}: not visible to a schema ({CANNOT_SEE[name]})")
            if errors:
                failures.append(f"{name} is rejected by the schema now ({errors[0].message[:200]})"
                                f"; remove it from CANNOT_SEE")
        elif errors:
            best = jsonschema.exceptions.best_match(errors)
            print(f"bad {name}: rejected at /{'/'.join(map(str, best.absolute_path))}: "
                  f"{best.message[:160]}")
        else:
            failures.append(f"{name}: the schema accepts this bad scenario")
    for failure in failures:
        print("FAIL:", failure)
    print(f"{len(good)} good scenarios checked; {len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
