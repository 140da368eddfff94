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
