"""The supply chain (issue 17, point 14): the lock file CI installs from pins every
dependency pyproject.toml asks for, within its range, with hashes — so a range widened or a
dependency added without `make lock` fails here, not in production."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[3]


def _lock() -> dict[str, tuple[str, list[str]]]:
    """name -> (version, hashes) from requirements.lock."""
    text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    entries: dict[str, tuple[str, list[str]]] = {}
    for block in re.split(r"\n(?=[A-Za-z0-9])", text):
        head = re.match(r"([A-Za-z0-9_.\-]+)==([^\s\\]+)", block)
        if head:
            hashes = re.findall(r"--hash=sha256:([0-9a-f]{64})", block)
            entries[canonicalize_name(head.group(1))] = (head.group(2), hashes)
    return entries


def _wanted() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [
        Requirement(r)
        for r in [*project["dependencies"], *project["optional-dependencies"]["test"]]
    ]


def test_every_dependency_is_locked_within_its_range_with_hashes() -> None:
    lock = _lock()
    problems = []
    for requirement in _wanted():
        name = canonicalize_name(requirement.name)
        if name not in lock:
            problems.append(f"{requirement.name}: not in requirements.lock")
            continue
        version, hashes = lock[name]
        if not requirement.specifier.contains(version, prereleases=True):
            problems.append(
                f"{requirement.name}: locked {version}, outside {requirement.specifier}"
            )
        if not hashes:
            problems.append(f"{requirement.name}: no hash")
    assert not problems, "run `make lock`: " + "; ".join(problems)


def test_every_locked_package_carries_a_hash_and_no_local_index() -> None:
    lock = _lock()
    assert len(lock) > 50
    assert [name for name, (_v, hashes) in lock.items() if not hashes] == []
    text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    assert "--extra-index-url" not in text and "--find-links" not in text
