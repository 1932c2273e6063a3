"""The compiled store: one SQLite file holding the validated law and the registry.

`sanctuary build` writes it; every reader checks a content fingerprint of the sources and
rebuilds when they changed. Same inputs, same bytes of content (no timestamps inside).
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from pathlib import Path

from .registry import REGISTRY_CSV, Jurisdiction, Registry

PACKAGE = Path(__file__).resolve().parent
LAW_DIR = PACKAGE / "law"
DATA_DIR = PACKAGE / "data"
SCHEMA_VERSION = "3"


def default_path() -> Path:
    env = os.environ.get("SANCTUARY_ATLAS_STORE")
    if env:
        return Path(env)
    tag = hashlib.sha1(str(PACKAGE).encode()).hexdigest()[:10]
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return cache / "sanctuary-atlas" / f"atlas-{tag}.sqlite"


def source_files() -> list[Path]:
    return sorted([*LAW_DIR.rglob("*.yaml"), *DATA_DIR.glob("*.csv")])


def fingerprint() -> str:
    h = hashlib.sha256(SCHEMA_VERSION.encode())
    for f in source_files():
        h.update(str(f.relative_to(PACKAGE)).encode())
        h.update(f.read_bytes())
    return h.hexdigest()


def stat_signature() -> str:
    """A cheap signature of the sources (names, sizes, modification times) for the quick check."""
    h = hashlib.sha256(SCHEMA_VERSION.encode())
    for f in source_files():
        st = f.stat()
        h.update(f"{f.relative_to(PACKAGE)}|{st.st_size}|{st.st_mtime_ns}".encode())
    return h.hexdigest()


def _fresh(path: Path) -> bool:
    """Whether the store matches the sources: the stat signature kept beside the store answers at
    once; otherwise the content fingerprint inside it decides (and the signature is renewed)."""
    if not path.exists():
        return False
    sidecar = path.with_suffix(".stat")
    signature = stat_signature()
    if sidecar.exists() and sidecar.read_text() == signature:
        return True
    if _stored_fingerprint(path) == fingerprint():
        sidecar.write_text(signature)
        return True
    return False


def build(path: Path | None = None):
    """Validate the law tree against the registry and write the store. Returns (path, law)."""
    from .engine.law import compile_law
    from .loader import load_tree

    path = path or default_path()
    registry = Registry.from_csv(REGISTRY_CSV)
    tree = load_tree(LAW_DIR, known_jurisdictions=set(registry.jurisdictions))
    law = compile_law(tree, registry)
    from .coverage import load_coverage

    coverage = load_coverage(LAW_DIR / "coverage.yaml", registry, law)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    with con:
        con.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        con.execute("CREATE TABLE documents (name TEXT PRIMARY KEY, body TEXT)")
        fields = list(Jurisdiction.__dataclass_fields__)
        con.execute(f"CREATE TABLE jurisdictions ({', '.join(f + ' TEXT' for f in fields)})")
        con.executemany(
            f"INSERT INTO jurisdictions VALUES ({', '.join('?' * len(fields))})",
            [
                tuple(getattr(j, f) for f in fields)
                for j in sorted(registry.jurisdictions.values(), key=lambda j: j.id)
            ],
        )
        con.execute("INSERT INTO meta VALUES ('fingerprint', ?)", (fingerprint(),))
        con.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
        con.execute("INSERT INTO documents VALUES ('law', ?)", (json.dumps(law.to_json(), sort_keys=True),))
        con.execute(
            "INSERT INTO documents VALUES ('coverage', ?)",
            (json.dumps(coverage, sort_keys=True, default=str),),
        )
        for table in sorted(DATA_DIR.glob("*.csv")):
            if table.name != REGISTRY_CSV.name:
                _load_csv(con, table)
    con.close()
    os.replace(tmp, path)
    return path, law


def load(path: Path | None = None, check: bool = True):
    """Read the store (rebuilding it first when the sources changed): (law, registry, coverage)."""
    from .engine.law import Law

    path = path or default_path()
    if not path.exists() or (check and not _fresh(path)):
        build(path)
        path.with_suffix(".stat").write_text(stat_signature())
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        docs = dict(con.execute("SELECT name, body FROM documents"))
        rows = con.execute("SELECT * FROM jurisdictions").fetchall()
    finally:
        con.close()
    fields = list(Jurisdiction.__dataclass_fields__)
    registry = Registry({r[0]: Jurisdiction(**dict(zip(fields, r, strict=True))) for r in rows})
    return Law.from_json(json.loads(docs["law"])), registry, json.loads(docs["coverage"])


def _load_csv(con: sqlite3.Connection, path: Path) -> None:
    """A normalized table, as it is in its CSV: every column TEXT, rows in file order."""
    import csv

    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader, None)
        if not header:
            return
        cols = ", ".join(f'"{c}" TEXT' for c in header)
        con.execute(f'CREATE TABLE "{path.stem}" ({cols})')
        con.executemany(f'INSERT INTO "{path.stem}" VALUES ({", ".join("?" * len(header))})', reader)


def connect(path: Path | None = None) -> sqlite3.Connection:
    """A read-only connection to the compiled store (built first if needed)."""
    path = path or default_path()
    if not path.exists():
        build(path)
    # read-only and shared by the web server's worker threads
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    con.row_factory = sqlite3.Row
    return con


def _stored_fingerprint(path: Path) -> str | None:
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = con.execute("SELECT value FROM meta WHERE key = 'fingerprint'").fetchone()
        finally:
            con.close()
        return row[0] if row else None
    except sqlite3.Error:
        return None
