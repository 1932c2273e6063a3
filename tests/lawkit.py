"""Build small synthetic law trees for engine and loader tests (test fixtures, not law)."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

from sanctuary_atlas.api import Atlas
from sanctuary_atlas.engine.law import compile_law
from sanctuary_atlas.loader import LAW_DIR, load_tree
from sanctuary_atlas.registry import Registry

REGISTRY = Registry.from_csv()
SOURCE = "sources: [{title: Synthetic test fixture, href: 'https://example.org/fixture'}]"


def write_tree(root: Path, files: dict[str, str]) -> Path:
    law = root / "law"
    law.mkdir(parents=True, exist_ok=True)
    shutil.copy(LAW_DIR / "facts.yaml", law / "facts.yaml")
    for rel, text in files.items():
        path = law / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).strip() + "\n", encoding="utf-8")
    return law


def make_atlas(root: Path, files: dict[str, str]) -> Atlas:
    law_dir = write_tree(root, files)
    tree = load_tree(law_dir, known_jurisdictions=set(REGISTRY.jurisdictions))
    return Atlas(compile_law(tree, REGISTRY), REGISTRY)


def measure(
    mid: str, jurisdiction: str, effective: str, provisions: str, ends: str = "", enacted: str | None = None
) -> str:
    """A measure file's text; `provisions` is YAML for the provisions list."""
    return (
        f"id: {mid}\ntitle: Synthetic measure {mid}\nkind: statute\n"
        f"jurisdiction: '{jurisdiction}'\nenacted: {enacted or effective}\n"
        f"effective: {effective}\n{ends}{SOURCE}\nprovisions:\n"
        + textwrap.indent(textwrap.dedent(provisions).strip(), "  ")
        + "\n"
    )
