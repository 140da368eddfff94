"""Append hand-labelled pages to the corpus.

    python tests/corpus/add.py STAGING.jsonl [--dry-run]
    python tests/corpus/add.py --official STAGING.jsonl [--dry-run]   # clean official pages -> official.jsonl

STAGING.jsonl holds one compact object per page, typed by the labeller:
  url, text (the excerpt exactly as the search tool returned it), k (contamination kinds, [] = clean),
  s (contamination spans), c (chrome spans), n (notes), y (report year), lv (level), f (format), t (title),
  per (period statement; omitted = derived, "" = none), pok (period_ok override), sec (sections override),
  auto (list: "pinyin" adds every pinyin token as its own span, "stars" every ★/☆ run, "qmarks" every ?? run).
Derived fields (sections, period, year, format) are printed for review.  New pages get the next ids and go to
tune.jsonl / measure.jsonl by the split rule of corpuslib (existing pages never move).
With ``--official`` the pages must be clean (no kinds, no spans) and served by an official host; they get the next
``o`` ids and are appended to official.jsonl (its official-tune / official-measure halves are computed from the
records by the same rule), after the same URL and near-duplicate checks against tune, measure, the dev corpus and
official.jsonl itself.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpuslib as cl  # noqa: E402

DEV = cl.HERE.parent.parent.parent / "shared" / "corpus" / "real-excerpts-dev.jsonl"
NUM = "一二三四五六七八九十"
SEC_RE = re.compile(r"(?:^|(?<=[\s。|]))([一二三四五六七八九十]{1,2}、[^\s。，,;；:：|]{2,40})", re.M)
TABLE_ROW = ("申请数量", "办理结果", "申請數量", "辦理結果", "结转", "結轉")
PER_RE = re.compile(r"[^。，,；;\n]*?(?:统计|統計|数据|數據|期限|周期)[^。；;\n]*?\d{1,2}月\d{1,2}日[^。；;\n]*?\d{1,2}月\d{1,2}日止?")


def sections(text):
    out = []
    for m in SEC_RE.finditer(text):
        s = m.group(1)
        if any(w in s for w in TABLE_ROW) or s in out:
            continue
        out.append(s)
    return out


def period(text):
    m = PER_RE.search(text)
    return m.group(0).strip() if m else None


def period_ok(stmt, year):
    if stmt is None:
        return None
    if year is None:
        return False
    ys = {int(y) for y in re.findall(r"(\d{4})年", stmt)}
    return bool(re.search(r"1月1日", stmt) and re.search(r"12月31日", stmt) and ys <= {year} and ys)


def guess_year(text, stmt):
    if stmt:
        ys = re.findall(r"(\d{4})年", stmt)
        if ys:
            return int(ys[0])
    m = re.search(r"(20\d\d)年(?:度)?[^。\n]{0,30}?(?:政府信息公[开開]|信息公[开開])(?:工作)?年度?[报報]告", text)
    if m:
        return int(m.group(1))
    m = re.search(r"(20\d\d)年", text)
    return int(m.group(1)) if m else None


def guess_format(text, year):
    if re.search(r"〔2021〕30|本年制发件数|本年制發件數|第二十条第|第二十條第", text):
        return "2021"
    if re.search(r"本年新制作数量|本年新製作數量|〔2019〕60", text):
        return "2019"
    if re.search(r"一、概述|一、概況|一、概况", text):
        return "pre2019"
    if year is None:
        return "unknown"
    return "2021" if year >= 2021 else "2019" if year >= 2019 else "pre2019"


def build(st: dict) -> dict:
    text = st["text"]
    spans = list(st.get("s", []))
    auto = st.get("auto", [])
    if "pinyin" in auto:
        for tok in cl.PINYIN_RE.findall(text):
            if tok not in spans:
                spans.append(tok)
    if "stars" in auto:
        for tok in re.findall(r"[★☆]+", text):
            if tok not in spans:
                spans.append(tok)
    if "qmarks" in auto:
        for tok in sorted(set(re.findall(r"\?{2,}", text)), key=len, reverse=True):
            if tok not in spans:
                spans.append(tok)
    stmt = st["per"] if "per" in st else period(text)
    stmt = stmt or None
    year = st["y"] if "y" in st else guess_year(text, stmt)
    pok = st["pok"] if "pok" in st else period_ok(stmt, year)
    kinds = st.get("k", [])
    return {
        "id": None, "url": st.get("url"), "source": "pages", "title": st.get("t"), "report_year": year,
        "level": st.get("lv", "unknown"), "format": st.get("f") or guess_format(text, year), "text": text,
        "labels": {
            "contaminated": bool(kinds), "contamination_spans": spans, "chrome_spans": st.get("c", []),
            "period_statement": stmt, "period_ok": pok, "sections_seen": st.get("sec", sections(text)),
            "notes": st.get("n", ""), "contamination_kind": kinds,
        },
    }


def known():
    """(urls, shingle sets) of the dev corpus and the corpus so far."""
    recs = cl.load_all()
    dev = [json.loads(x) for x in DEV.read_text(encoding="utf-8").splitlines() if x.strip()] if DEV.exists() else []
    return recs, dev


REPORT_RE = re.compile(r"年度[报報]告|年[报報]")


def main_official(stage: list[dict], dry: bool) -> int:
    recs, dev = known()
    offi = cl.load_official()
    seen_urls = {r["url"].rstrip("/") for r in recs + dev + offi if r.get("url")}
    sh = [(r["id"], cl.shingles(r["text"])) for r in recs + dev + offi]
    nxt = max([int(r["id"][1:]) for r in offi] + [0]) + 1
    new, bad = [], 0
    for st in stage:
        # the report format only means something for an annual report; other page kinds are "unknown"
        fmt = st.get("f") or (None if REPORT_RE.search(st["text"]) else "unknown")
        rec = build({**st, "k": [], "s": [], "f": fmt})
        errs = cl.check_official({**rec, "id": "o0000"})
        if rec["url"] and rec["url"].rstrip("/") in seen_urls:
            errs.append("duplicate url")
        s = cl.shingles(rec["text"])
        dups = [i for i, o in sh if cl.jaccard(s, o) >= cl.NEAR_DUP]
        if dups:  # ids only: a measure page's text is never printed
            errs.append(f"near-duplicate of {dups}")
        print(f"--- {rec['url']}\n  y={rec['report_year']} f={rec['format']} lv={rec['level']} "
              f"per={rec['labels']['period_statement']!r} ok={rec['labels']['period_ok']}")
        if errs:
            bad += 1
            print("  !!", errs)
            continue
        rec["id"] = f"o{nxt:04d}"
        nxt += 1
        seen_urls.add((rec["url"] or "").rstrip("/"))
        sh.append((rec["id"], s))
        new.append(rec)
    print(f"{len(new)} ok, {bad} rejected")
    if dry or not new:
        return 1 if bad else 0
    before = cl.assign_official(offi)
    after = cl.assign_official(offi + new)
    assert not [i for i, s in before.items() if after[i] != s]
    with cl.OFFICIAL.open("a", encoding="utf-8") as fh:
        fh.write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in new))
    print("added", ", ".join(r["id"] for r in new))
    return 1 if bad else 0


def main(argv):
    dry = "--dry-run" in argv
    if "--official" in argv:
        path = [a for a in argv if not a.startswith("--")][0]
        return main_official([json.loads(x) for x in Path(path).read_text(encoding="utf-8").splitlines()
                              if x.strip()], dry)
    path = [a for a in argv if not a.startswith("--")][0]
    stage = [json.loads(x) for x in Path(path).read_text(encoding="utf-8").splitlines() if x.strip()]
    recs, dev = known()
    seen_urls = {r["url"] for r in recs + dev if r.get("url")}
    sh = [(r["id"], cl.shingles(r["text"])) for r in recs + dev]
    nxt = max([int(r["id"][1:]) for r in recs] + [0]) + 1
    new, bad = [], 0
    for st in stage:
        rec = build(st)
        errs = cl.check_record({**rec, "id": "w0000"})
        if rec["url"] and rec["url"] in seen_urls:
            errs.append("duplicate url")
        s = cl.shingles(rec["text"])
        dups = [i for i, o in sh if cl.jaccard(s, o) >= cl.NEAR_DUP]
        if dups:
            errs.append(f"near-duplicate of {dups}")
        lab = rec["labels"]
        print(f"--- {rec['url']}\n  kinds={lab['contamination_kind']} y={rec['report_year']} f={rec['format']} "
              f"lv={rec['level']} spans={len(lab['contamination_spans'])}\n  per={lab['period_statement']!r} "
              f"ok={lab['period_ok']}\n  sec={lab['sections_seen']}")
        if errs:
            bad += 1
            print("  !!", errs)
            continue
        rec["id"] = f"w{nxt:04d}"
        nxt += 1
        seen_urls.add(rec["url"])
        sh.append((rec["id"], s))
        new.append(rec)
    print(f"{len(new)} ok, {bad} rejected")
    if dry or not new:
        return 1 if bad else 0
    allrecs = recs + new
    before = {r["id"]: s for s in cl.SPLITS for r in cl.load(s)}
    split = cl.assign(allrecs)
    moved = [i for i, s in before.items() if split[i] != s]
    assert not moved, moved
    for s in cl.SPLITS:
        rows = [r for r in allrecs if split[r["id"]] == s]
        (cl.HERE / f"{s}.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                                            encoding="utf-8")
    print("added", ", ".join(r["id"] for r in new))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
