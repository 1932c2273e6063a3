"""The web atlas: a map scrubbable through time, a page per place, an ask form, sources and
method pages, and the JSON API (the same response models as the CLI's --json). Read-only."""

from .app import create_app

__all__ = ["create_app"]
