"""Build the SiteModel from articles: timeline, officials, campaigns, links between them.

Everything is computed with dictionaries keyed by identity, never by scanning all articles
for each official or campaign, so the cost grows linearly with the archive.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from digest.config import SiteConfig
from digest.content import Article
from digest.vietnamese import collation_key, identity_key, normalize_text, person_sort_key, slug_for


@dataclass(frozen=True)
class Appearance:
    """One article in which an official appears."""

    article_slug: str
    """The article."""
    date: dt.date
    """Event date of the article."""
    roles: tuple[str, ...]
    """Positions the article gives the official."""
    locality: str | None
    """Locality of the article."""
    function: str | None
    """What the official did at the event, when known."""


@dataclass(frozen=True)
class Official:
    """A person, as merged from all articles naming them."""

    key: str
    """Identity: folded name (plus locality for names split by site.yaml)."""
    slug: str
    """URL slug, unique among officials and stable as the archive grows."""
    name: str
    """Display name: the most frequent spelling."""
    appearances: tuple[Appearance, ...]
    """Articles naming the official, oldest first."""


@dataclass(frozen=True)
class Campaign:
    """A campaign, as merged from all articles naming it."""

    key: str
    """Identity: folded canonical name."""
    slug: str
    """URL slug, unique among campaigns."""
    name: str
    """Canonical name from the registry, or the most frequent spelling."""
    description: str
    """From the registry; empty for campaigns the registry does not know."""
    registered: bool
    """Whether site.yaml's registry lists it."""
    article_slugs: tuple[str, ...]
    """Articles naming it, oldest first."""


@dataclass(frozen=True)
class RoleSeen:
    """One position an official held, as the articles show it."""

    role: str
    """The position as first written."""
    dates: tuple[dt.date, ...]
    """Event dates of the articles giving it, oldest first."""
    localities: tuple[str, ...]
    """Places of those articles, in first-seen order."""
    article_slugs: tuple[str, ...]
    """The articles giving it, oldest first."""


@dataclass(frozen=True)
class CoAppearance:
    """Another official seen at the same events."""

    official_slug: str
    """The other official."""
    shared: int
    """How many articles name both."""


@dataclass(frozen=True)
class Neighbours:
    """An article's place in the timeline."""

    previous: str | None
    """Slug of the article just before it by event date (older), if any."""
    next: str | None
    """Slug of the article just after it (newer), if any."""


RelatedList = tuple[tuple[str, ...], tuple[int, ...]]
"""An official's or a campaign's articles, oldest first: their slugs and their event days
(date ordinals: a changed date is a changed list, as it can change a tie)."""


@dataclass(frozen=True)
class SiteModel:
    """What the renderer needs: articles in timeline order and the indexes built from them."""

    articles: tuple[Article, ...]
    """Newest event first (ties by slug)."""
    officials: tuple[Official, ...]
    """In Vietnamese order: given name, then full name."""
    campaigns: tuple[Campaign, ...]
    """In Vietnamese alphabetical order."""
    article_by_slug: Mapping[str, Article]
    """Lookup of articles."""
    official_slugs: Mapping[str, tuple[str, ...]]
    """Article slug -> official slug for each of its mentions, in mention order."""
    campaign_slugs: Mapping[str, tuple[str, ...]]
    """Article slug -> campaign slug for each of its campaign names, in order."""
    neighbours: Mapping[str, Neighbours] = field(default_factory=lambda: MappingProxyType({}))
    """Article slug -> previous and next article in the timeline."""
    related: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    """Article slug -> up to RELATED_COUNT articles sharing officials or campaigns, best first."""
    co_appearances: Mapping[str, tuple[CoAppearance, ...]] = field(default_factory=lambda: MappingProxyType({}))
    """Official slug -> officials named in the same articles, most shared first."""
    related_lists: Mapping[str, RelatedList] = field(default_factory=lambda: MappingProxyType({}))
    """The lists related articles were counted from (related_lists): kept in the build cache,
    so that the next build recounts only the articles near what changed in them."""


RESERVED_SLUGS = frozenset({"index"})
"""Slugs taken by the index page of each folder (can-bo/index.html, phong-trao/index.html)."""


def _disambiguate(slug_groups: dict[str, list[tuple[tuple, str]]]) -> dict[str, str]:
    """Key -> unique slug. In a collision the earliest-seen key keeps the plain slug; the
    others get a suffix derived from their own key, so URLs do not shift as content grows."""
    result: dict[str, str] = {}
    for slug, members in slug_groups.items():
        members.sort()
        for index, (_, key) in enumerate(members):
            suffix = hashlib.sha1(key.encode()).hexdigest()[:6]
            plain = index == 0 and slug not in RESERVED_SLUGS
            result[key] = slug if plain else f"{slug}-{suffix}"
    return result


@dataclass(frozen=True)
class _IdentityRules:
    """site.yaml's merge and split rules, folded once per build."""

    merged: Mapping[str, str]
    """Folded variant spelling -> canonical name."""
    split: frozenset[str]
    """Folded names that are a different person in each locality."""
    fold: Callable[[str], str] = identity_key
    """identity_key, memoised for the build (names and roles repeat across thousands of articles)."""

    @classmethod
    def from_config(cls, config: SiteConfig, fold: Callable[[str], str] = identity_key) -> _IdentityRules:
        return cls({fold(v): c for v, c in config.officials.merge},
                   frozenset(fold(n) for n in config.officials.split_by_locality), fold)

    def key(self, name: str, locality: str | None) -> tuple[str, str]:
        """(identity key, canonical name) of a person named `name` in an article about `locality`."""
        canonical = self.merged.get(self.fold(name), name)
        key = self.fold(canonical)
        if key in self.split:
            key = f"{key}@{self.fold(locality or '')}"
        return key, canonical


def _most_common(spellings: list[str]) -> str:
    counts = Counter(spellings)
    return max(counts, key=lambda s: (counts[s], -spellings.index(s)))


def _build_officials(articles: list[Article], config: SiteConfig,
                     fold: Callable[[str], str]) -> tuple[tuple[Official, ...], dict[str, tuple[str, ...]]]:
    appearances: dict[str, list[Appearance]] = defaultdict(list)
    spellings: dict[str, list[str]] = defaultdict(list)
    mention_keys: dict[str, list[str]] = {}
    rules = _IdentityRules.from_config(config, fold)
    for article in articles:  # oldest first
        keys = []
        for mention in article.officials:
            key, name = rules.key(mention.name, article.locality)
            keys.append(key)
            spellings[key].append(name)
            if appearances[key] and appearances[key][-1].article_slug == article.slug:
                continue  # named twice in one article: keep the first mention
            appearances[key].append(Appearance(article.slug, article.date, mention.roles,
                                               article.locality, mention.function))
        mention_keys[article.slug] = keys
    groups: dict[str, list[tuple[tuple, str]]] = defaultdict(list)
    for order, key in enumerate(appearances):
        first = appearances[key][0]
        groups[slug_for(_most_common(spellings[key]))].append(((first.date, order), key))
    slugs = _disambiguate(groups)
    officials = [Official(k, slugs[k], _most_common(spellings[k]), tuple(v)) for k, v in appearances.items()]
    officials.sort(key=lambda o: (person_sort_key(o.name), o.slug))
    links = {a: tuple(slugs[k] for k in keys) for a, keys in mention_keys.items()}
    return tuple(officials), links


def _build_campaigns(articles: list[Article], config: SiteConfig,
                     fold: Callable[[str], str]) -> tuple[tuple[Campaign, ...], dict[str, tuple[str, ...]]]:
    members: dict[str, list[str]] = defaultdict(list)
    spellings: dict[str, list[str]] = defaultdict(list)
    entries = {}
    article_keys: dict[str, list[str]] = {}
    entry_for = functools.cache(config.campaign_for)  # a few dozen names, ~15,000 mentions
    normalized = functools.cache(normalize_text)
    for article in articles:
        keys = []
        for name in article.campaigns:
            entry = entry_for(name)
            canonical = entry.name if entry else normalized(name)
            key = fold(canonical)
            entries[key] = entry
            keys.append(key)
            spellings[key].append(canonical)
            if not members[key] or members[key][-1] != article.slug:
                members[key].append(article.slug)
        article_keys[article.slug] = keys
    groups: dict[str, list[tuple[tuple, str]]] = defaultdict(list)
    for order, key in enumerate(members):
        groups[slug_for(spellings[key][0])].append(((order,), key))
    slugs = _disambiguate(groups)
    campaigns = [Campaign(k, slugs[k], entries[k].name if entries[k] else _most_common(spellings[k]),
                          entries[k].description if entries[k] else "", entries[k] is not None, tuple(v))
                 for k, v in members.items()]
    campaigns.sort(key=lambda c: (collation_key(c.name), c.slug))
    links = {a: tuple(dict.fromkeys(slugs[k] for k in keys)) for a, keys in article_keys.items()}
    return tuple(campaigns), links


RELATED_COUNT = 5
"""Related articles shown under an article."""
NEAREST_PER_LIST = 6
"""Candidates taken from each official's or campaign's article list: the nearest by date.
Caps the work per article, so a campaign named by 5,000 articles keeps the build linear."""
RECOUNT_SHARE = 0.25
"""Above this share of the articles near changes, related articles are counted afresh
(_related_since): as quick, and no bookkeeping."""
CO_APPEARANCE_COUNT = 20
"""Co-appearing officials kept per official."""


def _neighbours(oldest_first: list[Article]) -> dict[str, Neighbours]:
    """Previous (older) and next (newer) article of each article in timeline order."""
    slugs = [a.slug for a in oldest_first]
    return {s: Neighbours(slugs[i - 1] if i else None, slugs[i + 1] if i + 1 < len(slugs) else None)
            for i, s in enumerate(slugs)}


def related_lists(officials: tuple[Official, ...], campaigns: tuple[Campaign, ...],
                  day: Mapping[str, int]) -> dict[str, RelatedList]:
    """Every list of two or more articles related articles are counted from, keyed "o:" +
    an official's key (weight 2: sharing an official says more about an article's subject
    than sharing a broad campaign) or "c:" + a campaign's key (weight 1)."""
    lists = {"o:" + o.key: tuple(ap.article_slug for ap in o.appearances) for o in officials}
    lists.update(("c:" + c.key, c.article_slugs) for c in campaigns)
    return {key: (members, tuple(day[slug] for slug in members)) for key, members in lists.items() if len(members) > 1}


def _weight(key: str) -> int:
    return 2 if key.startswith("o:") else 1


def _rank(slug: str, found: dict[str, int], day: Mapping[str, int]) -> tuple[str, ...]:
    """The best RELATED_COUNT of an article's scored candidates: by score, then nearest in
    time (days apart: unlike a distance in timeline places, an article added elsewhere does
    not change it), then slug.

    Only candidates scoring at least the RELATED_COUNT-th best score can be among the best:
    ranking those alone gives the same ranking with ~30% fewer tuples made (277,000 ->
    192,000 at 10,000 articles; the scores are sorted in C)."""
    values = sorted(found.values(), reverse=True)
    cutoff = values[min(RELATED_COUNT, len(values)) - 1]
    here = day[slug]
    ranked = sorted((-score, abs(day[other] - here), other) for other, score in found.items() if score >= cutoff)
    return tuple(other for _, _, other in ranked[:RELATED_COUNT])


def _related(lists: Mapping[str, RelatedList], day: Mapping[str, int]) -> dict[str, tuple[str, ...]]:
    """Best RELATED_COUNT articles per article, scored only from the NEAREST_PER_LIST nearest
    members of each list the article is in (indexes, not scans over all articles): ~65,000
    list positions at 10,000 articles."""
    scores: dict[str, dict[str, int]] = defaultdict(dict)
    for key, (members, _) in lists.items():
        weight = _weight(key)
        for position, slug in enumerate(members):
            _score_window(scores[slug], members, position, weight)
    return {slug: _rank(slug, found, day) for slug, found in scores.items()}


def _score_window(found: dict[str, int], members: tuple[str, ...], position: int, weight: int) -> None:
    """Add `weight` to the score of each of the NEAREST_PER_LIST members around `position`
    (the window clamped at either end of the list), the member there aside."""
    start = max(0, min(position - NEAREST_PER_LIST // 2, len(members) - NEAREST_PER_LIST - 1))
    slug = members[position]
    for other in members[start:start + NEAREST_PER_LIST + 1]:
        if other != slug:
            found[other] = found.get(other, 0) + weight


def _near_change(now: RelatedList, before: RelatedList) -> tuple[str, ...]:
    """The members of a list, as it is and as it was, within reach of what changed in it:
    an article further than NEAREST_PER_LIST places from every change has the same window
    in both (the same members with the same days), clamped at either end or not."""
    (members, days), (old_members, old_days) = now, before
    size, old_size = len(members), len(old_members)
    same = 0
    while same < min(size, old_size) and members[same] == old_members[same] and days[same] == old_days[same]:
        same += 1
    tail = 0
    while tail < min(size, old_size) - same and members[size - 1 - tail] == old_members[old_size - 1 - tail] \
            and days[size - 1 - tail] == old_days[old_size - 1 - tail]:
        tail += 1
    reach = NEAREST_PER_LIST + 1
    return (*members[max(0, same - reach):size - tail + reach], *old_members[max(0, same - reach):old_size - tail + reach])


def _related_since(lists: Mapping[str, RelatedList], day: Mapping[str, int], before_lists: Mapping[str, RelatedList],
                   before: Mapping[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]] | None:
    """_related(lists, day), from the last build's lists and related articles: only the
    articles near a change in one of their lists are counted again (an addition: ~100 of
    10,000). None when so much changed that counting everything is as quick.

    Why: every addition or deletion rebuilds the model, and counting every article's related
    articles was half of that (~0.25 of ~0.5 s, on the rebuild's serial path)."""
    empty: RelatedList = ((), ())
    near: set[str] = set()
    for key in lists.keys() | before_lists.keys():
        now, then = lists.get(key, empty), before_lists.get(key, empty)
        if now != then:
            near.update(_near_change(now, then))
    if len(near) > RECOUNT_SHARE * len(day):
        return None
    related = {slug: best for slug, best in before.items() if slug in day and slug not in near}
    keys_of: dict[str, list[str]] = defaultdict(list)
    for key, (members, _) in lists.items():
        for slug in near.intersection(members):
            keys_of[slug].append(key)
    for slug, keys in keys_of.items():
        found: dict[str, int] = {}
        for key in keys:
            members = lists[key][0]
            _score_window(found, members, members.index(slug), _weight(key))
        related[slug] = _rank(slug, found, day)
    return related


def _co_appearances(official_links: Mapping[str, tuple[str, ...]]) -> dict[str, tuple[CoAppearance, ...]]:
    """Officials named in the same articles, counted through the article -> officials index."""
    shared: dict[str, dict[str, int]] = defaultdict(dict)
    for slugs in official_links.values():
        present = list(dict.fromkeys(slugs))
        for one in present:
            found = shared[one]
            for other in present:
                if other != one:
                    found[other] = found.get(other, 0) + 1
    return {slug: tuple(CoAppearance(o, n) for o, n in sorted(found.items(), key=lambda i: (-i[1], i[0]))
                        [:CO_APPEARANCE_COUNT])
            for slug, found in shared.items()}


def role_history(official: Official) -> tuple[RoleSeen, ...]:
    """Each position of an official (spellings folded together), by the first date it was seen.

    A function of the official alone, made where an official page is rendered (pages.py), not
    for every official in build_model: a rebuild renders a handful of official pages, and
    making all 1,000 histories took ~0.28 s of each rebuild's serial part."""
    fold = functools.cache(identity_key)  # a position recurs across an official's articles
    seen: dict[str, list[Appearance]] = defaultdict(list)
    names: dict[str, str] = {}
    for appearance in official.appearances:
        for role in dict.fromkeys(fold(r) for r in appearance.roles):
            seen[role].append(appearance)
        for role in appearance.roles:
            names.setdefault(fold(role), role)
    return tuple(RoleSeen(names[key], tuple(a.date for a in aps),
                          tuple(dict.fromkeys(a.locality for a in aps if a.locality)),
                          tuple(a.article_slug for a in aps))
                 for key, aps in seen.items())


def build_model(articles: list[Article], config: SiteConfig, before: ModelLinks | None = None) -> SiteModel:
    """Index the articles into officials, campaigns and a timeline (pure: inputs untouched).
    `before`: the last build's links (same site.yaml), from which related articles are
    counted again only near what changed (_related_since); the result is the same."""
    oldest_first = sorted(articles, key=lambda a: (a.date, a.slug))
    fold = functools.cache(identity_key)  # local to this build: no state outlives it
    officials, official_links = _build_officials(oldest_first, config, fold)
    campaigns, campaign_links = _build_campaigns(oldest_first, config, fold)
    day = {a.slug: a.date.toordinal() for a in oldest_first}
    lists = related_lists(officials, campaigns, day)
    related = _related_since(lists, day, before.related_lists, before.related) \
        if before is not None and before.related_lists else None
    return SiteModel(
        articles=tuple(reversed(oldest_first)),
        officials=officials,
        campaigns=campaigns,
        article_by_slug=MappingProxyType({a.slug: a for a in oldest_first}),
        official_slugs=MappingProxyType(official_links),
        campaign_slugs=MappingProxyType(campaign_links),
        neighbours=MappingProxyType(_neighbours(oldest_first)),
        related=MappingProxyType(related if related is not None else _related(lists, day)),
        co_appearances=MappingProxyType(_co_appearances(official_links)),
        related_lists=MappingProxyType(lists),
    )


@dataclass(frozen=True)
class ModelLinks:
    """What an article page, the feed and the offline index take from the model beyond the
    articles themselves. Kept in the build cache: a build in which only the text of some
    articles changed has these links unchanged, and skips build_model (see relink_model)."""

    campaigns: tuple[Campaign, ...]
    official_slugs: Mapping[str, tuple[str, ...]]
    campaign_slugs: Mapping[str, tuple[str, ...]]
    neighbours: Mapping[str, Neighbours]
    related: Mapping[str, tuple[str, ...]]
    related_lists: Mapping[str, RelatedList]


def model_links(model: SiteModel) -> ModelLinks:
    """The links of a model, as plain dicts (picklable)."""
    return ModelLinks(model.campaigns, dict(model.official_slugs), dict(model.campaign_slugs), dict(model.neighbours),
                      dict(model.related), dict(model.related_lists))


def relink_model(articles: list[Article], links: ModelLinks) -> SiteModel:
    """The model of articles whose metadata is exactly that of the build `links` come from
    (only their text changed: pipeline.text_only_edits). Officials, co-appearances and role
    histories are left empty: such a build renders article pages only (render.render_site
    with text_edits), and everything it writes besides reads the links and the articles."""
    newest_first = sorted(articles, key=lambda a: (a.date, a.slug), reverse=True)
    return SiteModel(
        articles=tuple(newest_first), officials=(), campaigns=links.campaigns,
        article_by_slug=MappingProxyType({a.slug: a for a in reversed(newest_first)}),
        official_slugs=MappingProxyType(dict(links.official_slugs)),
        campaign_slugs=MappingProxyType(dict(links.campaign_slugs)),
        neighbours=MappingProxyType(dict(links.neighbours)), related=MappingProxyType(dict(links.related)),
        related_lists=MappingProxyType(dict(links.related_lists)),
    )
