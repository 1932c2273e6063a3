"""Charts saved as PNG and SVG side by side, without timestamps (the same data, the same bytes)."""

from __future__ import annotations

from pathlib import Path


def figure(width: float, height: float):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt.subplots(figsize=(width, height))


def save(fig, path: str) -> dict[str, str]:
    """Write `path` as .png and .svg; return {"png": …, "svg": …}."""
    import matplotlib.pyplot as plt

    fig.tight_layout()
    written = {}
    for suffix in (".png", ".svg"):
        out = str(Path(path).with_suffix(suffix))
        fig.savefig(out, dpi=120, metadata={"Date": None} if suffix == ".svg" else None)
        written[suffix[1:]] = out
    plt.close(fig)
    return written
