"""Measure import against hand-made answers: precision, recall and F1 per kind of fact.

DIR holds raw articles (*.txt) and expected.yaml (the schema of the seeds' file: per file
title, date, officials [{name, roles}], campaigns, optional, ...). Names meet by identity_key,
roles by role_key (abbreviations spelled out), campaigns by their registry name.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from digest.config import SiteConfig
from digest.content import decode_source
from digest.extract.campaigns import canonical_campaign
from digest.extract.roles import role_key
from digest.importer import ImportedArticle, import_text
from digest.vietnamese import identity_key


@dataclass(frozen=True)
class Score:
    """Counts of one kind of fact over a set of articles."""

    true_positives: int = 0
    """Extracted and expected."""
    false_positives: int = 0
    """Extracted, not expected."""
    false_negatives: int = 0
    """Expected, not extracted."""

    @property
    def precision(self) -> float:
        """Share of extracted facts that are right (1.0 when nothing was extracted)."""
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        """Share of expected facts that were extracted (1.0 when nothing was expected)."""
        wanted = self.true_positives + self.false_negatives
        return self.true_positives / wanted if wanted else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(self.true_positives + other.true_positives, self.false_positives + other.false_positives,
                     self.false_negatives + other.false_negatives)


@dataclass(frozen=True)
class FileResult:
    """How one article compares with its expected facts."""

    name: str
    """File name of the raw article."""
    officials: Score
    """Officials by name."""
    roles: Score
    """(official, role) pairs."""
    campaigns: Score
    """Campaign names."""
    date_ok: bool | None
    """Event date exactly right; None when expected.yaml says nothing about the date."""
    mismatches: tuple[str, ...]
    """Human-readable differences."""


@dataclass(frozen=True)
class EvalReport:
    """Figures over a whole folder."""

    files: tuple[FileResult, ...] = ()
    """Per-article results, in file order."""
    missing: tuple[str, ...] = field(default=())
    """Entries of expected.yaml without a .txt, and .txt files without an entry."""

    def total(self, kind: str) -> Score:
        """Sum of one kind of score ("officials", "roles", "campaigns") over the files."""
        score = Score()
        for result in self.files:
            score = score + getattr(result, kind)
        return score

    @property
    def date_accuracy(self) -> float:
        """Share of articles with an expected date (or an expected null) that got it exactly."""
        judged = [r.date_ok for r in self.files if r.date_ok is not None]
        return sum(judged) / len(judged) if judged else 1.0

    @property
    def dates_judged(self) -> int:
        """Number of articles whose date was judged."""
        return sum(1 for r in self.files if r.date_ok is not None)


def _compare(found: set, wanted: set, optional: set = frozenset()) -> tuple[Score, set, set]:
    """Score two sets; `optional` items count neither way. Returns the score, extra and missing."""
    extra = found - wanted - optional
    missing = wanted - found
    return Score(len(found & wanted), len(extra), len(missing)), extra, missing


def _expected_officials(entry: dict[str, Any]) -> dict[str, tuple[str, set[str]]]:
    result: dict[str, tuple[str, set[str]]] = {}
    for item in entry.get("officials") or []:
        name = str(item.get("name", "")) if isinstance(item, dict) else str(item)
        roles = item.get("roles") or [] if isinstance(item, dict) else []
        result[identity_key(name)] = (name, {role_key(str(r)) for r in roles})
    return result


def _campaign_keys(names: list[Any], config: SiteConfig) -> set[str]:
    keys = set()
    for name in names:
        keys.add(identity_key(canonical_campaign(str(name), config)[0]))
    return keys


def _date_ok(entry: dict[str, Any], article: ImportedArticle) -> tuple[bool | None, str | None]:
    if "date" not in entry:
        return None, None
    wanted = entry["date"]
    wanted_text = wanted.isoformat() if isinstance(wanted, dt.date) else (str(wanted) if wanted else None)
    got = article.date.isoformat() if article.date else None
    return wanted_text == got, None if wanted_text == got else f"date: expected {wanted_text}, got {got}"


def compare_article(name: str, entry: dict[str, Any], article: ImportedArticle, config: SiteConfig) -> FileResult:
    """Compare one imported article with its expected.yaml entry."""
    notes: list[str] = []
    expected = _expected_officials(entry)
    got = {identity_key(o.name): o for o in article.officials}
    officials, extra, missing = _compare(set(got), set(expected))
    notes += [f"official not expected: {got[k].name} {list(got[k].roles)}" for k in sorted(extra)]
    notes += [f"official missed: {expected[k][0]}" for k in sorted(missing)]
    got_roles = {(k, role_key(r)) for k, o in got.items() for r in o.roles}
    want_roles = {(k, r) for k, (_, roles) in expected.items() for r in roles}
    roles, extra_roles, missing_roles = _compare(got_roles, want_roles)
    notes += [f"role not expected: {k} / {r}" for k, r in sorted(extra_roles) if k in expected]
    notes += [f"role missed: {k} / {r}" for k, r in sorted(missing_roles) if k in got]
    optional = _campaign_keys(entry.get("optional") or [], config)
    found_campaigns = _campaign_keys(list(article.campaigns), config)
    campaigns, extra_c, missing_c = _compare(found_campaigns, _campaign_keys(entry.get("campaigns") or [], config),
                                             optional)
    notes += [f"campaign not expected: {c}" for c in sorted(extra_c)]
    notes += [f"campaign missed: {c}" for c in sorted(missing_c)]
    date_ok, date_note = _date_ok(entry, article)
    if date_note:
        notes.append(date_note)
    return FileResult(name, officials, roles, campaigns, date_ok, tuple(notes))


def evaluate_dir(directory: Path, config: SiteConfig) -> EvalReport:
    """Import every DIR/*.txt and compare it with DIR/expected.yaml."""
    expected = yaml.safe_load((directory / "expected.yaml").read_text(encoding="utf-8")) or {}
    results: list[FileResult] = []
    missing: list[str] = []
    texts = sorted(directory.glob("*.txt"))
    for path in texts:
        entry = expected.get(path.name)
        if not isinstance(entry, dict):
            missing.append(f"{path.name}: no entry in expected.yaml")
            continue
        article = import_text(decode_source(path.read_bytes()), config)
        results.append(compare_article(path.name, entry, article, config))
    names = {p.name for p in texts}
    missing += [f"{name}: in expected.yaml but no such file" for name in sorted(expected) if name not in names]
    return EvalReport(tuple(results), tuple(missing))


def _line(label: str, score: Score) -> str:
    return (f"{label:<10} precision {score.precision:6.1%}  recall {score.recall:6.1%}  F1 {score.f1:6.1%}"
            f"   (tp {score.true_positives}, fp {score.false_positives}, fn {score.false_negatives})")


def format_report(report: EvalReport, verbose: bool = False) -> str:
    """The figures as text; with `verbose`, every mismatch per file."""
    lines = [f"{len(report.files)} articles"]
    for kind in ("officials", "roles", "campaigns"):
        lines.append(_line(kind, report.total(kind)))
    right = round(report.date_accuracy * report.dates_judged)
    lines.append(f"{'dates':<10} exact {report.date_accuracy:6.1%}   ({right} of {report.dates_judged})")
    lines += [f"warning: {m}" for m in report.missing]
    if verbose:
        for result in report.files:
            if result.mismatches:
                lines.append(f"\n{result.name}")
                lines += [f"  - {m}" for m in result.mismatches]
    return "\n".join(lines)
