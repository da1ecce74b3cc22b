"""HTML plumbing shared by every page: the Jinja2 environment, safe inline JSON and scripts.

Pages work from disk with no network: vis-network (vendored from npm under ``assets/vendor/``)
is inlined or written once next to the pages of a site, and a Content-Security-Policy allows
only the page's own scripts (inline ones by hash) and no fetch of any kind, so a page cannot
reach the network even if a template or a library were to ask for it.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

TEMPLATES = Path(__file__).parent / "templates"
ASSETS = Path(__file__).parent / "assets"
VENDOR = ASSETS / "vendor"  # front-end libraries from npm, each with its licence

# characters that could end a <script> element, open an HTML comment or a JS line break
_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


@cache
def environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def script_json(value: object) -> Markup:
    """JSON that is safe inside ``<script type="application/json">`` whatever the data."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, escaped in _JSON_ESCAPES.items():
        text = text.replace(char, escaped)
    return Markup(text)


@cache
def vis_script() -> str:
    """vis-network's standalone build, as the npm package ships it."""
    return vendor_text("vis-network", "vis-network.min.js")


@cache
def vendor_text(library: str, name: str) -> str:
    """A file of a vendored library (``assets/vendor/<library>/<name>``)."""
    text = (VENDOR / library / name).read_text(encoding="utf-8")
    if "</script" in text.lower() or "</style" in text.lower() or "<!--" in text:
        raise RuntimeError(f"{library}/{name} cannot be inlined safely")
    return text


@cache
def script_hash(code: str) -> str:
    digest = hashlib.sha256(code.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def content_policy(scripts: Sequence[str], files: bool = False, connect: bool = False) -> str:
    """CSP for a page whose only code is ``scripts`` (inlined) and, with ``files``, script
    files from its own site folder ('self' is the site folder for file: pages). With
    ``connect`` the page may fetch from its own origin (the served workbench's endpoint)."""
    allowed = " ".join(["'self'"] * files + [script_hash(code) for code in scripts]) or "'none'"
    return (
        "default-src 'none'; "
        f"script-src {allowed}; "
        + ("connect-src 'self'; " if connect else "")
        + "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
    )


@cache
def app_script(name: str) -> str:
    """One of our own small scripts (viz/assets/<name>.js)."""
    return (ASSETS / f"{name}.js").read_text(encoding="utf-8")


def render(
    template: str,
    scripts: Sequence[str] = (),
    script_files: Sequence[str] = (),
    connect: bool = False,
    **context: object,
) -> str:
    """Render ``template``; ``scripts`` are inlined verbatim, ``script_files`` are relative
    paths of script files in the site folder; the CSP allows exactly these."""
    return environment().get_template(template).render(
        csp=content_policy(scripts, bool(script_files), connect),
        script_files=script_files,
        inline_scripts=[Markup(code) for code in scripts],
        **context,
    )
