"""URLs from pages and users, read without ever raising.

A malformed address ("http://[::1", an unclosed IPv6 bracket, in a manifest, a WARC header or
an ``<a href>``) is a value to ignore, not a reason to stop a build: ``urlsplit`` raises on it.
"""

from __future__ import annotations

from urllib.parse import SplitResult, urlsplit


def split(url: str | None) -> SplitResult | None:
    """``urlsplit(url)``, or None where there is no URL or it cannot be parsed."""
    if not url:
        return None
    try:
        return urlsplit(url.strip())
    except ValueError:
        return None


def host(url: str | None) -> str:
    """The URL's host name, lower-cased ("" where it has none or cannot be parsed)."""
    parts = split(url)
    return (parts.hostname or "") if parts else ""
