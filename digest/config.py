"""Load and validate `site.yaml` into a frozen SiteConfig (unknown keys are errors)."""

from __future__ import annotations

import difflib
import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from digest.errors import BuildFailed, SourceError
from digest.vietnamese import identity_key, normalize_text
from digest.yaml_source import YamlProblem, parse_yaml_mapping


@dataclass(frozen=True)
class CampaignEntry:
    """A campaign known to the registry in site.yaml."""

    name: str
    """Canonical name, as shown on the site ("Dân vận khéo")."""
    aliases: tuple[str, ...] = ()
    """Other spellings that mean the same campaign; import maps them to `name`."""
    description: str = ""
    """One or two sentences for the campaign page."""


@dataclass(frozen=True)
class OfficialRules:
    """Editorial identity rules: which names are one person and which are several."""

    merge: tuple[tuple[str, str], ...] = ()
    """(variant, canonical) pairs: the variant spelling is the canonical person."""
    split_by_locality: tuple[str, ...] = ()
    """Names that denote different people in different localities."""


@dataclass(frozen=True)
class SiteConfig:
    """Everything site.yaml says, validated."""

    title: str
    """Site title, shown in the header and the feed."""
    description: str = ""
    """One sentence for the home page, meta description and feed."""
    base_url: str = ""
    """Absolute URL where the site is published ("https://user.github.io/repo/"); may be empty."""
    language: str = "vi"
    """Language code for `<html lang>`."""
    latest_count: int = 10
    """How many articles the home page lists."""
    feed_count: int = 20
    """How many articles the Atom feed carries."""
    campaigns: tuple[CampaignEntry, ...] = ()
    """The campaign registry."""
    outlets: tuple[tuple[str, str], ...] = ()
    """(outlet name, locality) pairs: an article from that outlet is about that place."""
    officials: OfficialRules = field(default_factory=OfficialRules)
    """Identity rules for officials."""

    @functools.cached_property
    def _campaign_index(self) -> dict[str, CampaignEntry]:
        """Folded name or alias -> first registry entry giving it: the model asks once per
        campaign mention (~15,000 at 10,000 articles), so it must not re-fold the registry."""
        index: dict[str, CampaignEntry] = {}
        for entry in self.campaigns:
            for name in (entry.name, *entry.aliases):
                index.setdefault(identity_key(name), entry)
        return index

    def campaign_for(self, name: str) -> CampaignEntry | None:
        """The registry entry whose name or alias matches `name` (case and tone placement folded)."""
        return self._campaign_index.get(identity_key(name))

    def locality_for_outlet(self, outlet: str) -> str | None:
        """The locality site.yaml assigns to an outlet name, if any."""
        key = identity_key(outlet)
        for name, locality in self.outlets:
            if identity_key(name) == key:
                return locality
        return None


TOP_KEYS = {"title", "description", "base_url", "language", "latest_count", "feed_count",
            "campaigns", "outlets", "officials"}
CAMPAIGN_KEYS = {"name", "aliases", "description"}
OFFICIAL_KEYS = {"merge", "split_by_locality"}


def _unknown_key(path: str, line: int | None, key: str, allowed: set[str]) -> SourceError:
    close = difflib.get_close_matches(key, sorted(allowed), n=1)
    hint = f"did you mean {close[0]}?" if close else f"use one of: {', '.join(sorted(allowed))}"
    return SourceError(path, line, f'unknown key "{key}"', hint)


def _text_list(value: Any) -> tuple[str, ...] | None:
    if value is None:
        return ()
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(normalize_text(v).strip() for v in value)
    return None


def _parse_campaigns(raw: Any, path: str, line: int | None, errors: list[SourceError]) -> tuple[CampaignEntry, ...]:
    if not isinstance(raw, list):
        errors.append(SourceError(path, line, "campaigns must be a list", "write `- name: ...` items"))
        return ()
    entries = []
    for item in raw:
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            errors.append(SourceError(path, line, "each campaign needs a `name:`", "- name: Dân vận khéo"))
            continue
        for key in item:
            if key not in CAMPAIGN_KEYS:
                errors.append(_unknown_key(path, line, str(key), CAMPAIGN_KEYS))
        aliases = _text_list(item.get("aliases"))
        if aliases is None:
            errors.append(SourceError(path, line, f'aliases of "{item["name"]}" must be a list of names'))
            aliases = ()
        entries.append(CampaignEntry(normalize_text(item["name"]).strip(), aliases,
                                     str(item.get("description") or "").strip()))
    return tuple(entries)


def _parse_officials(raw: Any, path: str, line: int | None, errors: list[SourceError]) -> OfficialRules:
    if raw is None:
        return OfficialRules()
    if not isinstance(raw, dict):
        errors.append(SourceError(path, line, "officials must be a mapping with merge / split_by_locality"))
        return OfficialRules()
    for key in raw:
        if key not in OFFICIAL_KEYS:
            errors.append(_unknown_key(path, line, str(key), OFFICIAL_KEYS))
    merge: list[tuple[str, str]] = []
    for canonical, variants in (raw.get("merge") or {}).items():
        names = _text_list(variants)
        if names is None:
            errors.append(SourceError(path, line, f'merge of "{canonical}" must list variant spellings'))
            continue
        merge.extend((v, normalize_text(str(canonical))) for v in names)
    split = _text_list(raw.get("split_by_locality"))
    if split is None:
        errors.append(SourceError(path, line, "split_by_locality must be a list of names"))
        split = ()
    return OfficialRules(tuple(merge), split)


def load_config(path: Path, display: str | None = None) -> SiteConfig:
    """Read site.yaml; raise BuildFailed listing every problem found in it."""
    shown = display or str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise BuildFailed([SourceError(shown, None, "site.yaml is missing", "create it with at least `title: ...`")]) from None
    except UnicodeDecodeError:
        raise BuildFailed([SourceError(shown, None, "site.yaml is not UTF-8", "save it as UTF-8")]) from None
    try:
        doc = parse_yaml_mapping(text)
    except YamlProblem as exc:
        raise BuildFailed([SourceError(shown, exc.line, exc.message, exc.hint)]) from None
    data, lines = doc.data, doc.key_lines
    errors = [_unknown_key(shown, lines.get(k), k, TOP_KEYS) for k in data if k not in TOP_KEYS]
    if not isinstance(data.get("title"), str) or not data["title"].strip():
        errors.append(SourceError(shown, lines.get("title", 1), "title is missing", "title: Nhật ký Dân vận"))
    for key in ("latest_count", "feed_count"):
        if key in data and (not isinstance(data[key], int) or data[key] < 1):
            errors.append(SourceError(shown, lines.get(key), f"{key} must be a positive whole number"))
    outlets = data.get("outlets") or {}
    if not isinstance(outlets, dict) or not all(isinstance(v, str) for v in outlets.values()):
        errors.append(SourceError(shown, lines.get("outlets"), "outlets must map outlet names to places"))
        outlets = {}
    campaigns = _parse_campaigns(data.get("campaigns") or [], shown, lines.get("campaigns"), errors)
    officials = _parse_officials(data.get("officials"), shown, lines.get("officials"), errors)
    base_url = str(data.get("base_url") or "")
    if base_url and not base_url.endswith("/"):
        base_url += "/"
    if errors:
        raise BuildFailed(errors)
    return SiteConfig(
        title=normalize_text(data["title"]).strip(),
        description=normalize_text(str(data.get("description") or "")).strip(),
        base_url=base_url,
        language=str(data.get("language") or "vi"),
        latest_count=data.get("latest_count", 10),
        feed_count=data.get("feed_count", 20),
        campaigns=campaigns,
        outlets=tuple((normalize_text(str(k)), normalize_text(v)) for k, v in outlets.items()),
        officials=officials,
    )
