"""HTML pages (a saved government page): visible text in reading order, tables with spans, chrome and hidden text.

Parsed with selectolax (lexbor). The content container is a known CMS container (``#zoom``, ``.TRS_Editor`` …) or
else the smallest element holding most of the page's Chinese text; text outside it is kept as *chrome* blocks
(title-like lines outside it as *title* blocks). ``<script>``/``<style>`` are dropped; elements hidden by inline
style, by the ``hidden``/``aria-hidden`` attributes or by classes/ids that the page's ``<style>`` hides are kept as
*hidden* blocks with the reason, so the contamination pass can report spam in them while the rules never read them.
The walk is iterative, so deep nesting cannot exhaust the stack.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

from ..document import CHROME, HEADING, HIDDEN, PARAGRAPH, TABLE, TITLE, Block, Cell, Document, Table, assemble
from ..errors import ExtractError
from .text import decode

SKIP = frozenset({"script", "style", "template", "head", "svg", "object", "embed", "select", "option", "button",
                  "input", "textarea", "iframe", "canvas", "map", "audio", "video", "-comment", "link", "meta"})
HIDDEN_TAGS = frozenset({"noscript", "noframes"})
BLOCK_TAGS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article",
                        "header", "footer", "nav", "aside", "main", "blockquote", "pre", "dl", "dt", "dd", "form",
                        "center", "address", "figure", "figcaption", "hr", "br", "body", "html", "caption",
                        "fieldset", "legend", "details", "summary", "marquee"})
FLUSH_TAGS = BLOCK_TAGS | {"table", "tbody", "thead", "tfoot", "tr", "td", "th"}
HEADING_TAGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
CONTAINERS = ("#zoom", "#Zoom", ".TRS_Editor", "#UCAP-CONTENT", ".article-content", "#content", ".content",
              "#article", ".article", "article", ".wzcon", ".xxgk-content", ".view", ".pages_content",
              ".main-content", "#main", "main")
HAN = re.compile(r"[\u3400-\u9fff]")
CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
MAX_SPAN = 1000

_HIDE_DECL = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*(?:0*\.\d+|[01](?:\.0+)?)(?:px|pt)?\s*(?:;|$|!)"
    r"|opacity\s*:\s*0(?:\.0+)?\s*(?:;|$|!)|(?:left|top|text-indent|margin-left|margin-top)\s*:\s*-\d{3,}", re.I)
_TINY_BOX = re.compile(r"(?:^|;)\s*(?:height|width|line-height)\s*:\s*[01](?:\.\d+)?(?:px)?\s*(?:;|$|!)", re.I)
_OVERFLOW_HIDDEN = re.compile(r"overflow\s*:\s*hidden", re.I)
_COLOR = re.compile(r"(?:^|;)\s*color\s*:\s*([#\w(),. ]+?)\s*(?:;|$|!)", re.I)
_BG = re.compile(r"background(?:-color)?\s*:\s*([#\w(),. ]+?)\s*(?:;|$|!)", re.I)
_SCRIPT_HIDE = re.compile(r"""getElementById\(\s*['"]([\w\-]+)['"]\s*\)\.style\.(?:display\s*=\s*['"]none|visibility\s*=\s*['"]hidden)""")


def _norm_colour(c: str) -> str:
    c = c.strip().lower().replace(" ", "")
    m = re.fullmatch(r"#([0-9a-f])([0-9a-f])([0-9a-f])", c)
    if m:
        c = "#" + "".join(x * 2 for x in m.groups())
    return {"white": "#ffffff", "black": "#000000", "#fff": "#ffffff", "#000": "#000000"}.get(c, c)


def hidden_reason(style: str | None, bg: str | None = None) -> str | None:
    """Why an inline style hides an element (spec/contamination.md §4.11), else None."""
    if not style:
        return None
    m = _HIDE_DECL.search(style)
    if m:
        return m.group(0).strip().rstrip(";")
    if _TINY_BOX.search(style) and _OVERFLOW_HIDDEN.search(style):
        return "box of ≤1px with overflow hidden"
    col = _COLOR.search(style)
    if col:
        own_bg = _BG.search(style)
        back = own_bg.group(1) if own_bg else bg
        if back and _norm_colour(col.group(1)) == _norm_colour(back):
            return f"text colour {col.group(1).strip()} on the same background"
    return None


def _css_hidden(tree: LexborHTMLParser) -> dict[str, str]:
    """Simple selectors (.class / #id) that the page's own <style> hides, and ids hidden by inline script."""
    out: dict[str, str] = {}
    for sc in tree.css("script"):
        for i in _SCRIPT_HIDE.findall(sc.text(deep=True) or ""):
            out["script:" + i] = "script"
    for st in tree.css("style"):
        css = st.text(deep=True) or ""
        for sel, body in re.findall(r"(?:^|(?<=[{}]))([^{}]+)\{([^{}]*)\}", css):
            reason = hidden_reason(body)
            if not reason:
                continue
            for s in sel.split(","):
                s = s.strip()
                if re.fullmatch(r"[.#][\w\-]+", s):
                    out[s] = reason
    return out


def _decode_html(data: bytes) -> tuple[str, str]:
    m = CHARSET.search(data[:4096])
    if m:
        enc = m.group(1).decode("ascii", "ignore").lower()
        if enc in ("gb2312", "gbk"):
            enc = "gb18030"
        try:
            return data.decode(enc), enc
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data)


HAN_BREAK = re.compile(r"(?<=[\u3400-\u9fff，。、；：])[^\S\n]*\n\s*(?=[\u3400-\u9fff，。、；：])")
WS_RUN = re.compile(r"[ \t\r\n\f\v]+")


def _clean_ws(s: str) -> str:
    s = s.replace("\xa0", " ").replace("\u3000", " ")
    # a line break in the source between two Han characters is not a space
    s = HAN_BREAK.sub("", s)
    return WS_RUN.sub(" ", s).strip()


def _node_hidden(node, css_hidden: dict[str, str], bg: str | None = None) -> str | None:
    attrs = node.attributes
    if "hidden" in attrs:
        return "hidden attribute"
    if (attrs.get("aria-hidden") or "").lower() == "true":
        return "aria-hidden"
    r = hidden_reason(attrs.get("style"), bg)
    if r:
        return r
    i = attrs.get("id")
    if i and "script:" + i in css_hidden:
        return f"#{i} hidden by script"
    if css_hidden:
        for c in (attrs.get("class") or "").split():
            if "." + c in css_hidden:
                return f".{c} {{{css_hidden['.' + c]}}}"
        i = attrs.get("id")
        if i and "#" + i in css_hidden:
            return f"#{i} {{{css_hidden['#' + i]}}}"
    if node.tag == "marquee":
        h, w = attrs.get("height") or "", attrs.get("width") or ""
        amount = attrs.get("scrollamount") or ""
        if (h.isdigit() and int(h) <= 5) or (w.isdigit() and int(w) <= 5):
            return "marquee of ≤5px"
        if amount.isdigit() and int(amount) >= 1000:
            return "marquee scrolling too fast to read"
    return None


def _table(node) -> Table:
    """Cells of this table (not of nested tables), placed on a grid by their row/col spans."""
    rows = []
    stack = [node]
    first = True
    while stack:
        n = stack.pop()
        if n.tag == "table" and not first:
            continue
        first = False
        if n.tag == "tr":
            rows.append(n)
            continue
        stack.extend(reversed([c for c in n.iter() if c.tag not in ("-text", "-comment")]))
    occupied: set[tuple[int, int]] = set()
    cells: list[Cell] = []
    n_cols = 0
    for r, tr in enumerate(rows):
        c = 0
        for td in tr.iter():
            if td.tag not in ("td", "th"):
                continue
            while (r, c) in occupied:
                c += 1
            rs = _int(td.attributes.get("rowspan"))
            cs = _int(td.attributes.get("colspan"))
            text = _clean_ws(td.text(deep=True, separator=" ") or "")
            cells.append(Cell(r, c, text, rs, cs))
            for dr in range(rs):
                for dc in range(cs):
                    occupied.add((r + dr, c + dc))
            c += cs
            n_cols = max(n_cols, c)
    n_rows = max([r + 1 for r, _ in occupied] + [len(rows)]) if rows else 0
    return Table(cells=cells, n_rows=n_rows, n_cols=n_cols)


def _is_layout(node) -> bool:
    """A table used for page layout (nested tables, paragraphs in cells, long cells), not a data table."""
    if node.css_first("table table, td h1, td h2, td h3"):
        return True
    return any(len(td.text(deep=True) or "") > 300 for td in node.css("td"))


def _int(v: str | None) -> int:
    try:
        return max(1, min(MAX_SPAN, int(str(v).strip())))
    except (TypeError, ValueError):
        return 1


def _content_root(tree: LexborHTMLParser, body):
    total = len(HAN.findall(body.text(deep=True, separator="") or ""))
    if total == 0:
        return body
    for sel in CONTAINERS:
        for n in tree.css(sel):
            if len(HAN.findall(n.text(deep=True, separator="") or "")) >= 0.3 * total:
                return n
    # the smallest block element holding >= 60 % of the page's Han characters
    best = body
    node = body
    while True:
        kids = [k for k in node.iter() if k.tag in BLOCK_TAGS or k.tag in ("td", "table", "tbody", "tr", "span", "font")]
        nxt = None
        for k in kids:
            if len(HAN.findall(k.text(deep=True, separator="") or "")) >= 0.6 * total:
                nxt = k
                break
        if nxt is None or nxt.tag in ("td", "table", "tbody", "tr", "span", "font"):
            break
        best = node = nxt
    return best


SAVED_FROM = re.compile(r"<!--\s*(?:saved from url=\(\d+\)|Page saved with SingleFile\s*url:)\s*(https?://[^\s>]{1,500})",
                        re.I)


def page_address(text: str, tree) -> str | None:
    """The address the page was served from, as the page itself records it: the browser's ``saved from url``
    comment (or SingleFile's), else ``<link rel=canonical>``, ``og:url`` or ``<meta name=url>``; absolute http(s)
    addresses only. The contamination pass reads it like the ``source_url`` option (a page a mirror served)."""
    m = SAVED_FROM.search(text[:4096])
    cands = [m.group(1)] if m else []
    for node, attr in ((tree.css_first('link[rel="canonical"]'), "href"),
                       (tree.css_first('meta[property="og:url"]'), "content"),
                       (tree.css_first('meta[name="url"]') or tree.css_first('meta[name="URL"]'), "content")):
        if node is not None:
            cands.append((node.attributes.get(attr) or "").strip())
    for c in cands:
        if re.match(r"https?://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?:[:/?#]|$)", c):
            return c[:500]
    return None


def extract(data: bytes, name: str) -> Document:
    text, encoding = _decode_html(data)
    tree = LexborHTMLParser(text)
    body = tree.body
    if body is None:
        raise ExtractError("E003", "HTML without a body")
    meta: dict[str, str] = {}
    t = tree.css_first("title")
    if t is not None and t.text(deep=True).strip():
        meta["title"] = _clean_ws(t.text(deep=True))
    for m in tree.css("meta[name]"):
        k = (m.attributes.get("name") or "").strip()
        v = (m.attributes.get("content") or "").strip()
        if k and v and k.lower() in ("articletitle", "pubdate", "contentsource", "sitename", "description",
                                     "keywords", "columnname", "firstimg", "url"):
            meta[k] = v
    url = page_address(text, tree)
    if url:
        meta["url"] = url
    css_hidden = _css_hidden(tree)
    root = _content_root(tree, body)
    root_id = root.mem_id

    blocks: list[Block] = []
    buf: list[str] = []
    buf_ctx: list = [None]  # (zone, hidden_reason, heading_level, node_path)
    buf_hrefs: list[str] = []
    pending_hrefs: list[str] = []
    bg_of: dict[int, str | None] = {}

    def flush():
        hrefs = list(buf_hrefs)
        buf_hrefs.clear()
        if buf:
            txt = _clean_ws("".join(buf))
            buf.clear()
            ctx = buf_ctx[0]
            if txt and ctx is not None:
                zone, reason, level, path = ctx
                if reason:
                    kind = HIDDEN
                elif zone == "chrome":
                    kind = TITLE if ("报告" in txt or "報告" in txt) and len(txt) <= 80 and level else CHROME
                else:
                    kind = HEADING if level else PARAGRAPH
                blocks.append(Block(kind, txt, node=path, level=level if kind == HEADING else None, reason=reason,
                                    hrefs=hrefs or None))
        buf_ctx[0] = None

    # iterative walk: ("enter", node, zone, hidden, level, path) / ("exit", node)
    stack: list[tuple] = [("enter", body, "chrome", None, None, "body")]
    while stack:
        item = stack.pop()
        if item[0] == "exit":
            if item[1] in FLUSH_TAGS or item[1] in HEADING_TAGS:
                flush()
            continue
        _, node, zone, hidden, level, path = item
        tag = node.tag
        if tag == "-text":
            s = node.text_content or ""
            if s.strip() or buf:
                ctx = (zone, hidden, level, path)
                if buf_ctx[0] is not None and buf_ctx[0][:3] != ctx[:3]:
                    flush()
                if buf_ctx[0] is None:
                    buf_ctx[0] = ctx
                buf.append(s)
                if pending_hrefs and s.strip():
                    buf_hrefs.extend(pending_hrefs)
                    pending_hrefs.clear()
            continue
        if tag in SKIP:
            continue
        if node.mem_id == root_id:
            zone = "body"
        parent = node.parent
        style = node.attributes.get("style") or ""
        own_bg = _BG.search(style)
        bg = own_bg.group(1) if own_bg else (bg_of.get(parent.mem_id) if parent is not None else None)
        bg_of[node.mem_id] = bg
        if tag == "a":
            href = (node.attributes.get("href") or "").strip()
            if href.lower().startswith(("http://", "https://", "//")):
                pending_hrefs.append(href)
        reason = hidden or _node_hidden(node, css_hidden, bg) or ("<%s>" % tag if tag in HIDDEN_TAGS else None)
        if tag in HIDDEN_TAGS:
            flush()
            inner = node.text(deep=True, separator=" ") or ""
            hrefs = re.findall(r"""href\s*=\s*["']?((?:https?:)?//[^"'\s>]+)""", inner, re.I)
            if "<" in inner:  # lexbor keeps <noscript> content as raw text
                inner = LexborHTMLParser(inner).text(separator=" ") or ""
            inner = _clean_ws(inner)
            if inner:
                blocks.append(Block(HIDDEN, inner, node=f"{path}>{tag}", reason=reason, hrefs=hrefs or None))
            continue
        if tag in HEADING_TAGS:
            level = HEADING_TAGS[tag]
        if tag == "br":
            flush()
            continue
        npath = f"{path}>{tag}"
        if tag == "table" and not reason and not _is_layout(node):
            flush()
            tb = _table(node)
            if tb.cells and any(c.text for c in tb.cells):
                if tb.n_rows == 1 or tb.n_cols == 1:  # a layout table: read its cells as paragraphs
                    for c in tb.cells:
                        if c.text:
                            kind = CHROME if zone == "chrome" else PARAGRAPH
                            blocks.append(Block(kind, c.text, node=npath))
                else:
                    kind = TABLE if zone == "body" else CHROME
                    blk = Block(kind, "\n".join(tb.text_lines()), node=npath, table=tb if kind == TABLE else None)
                    blocks.append(blk)
            continue
        if tag in FLUSH_TAGS or tag in HEADING_TAGS:
            flush()
        stack.append(("exit", tag))
        children = [c for c in node.iter(include_text=True)]
        for c in reversed(children):
            stack.append(("enter", c, zone, reason, level, npath))
    flush()
    # merge consecutive hidden fragments of one element, drop empty blocks
    doc = assemble(name, "html", [b for b in blocks if b.text], encoding=encoding)
    doc.metadata.update(meta)
    return doc
