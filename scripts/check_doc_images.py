"""Check that every picture the docs point at exists: each `.png` path named in README.md and in
docs/**/*.md (Markdown images and links, or plain paths) must name a file, resolved against the
Markdown file's folder or the repository root.

    .venv/bin/python scripts/check_doc_images.py

Prints each missing picture as `FILE: PATH` and exits 1 if there is one.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PNG_PATH = re.compile(r"[\w./{},-]*[\w}]\.png")


def expand_braces(path: str) -> list[str]:
    """`docs/screenshots/{vi,en}/x.png` names two pictures: the docs write the pair that way."""
    match = re.search(r"\{([^{}]*)\}", path)
    if not match:
        return [path]
    head, tail = path[: match.start()], path[match.end() :]
    return [p for part in match.group(1).split(",") for p in expand_braces(head + part + tail)]


def missing_pictures(markdown: Path) -> list[str]:
    missing = []
    for named in PNG_PATH.findall(markdown.read_text(encoding="utf-8")):
        for path in expand_braces(named):
            if "/" not in path:
                continue  # a bare file name in prose, not a path to check
            candidates = (markdown.parent / path, ROOT / path)
            if not any(c.is_file() for c in candidates):
                missing.append(path)
    return missing


def main() -> int:
    documents = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
    failures = 0
    for markdown in documents:
        for path in missing_pictures(markdown):
            print(f"{markdown.relative_to(ROOT)}: {path}")
            failures += 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
