"""`clean` cuts the same text from an HTML copy as from a text copy: a removed symbol that carries a blank
(「设∑ 施」 → 「∑ 」) takes that blank with it in the HTML source too, never a blank across a tag."""

import json
import re

import fixtures.generate as gen

SPRINKLE = [("∑ ", 5), ("◥", 12), ("∩ ", 20)]


def _sprinkled_lines(text: str) -> list[str]:
    out, n = [], 0
    for line in text.split("\n"):
        if len(line) > 40 and n < 2:
            for sym, at in sorted(SPRINKLE, key=lambda x: -x[1]):
                line = line[:at] + sym + line[at:]
            n += 1
        out.append(line)
    return out


def test_html_clean_removes_the_blank_a_removed_symbol_carries(cli, tmp_path):
    plain = gen.write_txt(gen.make_report(seed=3, year=2023), tmp_path / "plain.txt")
    lines = _sprinkled_lines(plain.read_text(encoding="utf-8"))
    page = ("<html><head><meta charset=\"utf-8\"></head><body>\n"
            + "".join(f"<p>{line}</p>\n" for line in lines) + "</body></html>\n")
    src_html, src_txt = tmp_path / "r.html", tmp_path / "r.txt"
    src_html.write_text(page, encoding="utf-8")
    src_txt.write_text("\n".join(lines), encoding="utf-8")
    out_html, out_txt, log = tmp_path / "c.html", tmp_path / "c.txt", tmp_path / "log.json"
    assert cli("clean", src_html, "-o", out_html, "--log", log).returncode == 0
    assert cli("clean", src_txt, "-o", out_txt, "--log", tmp_path / "log2.json").returncode == 0
    removed = json.loads(log.read_text(encoding="utf-8"))["removed"]
    assert {e["text"] for e in removed} >= {"∑ ", "∩ "}  # the blanks are part of what is removed
    cleaned_html = out_html.read_text(encoding="utf-8")
    paras = re.findall(r"<p>([^<]*)</p>", cleaned_html)
    cleaned_txt = out_txt.read_text(encoding="utf-8").split("\n")
    assert paras == cleaned_txt  # paragraph by paragraph, the HTML copy reads as the text copy
    assert not re.search(r"[∑◥∩]", cleaned_html)
    assert cleaned_html.count("<p>") == page.count("<p>")  # no tag lost, no blank taken across one


def _annotated_page(tmp_path, repeat: int) -> str:
    """A generated report with a tone-marked reading after every third Chinese character, ``repeat`` times over."""
    plain = gen.write_txt(gen.make_report(seed=5, year=2023), tmp_path / "plain.txt").read_text(encoding="utf-8")
    return "\n".join([gen.pinyin_annotate(plain)] * repeat)


def test_the_removal_log_grows_with_the_page_not_with_its_square(cli, tmp_path):
    """Every pinyin annotation of a page is one finding with many edits; each removal of it is logged with the
    finding's evidence but not the list of all its edits, so the log of a page with four times the annotations is
    about four times as large (it was quadratic: 80 MB for 2,000 annotations, 1.3 GB for 8,000)."""
    sizes, counts = [], []
    for repeat in (1, 4):
        text = _annotated_page(tmp_path, repeat)
        for ext in ("html", "docx"):
            src = tmp_path / f"p{repeat}.{ext}"
            if ext == "html":
                src.write_text("<html><head><meta charset=\"utf-8\"></head><body>\n"
                               + "".join(f"<p>{x}</p>\n" for x in text.split("\n")) + "</body></html>\n",
                               encoding="utf-8")
            else:
                import docx

                d = docx.Document()
                for x in text.split("\n"):
                    d.add_paragraph(x)
                d.save(src)
            log = tmp_path / f"p{repeat}.{ext}.json"
            r = cli("clean", src, "-o", tmp_path / f"c{repeat}.{ext}", "--log", log)
            assert r.returncode == 0, r.stderr
            removed = json.loads(log.read_text(encoding="utf-8"))["removed"]
            assert removed and all(e["located"] for e in removed)
            assert all(e["evidence"].get("edits_of_finding") == len(removed) for e in removed
                       if e["code"] == "GOV-K007")
            sizes.append(log.stat().st_size)
            counts.append(len(removed))
    assert counts[2] >= 3.5 * counts[0] and counts[3] >= 3.5 * counts[1]
    assert sizes[2] / sizes[0] < 4.8 and sizes[3] / sizes[1] < 4.8, sizes
