#!/usr/bin/env bash
# Rewrites the generated key tables of docs/scenario.md from the reader's key table
# (`heatnet schema --markdown`) and docs/scenario.schema.json (`heatnet schema`).
# Usage: tools/scenario_docs.sh [HEATNET_BINARY]   (default build/heatnet)
set -euo pipefail
cd "$(dirname "$0")/.."
heatnet=${1:-build/heatnet}
tables=$(mktemp)
trap 'rm -f "$tables"' EXIT
"$heatnet" schema --markdown > "$tables"
"$heatnet" schema -o docs/scenario.schema.json
/usr/bin/python3 - "$tables" <<'PY'
import sys
begin, end = "<!-- BEGIN GENERATED KEY TABLES -->", "<!-- END GENERATED KEY TABLES -->"
page = open("docs/scenario.md", encoding="utf-8").read()
tables = open(sys.argv[1], encoding="utf-8").read()
head, rest = page.split(begin, 1)
_, tail = rest.split(end, 1)
open("docs/scenario.md", "w", encoding="utf-8").write(head + begin + "\n" + tables + end + tail)
PY
echo "docs/scenario.md and docs/scenario.schema.json rewritten"
