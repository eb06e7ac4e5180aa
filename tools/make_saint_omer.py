#!/usr/bin/env python3
"""Generates scenarios/saint-omer.yaml, the default heatnet scenario.

ILLUSTRATIVE, NOT SURVEYED DATA: the layout, the substations and their demands are invented to
be plausible for a network linking Arques and Saint-Omer (Pas-de-Calais); they are calibrated
against a few public figures only (cited in the generated file's header).

Usage: python3 tools/make_saint_omer.py > scenarios/saint-omer.yaml
Deterministic: no randomness, the same file every time.
"""
import math

# Steel inner diameters [mm] of the catalogue sizes used (EN 253: outer diameter - 2 x wall).
INNER_MM = {40: 41.9, 50: 53.9, 65: 69.7, 80: 82.5, 100: 107.1, 125: 132.5, 150: 160.3,
            200: 210.1, 250: 263.0, 300: 312.7}
DETOUR = 1.1             # pipe length / straight distance (streets, crossings)
FULL_LOAD_HOURS = 2500   # annual demand / peak demand of a substation [h]
DESIGN_DELTA_T = 45.0    # 105 degC supply / 60 degC return at design conditions [K]
CP, RHO = 4190.0, 960.0  # water at ~85 degC


def max_velocity(dn):
    """Sizing rule [m/s]: faster water in larger pipes (pressure drop ~100-200 Pa/m)."""
    return 1.0 if dn <= 50 else 1.5 if dn <= 150 else 2.0


def size_for(flow_kg_s):
    for dn, d_mm in INNER_MM.items():
        area = math.pi * (d_mm / 1000) ** 2 / 4
        if flow_kg_s / (RHO * area) <= max_velocity(dn):
            return dn
    return 300


# Trunk from the glassworks (origin; x east, y north, metres) north-west to Saint-Omer.
TRUNK = [
    ("PLANT", 0, 0, "Arques glassworks: plant node (waste-heat exchangers, gas boilers)"),
    ("J1", -380, 520, "Arques, rue de la verrerie"),
    ("J2", -900, 1080, "Arques centre"),
    ("J3", -1480, 1880, "along the Neufosse canal"),
    ("J4", -2080, 2650, "Saint-Omer, faubourg du Haut-Pont side"),
    ("J5", -2480, 3250, "Saint-Omer south"),
    ("J6", -2800, 3800, "Saint-Omer centre"),
    ("J7", -2920, 4420, "Saint-Omer north"),
]

# Branches: (junction, heading [deg, 0 = east, 90 = north], consumers along the branch).
# Consumer: (id, category, annual demand [GWh], design return [degC], note)
BRANCHES = [
    ("J1", 10, [("ARQ_HOUSING_1", "housing", 3.0, 60, "Arques housing estate, 180 dwellings"),
                ("ARQ_HOUSING_2", "housing", 2.6, 60, "Arques housing estate, 150 dwellings"),
                ("ARQ_SCHOOL_1", "school", 0.6, 60, "Arques primary school")]),
    ("J2", 200, [("ARQ_TOWN_HALL", "public", 0.8, 65, "Arques town hall (old building)"),
                 ("ARQ_HOUSING_3", "housing", 2.4, 65, "Arques centre, 1960s blocks"),
                 ("ARQ_HOUSING_4", "housing", 2.0, 65, "Arques centre, 1960s blocks"),
                 ("ARQ_COLLEGE", "school", 1.1, 60, "Arques lower secondary school")]),
    ("J2", 20, [("ARQ_POOL", "pool", 3.5, 60, "Arques swimming pool"),
                ("ARQ_SPORTS", "sports", 0.7, 60, "Arques sports hall"),
                ("ARQ_HOUSING_5", "housing", 2.2, 60, "Arques housing, 130 dwellings")]),
    ("J3", 150, [("BLE_HOUSING_1", "housing", 2.6, 60, "housing towards Blendecques"),
                 ("BLE_SHOPS", "commercial", 1.5, 60, "shopping centre"),
                 ("BLE_HOUSING_2", "housing", 1.8, 65, "housing towards Blendecques, old")]),
    ("J4", 40, [("SO_HOUSING_1", "housing", 2.5, 60, "Saint-Omer east, housing"),
                ("SO_LYCEE_1", "school", 2.0, 60, "upper secondary school with boarding"),
                ("SO_OFFICES", "office", 1.2, 60, "offices")]),
    ("J5", 175, [("SO_HOSPITAL", "hospital", 7.0, 60, "hospital (illustrative)"),
                 ("SO_HOUSING_2", "housing", 2.2, 60, "Saint-Omer south-west, housing")]),
    ("J5", 10, [("SO_HOUSING_3", "housing", 2.8, 60, "Saint-Omer south, housing"),
                ("SO_HOUSING_4", "housing", 2.0, 65, "Saint-Omer south, old housing"),
                ("SO_SCHOOL_1", "school", 0.9, 60, "primary school")]),
    ("J6", 240, [("SO_TOWN_HALL", "public", 1.0, 65, "Saint-Omer town hall (old building)"),
                 ("SO_THEATRE", "public", 0.8, 65, "theatre and library"),
                 ("SO_HOUSING_5", "housing", 3.0, 65, "historic centre, old housing"),
                 ("SO_HOUSING_6", "housing", 2.4, 65, "historic centre, old housing")]),
    ("J6", 15, [("SO_POOL", "pool", 3.0, 60, "Saint-Omer swimming pool"),
                ("SO_LYCEE_2", "school", 1.8, 60, "upper secondary school"),
                ("SO_HOUSING_7", "housing", 2.6, 60, "Saint-Omer east, housing")]),
    ("J7", 100, [("SO_HOUSING_8", "housing", 2.2, 60, "Saint-Omer north, housing"),
                 ("SO_HOUSING_9", "housing", 2.4, 60, "Saint-Omer north, housing"),
                 ("SO_NURSING", "hospital", 1.0, 60, "nursing home"),
                 ("SO_SUPERMARKET", "commercial", 1.2, 60, "supermarket"),
                 ("SO_SCHOOL_2", "school", 0.7, 60, "primary school")]),
]
SPACING = 100  # metres between successive substations along a branch
# The loop: a ring main closing between the two western branches of Saint-Omer.
LOOP = ("SO_HOUSING_2", "SO_HOUSING_6")


def main():
    nodes = [(n, x, y, note) for n, x, y, note in TRUNK]
    pos = {n: (x, y) for n, x, y, _ in TRUNK}
    pipes = []  # (from, to)
    for (a, _, _, _), (b, _, _, _) in zip(TRUNK, TRUNK[1:]):
        pipes.append((a, b))
    consumers = []
    for junction, heading, items in BRANCHES:
        x, y = pos[junction]
        previous = junction
        for k, (cid, category, gwh, ret, note) in enumerate(items):
            # A gentle bend along the branch so that the layout looks like streets.
            angle = math.radians(heading + 12 * math.sin(k + 1))
            x, y = x + SPACING * math.cos(angle), y + SPACING * math.sin(angle)
            node = "N_" + cid
            pos[node] = (round(x), round(y))
            nodes.append((node, round(x), round(y), note))
            pipes.append((previous, node))
            consumers.append((cid, node, category, gwh, ret, note))
            previous = node

    # Design flow of each tree pipe: the peaks downstream of it.
    peak = {c[1]: c[3] * 1e9 / FULL_LOAD_HOURS for c in consumers}  # [W]
    children = {}
    for a, b in pipes:
        children.setdefault(a, []).append(b)

    def downstream(node):
        return peak.get(node, 0.0) + sum(downstream(ch) for ch in children.get(node, []))

    def length(a, b):
        (xa, ya), (xb, yb) = pos[a], pos[b]
        return 5 * round(DETOUR * math.hypot(xa - xb, ya - yb) / 5)

    pipe_rows = []
    for i, (a, b) in enumerate(pipes, start=1):
        flow = downstream(b) / (CP * DESIGN_DELTA_T)
        pipe_rows.append((f"P{i:02d}", a, b, length(a, b), size_for(flow), flow))
    loop_dn = 100
    pipe_rows.append(("P_LOOP", LOOP[0], "N_" + LOOP[1], 0, loop_dn, 0.0))
    # The loop joins two substation nodes.
    pipe_rows[-1] = ("P_LOOP", "N_" + LOOP[0], "N_" + LOOP[1],
                     length("N_" + LOOP[0], "N_" + LOOP[1]), loop_dn, 0.0)

    total_gwh = sum(c[3] for c in consumers)
    total_m = sum(p[3] for p in pipe_rows)
    peak_mw = sum(peak.values()) / 1e6
    out = []
    w = out.append
    w("# heatnet scenario: Arques – Saint-Omer district heating network (the default scenario).")
    w("#")
    w("# ILLUSTRATIVE, NOT SURVEYED DATA. Layout, substations and demands are invented to be")
    w("# plausible; generated by tools/make_saint_omer.py (edit the script, not this file, to")
    w("# change the layout). Public figures used for calibration:")
    w("#  - the existing Arques network is 3,576 m long with 20 substations at 105/75 degC;")
    w("#  - Hotmaps (2014) lists the Arques glassworks at 85.6 GWh/yr of waste heat at 200-500")
    w("#    degC and the Wardrecques cardboard/paper mill at 42.9 GWh/yr at 100-200 degC;")
    w("#  - mean air temperature at Lille: 11.3 degC (used for the ground model).")
    w(f"# This network: {len(consumers)} substations, {total_gwh:.1f} GWh/yr demand, "
      f"{total_m / 1000:.2f} km of pipe pairs,")
    w(f"# estimated peak {peak_mw:.1f} MW ({FULL_LOAD_HOURS} full-load hours); one loop.")
    w("# Coordinates: local metres, x east, y north, origin at the Arques glassworks; Saint-Omer")
    w("# centre lies about 4.7 km to the north-west. Schema: docs/scenario.md.")
    w("")
    w("name: saint-omer")
    w('description: "Arques glassworks and Wardrecques paper-mill waste heat feeding Arques and '
      'Saint-Omer (illustrative, not surveyed data)"')
    w("")
    w("simulation:")
    w("  start: 2025-01-01 00:00        # a Wednesday")
    w("  duration: 8760 h               # one year")
    w("  output_step: 1 h")
    w("  hydraulic_step: 1 h            # flows recomputed hourly")
    w("  relative_tolerance: 1e-3")
    w("  temperature_tolerance: 0.1 K")
    w("  cell_length: 50 m              # coarse cells: annual KPIs within 0.02 % of 20 m (docs/numerics.md)")
    w("  advection: upwind")
    w("")
    w("climate: {synthetic: saint-omer, seed: 2026}   # synthetic year, mean 11.3 degC")
    w("")
    w("# Undisturbed ground (Kusuda-Achenbach) around the pipes at their burial depth.")
    w("ground: {model: kusuda, mean_surface: 11.3 degC, amplitude: 7.5 K, "
      "diffusivity: 0.6e-6 m2/s, coldest_day: 35}")
    w("")
    w("network:")
    w("  nodes:")
    for n, x, y, note in nodes:
        w(f"    - {{id: {n}, x: {x} m, y: {y} m}}".ljust(58) + f"# {note}")
    w("  # Pipe pairs (supply + return in one trench), catalogue sizes, insulation series 2.")
    w("  # Sized for the design flow downstream at 105/60 degC (comment: design flow).")
    w("  pipes:")
    for pid, a, b, length_m, dn, flow in pipe_rows:
        line = f"    - {{id: {pid}, from: {a}, to: {b}, length: {length_m} m, dn: {dn}, series: 2}}"
        note = f"# {flow:.1f} kg/s" if flow > 0 else "# loop closing the two western branches"
        w(line.ljust(96) + " " + note)
    w("")
    w("# Substations. Demand by the degree-hour method from the annual demand; design return")
    w("# 60 degC, 65 degC for old buildings.")
    w("consumers:")
    for cid, node, category, gwh, ret, note in consumers:
        w(f"  - {{id: {cid}, node: {node}, category: {category}, annual_demand: {gwh} GWh,")
        w(f"     design_supply: 105 degC, design_return: {ret} degC, min_supply: 70 degC}}"
          f"   # {note}")
    w("")
    w("# One plant at the glassworks. The Wardrecques paper mill (about 3 km east) is modelled")
    w("# as a source of this plant: its heat arrives through a transfer pipe counted as part of")
    w("# the plant (one site keeps the published figures comparable; plants at their own sites,")
    w("# each with its role, are in scenarios/three-sites.yaml).")
    w("plants:")
    w("  - id: ARQUES")
    w("    node: PLANT")
    w("    # Heating curve: 105 degC at -7 degC outdoors, falling linearly to 80 degC at 15 degC.")
    w("    supply_temperature: {curve: {design_outdoor: -7 degC, at_design: 105 degC,")
    w("                                 mild_outdoor: 15 degC, at_mild: 80 degC}}")
    w("    differential_pressure: 1 bar   # kept at the worst-placed substation")
    w("    pump_efficiency: 70 %")
    w("    control: pressure")
    w("    # Sources in series in merit order (lower priority first): the 85 degC paper-mill heat")
    w("    # preheats the return, the glassworks heat lifts it further, gas tops up.")
    w("    sources:")
    w("      - id: PAPER_MILL                # Wardrecques; Hotmaps: 42.9 GWh/yr at 100-200 degC")
    w("        type: waste_heat")
    w("        available: 2.5 MW             # recoverable around the clock")
    w("        max_supply: 85 degC")
    w("        priority: 1")
    w("      - id: GLASSWORKS                # Arques; Hotmaps: 85.6 GWh/yr at 200-500 degC")
    w("        type: waste_heat")
    w("        available: 5 MW               # furnace flue-gas recovery, around the clock")
    w("        max_supply: 110 degC")
    w("        priority: 2")
    w("        stops:                        # planned furnace maintenance, three weeks")
    w("          - {from: 2025-08-04, to: 2025-08-25}")
    w("      - id: GAS_BACKUP                # backup: covers the glassworks' share when it stops")
    w("        type: boiler")
    w("        capacity: 14 MW")
    w("        efficiency: 92 %")
    w("        fuel: gas")
    w("        max_supply: 120 degC")
    w("        priority: 9")
    w(f"      - id: GAS_PEAK                  # peak boiler: estimated peak {peak_mw:.0f} MW "
      "exceeds 7.5 + 14 MW")
    w("        type: boiler")
    w("        capacity: 12 MW")
    w("        efficiency: 92 %")
    w("        fuel: gas")
    w("        max_supply: 120 degC")
    w("        priority: 10")
    w("")
    w("# Emission factors and prices for the KPIs (French figures, 2024 orders of magnitude).")
    w("factors:")
    w("  gas_emission: 227 g/kWh          # natural gas, combustion + upstream, LHV (ADEME)")
    w("  electricity_emission: 52 g/kWh   # French grid mix (ADEME Base Empreinte)")
    w("  gas_price: 60 EUR/MWh")
    w("  electricity_price: 150 EUR/MWh")
    w("  waste_heat_price: 10 EUR/MWh     # paid to the factories")
    w("")
    w("initial: {supply: 90 degC, return: 55 degC}")
    print("\n".join(out))


if __name__ == "__main__":
    main()
