"""Where each page lives in output/: one place so templates and tests agree.

Pages are flat `.html` files (not `dir/index.html`) so every link works when the site is
opened from disk, where a browser does not add `index.html` to a folder URL.
"""

HOME = "index.html"
TIMELINE = "dong-thoi-gian.html"
OFFICIALS = "can-bo/index.html"
CAMPAIGNS = "phong-trao/index.html"
SEARCH = "tim-kiem.html"
NOT_FOUND = "404.html"
FEED = "feed.xml"
SITEMAP = "sitemap.xml"
OFFLINE_INDEX = "assets/search-index.js"


def article_url(slug: str) -> str:
    """Site-relative path of an article page."""
    return f"bai-viet/{slug}.html"


def timeline_year_url(year: int) -> str:
    """Site-relative path of one year of the timeline (TIMELINE is the index of years)."""
    return f"dong-thoi-gian/{year}.html"


def official_url(slug: str) -> str:
    """Site-relative path of an official's page."""
    return f"can-bo/{slug}.html"


def campaign_url(slug: str) -> str:
    """Site-relative path of a campaign's page."""
    return f"phong-trao/{slug}.html"


def canonical_path(path: str) -> str:
    """The path a page is best known by: "can-bo/index.html" -> "can-bo/", "index.html" -> ""."""
    if path == "index.html" or path.endswith("/index.html"):
        return path[: -len("index.html")]
    return path


def absolute_url(base_url: str, path: str) -> str:
    """Absolute URL of a site-relative path under base_url (which ends with "/")."""
    return base_url + canonical_path(path)
