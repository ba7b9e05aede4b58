"""The review desk: where justice-department reviewers confirm or dismiss findings (合法性认定).

A small server-rendered Flask app over the review store. ``create_app(db)`` builds it;
``qinglai serve`` runs it. Security choices are in docs/desk.md.
"""

from .app import create_app
from .settings import DeskSettings

__all__ = ["DeskSettings", "create_app"]
