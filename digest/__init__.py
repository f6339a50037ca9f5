"""dandigest: Vietnamese mass-mobilization news articles -> a static, searchable digest site."""

__version__ = "0.1.0"
