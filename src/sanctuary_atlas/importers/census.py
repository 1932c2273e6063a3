"""County population 2010-2019 (with migration) and county covariates c. 2014, from the
U.S. Census Bureau (Population Estimates Vintage 2019; State & County QuickFacts)."""

from __future__ import annotations

import csv
from pathlib import Path

POPULATION_FILE = "census/county-population-2010-2019.csv"
FACTS_FILE = "census/county-facts-2014.csv"
YEARS = range(2010, 2020)
POPULATION_COLUMNS = {  # ours: Census column stem (the year is appended)
    "population": "POPESTIMATE",
    "births": "BIRTHS",
    "deaths": "DEATHS",
    "international_migration": "INTERNATIONALMIG",
    "domestic_migration": "DOMESTICMIG",
    "rate_international_migration": "RINTERNATIONALMIG",
}
# QuickFacts variables: the code's last digits are its data year (…214: 2014; …213: 2009-2013 ACS).
FACTS = {
    "population_2014": "PST045214",
    "foreign_born_pct_2009_2013": "POP645213",
    "other_language_home_pct_2009_2013": "POP815213",
    "high_school_pct_2009_2013": "EDU635213",
    "bachelors_pct_2009_2013": "EDU685213",
    "median_household_income_2009_2013": "INC110213",
    "per_capita_income_2009_2013": "INC910213",
    "poverty_pct_2009_2013": "PVY020213",
    "land_area_sq_mi_2010": "LND110210",
    "hispanic_pct_2014": "RHI725214",
}


def population(raw: Path) -> tuple[list[dict], list[dict]]:
    """Long table: one row per county and year; problems are reported, rows kept."""
    rows, problems = [], []
    with (raw / POPULATION_FILE).open(encoding="latin-1", newline="") as fh:
        for rec in csv.DictReader(fh):
            if rec["SUMLEV"] != "50":
                continue
            fips = f"{int(rec['STATE']):02d}{int(rec['COUNTY']):03d}"
            for year in YEARS:
                row = {"county_fips": fips, "year": year}
                for ours, stem in POPULATION_COLUMNS.items():
                    value = rec.get(f"{stem}{year}", "")
                    if value in ("", None) and not (year == 2010 and stem.startswith("R")):
                        problems.append(
                            {
                                "table": "county_population",
                                "key": f"{fips}/{year}",
                                "problem": f"{stem}{year} is empty",
                            }
                        )
                    row[ours] = value
                rows.append(row)
    return rows, problems


def facts(raw: Path) -> tuple[list[dict], list[dict]]:
    rows, problems = [], []
    with (raw / FACTS_FILE).open(encoding="utf-8", newline="") as fh:
        for rec in csv.DictReader(fh):
            fips = int(rec["fips"])
            if fips % 1000 == 0:  # the nation and the states
                continue
            row = {"county_fips": f"{fips:05d}", "name_as_printed": rec["area_name"]}
            for ours, code in FACTS.items():
                row[ours] = rec.get(code, "")
                if row[ours] == "":
                    problems.append(
                        {"table": "county_facts", "key": row["county_fips"], "problem": f"{code} is empty"}
                    )
            rows.append(row)
    return rows, problems
