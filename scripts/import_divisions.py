#!/usr/bin/env python3
"""Add China's county-level divisions to builders/lexicons/jurisdictions.tsv.

A one-off, run by a developer, never at build time: it reads the national division codes
(the 6-digit 行政区划代码: province, prefecture, county) from the ``adcodes.csv`` that the
``cpca`` package ships (MIT licence), and appends every district, county, banner and
county-level city whose name is not in the lexicon yet and names one place only, with its
prefecture (or province-level city) as parent and no short name (the two characters left
without 县 or 区 are too often an everyday word to mark a place). Names that several
places share (鼓楼区, 朝阳区) are left out: the document's own context places those.
Rows already in the file are never changed.

    python3 -m pip download --no-deps cpca==0.5.5 -d /tmp/cpca
    unzip -o /tmp/cpca/*.whl -d /tmp/cpca
    python3 scripts/import_divisions.py /tmp/cpca/cpca/resources/adcodes.csv
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

LEXICON = Path(__file__).resolve().parent.parent / "builders" / "lexicons" / "jurisdictions.tsv"
MARK = "# county-level divisions from the national division codes (cpca 0.5.5 adcodes.csv)"
CITY_LEVEL = ("北京市", "天津市", "上海市", "重庆市")


def _level(name: str) -> str:
    return "district" if name.endswith("区") else "county"


def main(adcodes: Path) -> None:
    rows = list(csv.DictReader(adcodes.open(encoding="utf-8")))
    name_of = {r["adcode"][:6]: r["name"] for r in rows}
    counties = [r for r in rows if r["adcode"][4:6] != "00"]
    shared = {n for n, k in Counter(r["name"] for r in counties).items() if k > 1}
    lines = LEXICON.read_text("utf-8").splitlines()
    known = {line.split("\t")[0] for line in lines if line and not line.startswith("#")}
    added = []
    for row in sorted(counties, key=lambda r: r["adcode"]):
        name = row["name"]
        code = row["adcode"][:6]
        province = name_of.get(code[:2] + "0000", "")
        city = name_of.get(code[:4] + "00", "")
        # a province-level city's districts, and the counties a province governs directly
        # (仙桃市, 济源市), hang under the province-level place itself
        parent = province if province in CITY_LEVEL or "直辖县级" in city else city
        if name in known or name in shared or not parent or parent not in known:
            continue
        # no short name: 2-character shorts of counties are everyday words (具体, 期间)
        added.append("\t".join((name, "", "", parent, _level(name))))
        known.add(name)
    if MARK in lines:
        lines = lines[: lines.index(MARK)]
    lines += [MARK, *added]
    LEXICON.write_text("\n".join(lines) + "\n", "utf-8")
    print(f"{len(added)} divisions added to {LEXICON}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
