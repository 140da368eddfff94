"""Apply the furniture convention to the chrome / contamination labels of pages served by non-government hosts.

    python tests/corpus/relabel_furniture.py [--upto w0256] [--dry-run]

Convention (README.md, "Furniture on mirror pages"): on a page that is a mirror's copy, the mirror's own menus,
breadcrumbs, share/print bars, search boxes, language switches and site notices are contamination; furniture that
came with the government page (it carries government vocabulary: 索引号 block, 发布机构, an organ's name, a breadcrumb
首页 > 政务公开 > 信息公开年报, 字号 大中小 of a government CMS) and the copied article's own byline (date, 来源, 作者,
责编, counters) stay chrome.

The script is mechanical and reads labels only (the span strings and the page address), never a detector's output:
- a ``chrome_spans`` entry of a record whose ``url`` is on a non-government host is split with
  ``furniture.split_furniture``; its site parts move to ``contamination_spans``, the rest stays in ``chrome_spans``;
- a ``contamination_spans`` entry of such a record moves back to ``chrome_spans`` when every line of it is a
  government chrome line (a page label with government vocabulary) and no spam-lexicon term is in it.
Records after ``--upto`` (pages appended later) are left alone. Only counts are printed (the measure split is
never shown).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

from checker.analysis.contamination import chrome, furniture, hosts, lexicon  # noqa: E402

LEXICON = ROOT / "rules" / "gov-annual-report" / "lexicons"


def non_gov(url: str | None) -> bool:
    if not url:
        return False
    host = url.split("//", 1)[-1].split("/", 1)[0].split(":", 1)[0].lower()
    return bool(host) and "." in host and not hosts.official_host(host)


def spammy(s: str) -> bool:
    lex = lexicon.load(str(LEXICON))
    deny, _, _ = lexicon.resolve(lexicon.raw_hits(lex, furniture._nfkc(s)))
    return bool(deny)


def relabel(rec: dict) -> tuple[int, int]:
    """Move the record's spans by the convention (in place); (moved to contamination, moved back to chrome)."""
    lab = rec["labels"]
    if not non_gov(rec.get("url")):
        return 0, 0
    chrome_out: list[str] = []
    conta = list(lab["contamination_spans"])
    fwd = back = 0
    for entry in lab["chrome_spans"]:
        parts = furniture.split_furniture(entry)
        if not any(kind == "site" for _, _, kind, _ in parts):
            chrome_out.append(entry)
            continue
        for a, b, kind, _ in parts:
            piece = entry[a:b]
            if kind == "site":
                fwd += 1
                if piece not in conta:
                    conta.append(piece)
            elif piece not in chrome_out:
                chrome_out.append(piece)
    kept = []
    for s in conta:
        lines = [ln for ln in s.split("\n") if ln.strip()]
        parts = furniture.split_furniture(s)
        if (lines and len(parts) == 1 and parts[0][2] == "gov" and all(chrome.is_chrome_line(furniture._nfkc(ln))
                                                                       for ln in lines) and not spammy(s)):
            back += 1
            if s not in chrome_out:
                chrome_out.append(s)
            continue
        kept.append(s)
    lab["chrome_spans"], lab["contamination_spans"] = chrome_out, kept
    return fwd, back


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--upto", default="w0256", help="last record id the convention is applied to")
    ap.add_argument("--dry-run", action="store_true", help="count only, write nothing")
    args = ap.parse_args(argv)
    for split in ("tune", "measure"):
        path = HERE / f"{split}.jsonl"
        recs = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
        fwd = back = touched = 0
        for r in recs:
            if r["id"] > args.upto:
                continue
            f, b = relabel(r)
            fwd, back, touched = fwd + f, back + b, touched + bool(f or b)
        print(f"{split}: {fwd} chrome part(s) moved to contamination, {back} span(s) moved back to chrome, "
              f"{touched} record(s)")
        if not args.dry_run:
            path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
