"""Checks that need both the articles and site.yaml: campaigns the registry does not know.

Why a warning and not an error: a new campaign appears in the news before anyone adds it to
the registry, and its page is still built; the warning catches typos ("Dân vận khẻo").
"""

from __future__ import annotations

import difflib
import functools

from digest.config import SiteConfig
from digest.content import Article
from digest.errors import SourceError
from digest.vietnamese import identity_key


def _closest_campaign(name: str, config: SiteConfig) -> str | None:
    """The registry name (or alias, shown as its canonical name) spelled most like `name`."""
    spellings = {identity_key(n): entry.name for entry in config.campaigns for n in (entry.name, *entry.aliases)}
    close = difflib.get_close_matches(identity_key(name), sorted(spellings), n=1, cutoff=0.75)
    return spellings[close[0]] if close else None


def unknown_campaign_warning(article: Article, name: str, config: SiteConfig) -> SourceError:
    """The warning for one campaign name that site.yaml's registry does not list."""
    hint = "add it to site.yaml campaigns or check the spelling"
    close = _closest_campaign(name, config)
    if close:
        hint += f"; did you mean {close}?"
    return SourceError(article.source_path, article.campaigns_line or 1,
                       f'campaign "{name}" is not in the registry', hint, severity="warning")


def check_campaigns(articles: list[Article], config: SiteConfig) -> list[SourceError]:
    """One warning per article and campaign name that the registry in site.yaml does not know."""
    known = functools.cache(config.campaign_for)  # a few dozen names in ~20,000 mentions at 10,000 articles
    return [unknown_campaign_warning(article, name, config)
            for article in articles
            for name in dict.fromkeys(article.campaigns)
            if known(name) is None]
