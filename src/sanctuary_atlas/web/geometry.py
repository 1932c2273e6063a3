"""County and state shapes for the map, from the `us-atlas` package (Census Bureau cartographic
boundary files, 1:10m, pre-projected to Albers USA), turned into SVG paths once and cached.

`make` installs the package into build/us-atlas (npm pack us-atlas); SANCTUARY_ATLAS_GEOMETRY
may point at another copy of counties-albers-10m.json.
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
DEFAULT = REPO / "build" / "us-atlas" / "package" / "counties-albers-10m.json"
SOURCE = (
    "us-atlas 3 (U.S. Census Bureau cartographic boundary files 2017, 1:10,000,000, Albers USA projection)",
    "https://github.com/topojson/us-atlas",
)


class GeometryMissing(RuntimeError):
    pass


def geometry_path() -> Path:
    return Path(os.environ.get("SANCTUARY_ATLAS_GEOMETRY", DEFAULT))


def _decode_arcs(topo: dict, digits: int = 1) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((round(x * sx + tx, digits), round(y * sy + ty, digits)))
        arcs.append(points)
    return arcs


def _ring(arcs, indexes: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def _path(arcs, geometry: dict) -> str:
    polygons = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
    parts = []
    for polygon in polygons:
        for ring in polygon:
            pts = _ring(arcs, ring)
            parts.append("M" + "L".join(f"{x:g},{y:g}" for x, y in pts) + "Z")
    return "".join(parts)


@cache
def shapes() -> dict:
    """{"counties": [(fips, name, path)], "states": [(name, path)], "viewbox": "x y w h"}."""
    path = geometry_path()
    if not path.exists():
        raise GeometryMissing(f"map geometry not found at {path}: run `make geometry` (npm pack us-atlas)")
    topo = json.loads(path.read_text(encoding="utf-8"))
    arcs = _decode_arcs(topo)
    counties = [
        (g["id"], g.get("properties", {}).get("name", ""), _path(arcs, g))
        for g in topo["objects"]["counties"]["geometries"]
        if "arcs" in g
    ]
    states = [
        (g.get("properties", {}).get("name", ""), _path(arcs, g))
        for g in topo["objects"]["states"]["geometries"]
        if "arcs" in g
    ]
    x0, y0, x1, y1 = topo["bbox"]
    return {
        "counties": sorted(counties),
        "states": states,
        "viewbox": f"{x0:.0f} {y0:.0f} {x1 - x0:.0f} {y1 - y0:.0f}",
    }


def county_features() -> list[dict]:
    """GeoJSON features (longitude, latitude) for every county shape, from counties-10m.json."""
    path = geometry_path().with_name("counties-10m.json")
    if not path.exists():
        raise GeometryMissing(f"map geometry not found at {path}: run `make geometry` (npm pack us-atlas)")
    topo = json.loads(path.read_text(encoding="utf-8"))
    arcs = _decode_arcs(topo, digits=5)
    features = []
    for g in topo["objects"]["counties"]["geometries"]:
        if "arcs" not in g:
            continue
        polygons = [g["arcs"]] if g["type"] == "Polygon" else g["arcs"]
        coords = [[[list(p) for p in _ring(arcs, ring)] for ring in polygon] for polygon in polygons]
        geometry = (
            {"type": "Polygon", "coordinates": coords[0]}
            if g["type"] == "Polygon"
            else {"type": "MultiPolygon", "coordinates": coords}
        )
        features.append(
            {
                "type": "Feature",
                "id": g["id"],
                "geometry": geometry,
                "properties": {"fips": g["id"], "name": g.get("properties", {}).get("name", "")},
            }
        )
    return sorted(features, key=lambda f: f["id"])
