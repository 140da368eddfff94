"""CLI contracts through a subprocess: exit codes, bad input, JSON contract, commands."""

import json

import pytest

from conftest import SEED

CLEAN_REPORT = """某某县人民政府2023年政府信息公开工作年度报告

本年度报告中所列数据统计期限为2023年1月1日至2023年12月31日。

一、总体情况
2023年，某某县人民政府认真贯彻落实《中华人民共和国政府信息公开条例》。
二、主动公开政府信息情况
本年主动公开政府信息1200条。
第二十条第（一）项
信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数
规章 0 0 0
行政规范性文件 1 0 5
第二十条第（五）项
信息内容 | 本年处理决定数量
行政许可 0
第二十条第（六）项
信息内容 | 本年处理决定数量
行政处罚 0
行政强制 0
第二十条第（八）项
信息内容 | 本年收费金额（单位：万元）
行政事业性收费 0
三、收到和处理政府信息公开申请情况
本年新收申请12件。
（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）
申请人情况
自然人 | 法人或其他组织 | 总计
商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他
一、本年新收政府信息公开申请数量 12 0 0 0 0 0 12
二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0
三、本年度办理结果 （一）予以公开 10 0 0 0 0 0 10
（二）部分公开（区分处理的，只计这一情形，不计其他情形） 2 0 0 0 0 0 2
（三）不予公开 1.属于国家秘密 0 0 0 0 0 0 0
2.其他法律行政法规禁止公开 0 0 0 0 0 0 0
3.危及“三安全一稳定” 0 0 0 0 0 0 0
4.保护第三方合法权益 0 0 0 0 0 0 0
5.属于三类内部事务信息 0 0 0 0 0 0 0
6.属于四类过程性信息 0 0 0 0 0 0 0
7.属于行政执法案卷 0 0 0 0 0 0 0
8.属于行政查询事项 0 0 0 0 0 0 0
（四）无法提供 1.本机关不掌握相关政府信息 0 0 0 0 0 0 0
2.没有现成信息需要另行制作 0 0 0 0 0 0 0
3.补正后申请内容仍不明确 0 0 0 0 0 0 0
（五）不予处理 1.信访举报投诉类申请 0 0 0 0 0 0 0
2.重复申请 0 0 0 0 0 0 0
3.要求提供公开出版物 0 0 0 0 0 0 0
4.无正当理由大量反复申请 0 0 0 0 0 0 0
5.要求行政机关确认或重新出具已获取信息 0 0 0 0 0 0 0
（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 0 0 0 0 0 0 0
2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 0 0 0 0 0 0 0
3.其他 0 0 0 0 0 0 0
（七）总计 12 0 0 0 0 0 12
四、结转下年度继续办理 0 0 0 0 0 0 0
四、政府信息公开行政复议、行政诉讼情况
未发生行政复议、行政诉讼。
行政复议 | 行政诉讼
结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉
结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计
0 0 0 0 0 0 0 0 0 0 0 0 0 0 0

五、存在的主要问题及改进情况
存在问题：公开质量有待提高。改进措施：加强培训。
六、其他需要报告的事项
本年度未收取信息处理费。
"""


def check_contract(doc, texts):
    assert set(doc) == {"tool", "files", "summary"}
    assert doc["tool"]["name"] == "reportlint" and len(doc["tool"]["rules_sha256"]) == 64
    assert set(doc["summary"]) == {"files", "errors", "warnings", "infos"}
    for f in doc["files"]:
        assert set(f) >= {"path", "sha256", "format", "pack", "facts", "error", "findings", "not_assessed"}
        for x in f["findings"]:
            assert set(x) == {"code", "name", "severity", "message", "match", "location", "evidence", "fix",
                              "fingerprint"}
            loc = x["location"]
            assert {"start", "end", "line", "column", "page", "section", "table", "row", "col"} <= set(loc)
            assert x["severity"] in ("error", "warning", "info")
            text = texts[f["path"]]
            assert text[loc["start"]:loc["end"]] == x["match"]
            if x["fix"]:
                assert x["fix"]["safety"] in ("safe", "unsafe", "display-only")


def test_json_contract_matches_extract(cli):
    r = cli("check", SEED, "--format", "json")
    doc = json.loads(r.stdout)
    text = cli("extract", SEED).stdout
    # extract prints the text plus a final newline
    check_contract(doc, {str(SEED): text[:-1] if text.endswith("\n") else text})


def test_clean_report_exits_0(cli, tmp_path):
    p = tmp_path / "ok.txt"
    p.write_text(CLEAN_REPORT, encoding="utf-8")
    r = cli("check", p, "--format", "json")
    doc = json.loads(r.stdout)
    assert r.returncode == 0, doc
    assert doc["summary"]["errors"] == 0


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_encodings_and_crlf(cli, tmp_path, encoding):
    p = tmp_path / "r.txt"
    p.write_bytes(CLEAN_REPORT.replace("\n", "\r\n").encode(encoding))
    r = cli("check", p, "--format", "json")
    f = json.loads(r.stdout)["files"][0]
    assert f["facts"]["year"] == 2023 and f["facts"]["period"]["end"] == "2023-12-31"
    assert r.returncode == 0


def test_stdin(cli):
    r = cli("check", "-", "--format", "json", input=SEED.read_text(encoding="utf-8"))
    assert r.returncode == 1
    assert json.loads(r.stdout)["files"][0]["facts"]["year"] == 2023


def test_directory_walk(cli, tmp_path):
    (tmp_path / "a.txt").write_text(CLEAN_REPORT, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_bytes(SEED.read_bytes())
    r = cli("check", tmp_path, "--format", "json")
    doc = json.loads(r.stdout)
    assert doc["summary"]["files"] == 2 and r.returncode == 1


def one_line_error(r):
    assert r.returncode == 2
    assert "Traceback" not in r.stderr
    lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, r.stderr
    return lines[0]


def test_missing_path(cli, tmp_path):
    assert "E001" in one_line_error(cli("check", tmp_path / "nope.txt"))


def test_empty_file(cli, tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    assert "E002" in one_line_error(cli("check", p))


def test_binary_named_txt(cli, tmp_path):
    p = tmp_path / "bin.txt"
    p.write_bytes(bytes(range(256)) * 20)
    assert "E003" in one_line_error(cli("check", p))


def test_unknown_zip(cli, tmp_path):
    import zipfile

    p = tmp_path / "x.docx"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("hello.txt", "hi")
    assert "E003" in one_line_error(cli("check", p))


def test_usage_errors(cli):
    r = cli("check", SEED, "--format", "nope")
    assert r.returncode == 2 and "Traceback" not in r.stderr
    r = cli("explain", "GOV-Z999")
    assert r.returncode == 2 and "GOV-Z999" in r.stderr


def test_rules_lists_catalogue(cli):
    r = cli("rules")
    assert r.returncode == 0
    lines = r.stdout.splitlines()
    assert any(ln.startswith("GOV-K001") and "implemented" in ln for ln in lines)
    assert any(ln.startswith("GOV-T001") for ln in lines)


def test_explain_prints_doc(cli):
    r = cli("explain", "GOV-K001")
    assert r.returncode == 0
    for h in ("检查什么", "为何", "示例", "依据"):
        assert h in r.stdout


def test_lang_en(cli):
    r = cli("check", SEED, "--format", "json", "--lang", "en")
    msgs = [x["message"] for x in json.loads(r.stdout)["files"][0]["findings"]]
    assert any("advertisement" in m for m in msgs)


def test_select_and_fail_on(cli):
    r = cli("check", SEED, "--format", "json", "--select", "GOV-K003")
    doc = json.loads(r.stdout)
    assert {x["code"] for x in doc["files"][0]["findings"]} == {"GOV-K003"}
    assert r.returncode == 0  # K003 is a warning
    r = cli("check", SEED, "--select", "GOV-K003", "--fail-on", "warning")
    assert r.returncode == 1


def test_html_input(cli, tmp_path):
    page = ("<html><head><title>某某镇人民政府2023年政府信息公开工作年度报告</title>"
            "<style>.h{display:none}</style></head><body>"
            "<div class='nav'>首页 &gt; 政务公开 当前位置</div>"
            "<div id='zoom'><h1>某某镇人民政府2023年政府信息公开工作年度报告</h1>"
            "<p>本年度报告中所列数据统计期限为2023年1月1日至2023年12月31日。</p>"
            "<p class='h'>澳门新葡京官网入口</p><script>var x='麻将胡了';</script>"
            "<table><tr><td rowspan='2'>行政复议</td><td>结果维持</td></tr><tr><td>0</td></tr></table>"
            "<p>各村利用信息公开栏、村民微信群等渠道公开信息。</p></div>"
            "<div class='footer'>版权所有：某某镇人民政府 网站地图</div></body></html>")
    p = tmp_path / "page.pdf"  # sniffed by content, not by extension
    p.write_text(page, encoding="utf-8")
    ex = cli("extract", p, "--json")
    d = json.loads(ex.stdout)
    assert d["format"] == "html"
    kinds = {b["kind"] for b in d["blocks"]}
    assert {"table", "hidden", "chrome"} <= kinds
    assert "麻将胡了" not in d["text"]  # scripts are not text
    table = [b for b in d["blocks"] if b["kind"] == "table"][0]
    assert [0, 0, 2, 1, "行政复议"] in table["cells"]
    r = cli("check", p, "--format", "json")
    f = json.loads(r.stdout)["files"][0]
    assert f["facts"]["year"] == 2023 and f["facts"]["period"]["start"] == "2023-01-01"
