"""The ICE detainer loader on synthetic files written here in the exact layout of the public
releases (6 lines of preamble, header on row 7), including malformed rows."""

from __future__ import annotations

import csv

import pytest

from sanctuary_atlas.outcomes import detainers as D
from sanctuary_atlas.outcomes.synthetic import PREAMBLE, record, write_csv


def test_csv_rows_and_rejects_are_all_accounted_for(tmp_path):
    path = tmp_path / "detainers-fy2024.csv"
    write_csv(path, 1000, malformed=3, bad_dates=2)
    (report,) = D.load([path], tmp_path / "d.duckdb")
    assert report["rows"] == 1000 and report["rejected"] == 3
    assert report["missing_columns"] == [] and report["extra_columns"] == []
    con = D.connect(tmp_path / "d.duckdb")
    rejects = con.execute("SELECT line, error FROM detainer_rejects ORDER BY line").fetchall()
    assert [line for line, _ in rejects] == [1008, 1009, 1010]  # file lines: 6 preamble + header + 1000
    first = con.execute(
        "SELECT row_original, anonymized_identifier FROM detainers ORDER BY row_original LIMIT 1"
    )
    assert first.fetchone() == (8, "X000000")


def test_excel_is_streamed_sheet_by_sheet(tmp_path):
    import openpyxl

    path = tmp_path / "Detainers FY2025.xlsx"
    wb = openpyxl.Workbook(write_only=True)
    for sheet, offset in (("Sheet1", 0), ("Sheet2", 100)):
        ws = wb.create_sheet(sheet)
        for line in PREAMBLE:
            ws.append([line])
        ws.append(D.ICE_COLUMNS)
        for i in range(offset, offset + 100):
            ws.append([record(i)[c] for c in D.ICE_COLUMNS])
        ws.append([*[record(0)[c] for c in D.ICE_COLUMNS], "an extra field"])  # malformed
    wb.save(path)
    (report,) = D.load([path], tmp_path / "d.duckdb")
    assert report["rows"] == 200 and report["rejected"] == 2


def test_a_new_column_is_kept_and_reported(tmp_path):
    path = tmp_path / "new.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        fh.write("\n".join(PREAMBLE) + "\n")
        w = csv.writer(fh)
        w.writerow([*D.ICE_COLUMNS, "Brand New Column"])
        w.writerow([*[record(1)[c] for c in D.ICE_COLUMNS], "value"])
    (report,) = D.load([path], tmp_path / "d.duckdb")
    assert report["extra_columns"] == ["brand_new_column"] and report["rows"] == 1


def test_county_months_joined_to_status(atlas, tmp_path):
    path = tmp_path / "d.csv"
    write_csv(path, 400, bad_dates=4)
    D.load([path], tmp_path / "d.duckdb")
    rows = D.summary(atlas, tmp_path / "d.duckdb")
    by = {(r["county_fips"], r["month"]): r for r in rows}
    assert sum(r["issued"] for r in rows) == 400
    assert sum(r["issued"] for r in rows if r["month"] == "unreadable") == 4
    travis = by[("48453", "2024-01")]
    assert travis["declined"] > 0 and travis["status"] is False  # Texas law requires holds in 2024
    assert by[("06037", "2024-01")]["status"] is True  # California limits holds
    assert any(r["county_fips"] == "" for r in rows), "an unmatched facility is kept, not dropped"


def test_parquet(tmp_path):
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame([record(i) for i in range(50)])
    frame.to_parquet(tmp_path / "d.parquet")
    (report,) = D.load([tmp_path / "d.parquet"], tmp_path / "d.duckdb")
    assert report["rows"] == 50
