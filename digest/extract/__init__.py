"""Extraction rules for the import stage: raw article text -> the facts of an ImportedArticle.

One module per kind of fact: furniture (page layout, title, byline, timestamps), dates,
names and roles (officials), campaigns, places (locality, kind of meeting, period).
Every function here is pure: text in, frozen data out.
"""
