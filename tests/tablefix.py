"""Small builders of the three statistical tables (F2021 layout) as flattened text, pipe rows or HTML, from the
numbers a test gives; cells not given are 0. Used by the table tests (not a fixture generator: no files)."""

from __future__ import annotations

T2_ROWS = [("第二十条第（一）项", None), ("信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数", None),
           ("规章", "regulations"), ("行政规范性文件", "normative"),
           ("第二十条第（五）项", None), ("信息内容 | 本年处理决定数量", None), ("行政许可", "licensing"),
           ("第二十条第（六）项", None), ("信息内容 | 本年处理决定数量", None), ("行政处罚", "punishment"),
           ("行政强制", "enforcement"),
           ("第二十条第（八）项", None), ("信息内容 | 本年收费金额（单位：万元）", None), ("行政事业性收费", "fees")]
T2_NCOLS = {"regulations": 3, "normative": 3, "licensing": 1, "punishment": 1, "enforcement": 1, "fees": 1}

T3_ROWS = [
    ("一、本年新收政府信息公开申请数量", "new"), ("二、上年结转政府信息公开申请数量", "carried"),
    ("三、本年度办理结果 （一）予以公开", "r1"), ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "r2"),
    ("（三）不予公开 1.属于国家秘密", "r3_1"), ("2.其他法律行政法规禁止公开", "r3_2"), ("3.危及“三安全一稳定”", "r3_3"),
    ("4.保护第三方合法权益", "r3_4"), ("5.属于三类内部事务信息", "r3_5"), ("6.属于四类过程性信息", "r3_6"),
    ("7.属于行政执法案卷", "r3_7"), ("8.属于行政查询事项", "r3_8"),
    ("（四）无法提供 1.本机关不掌握相关政府信息", "r4_1"), ("2.没有现成信息需要另行制作", "r4_2"),
    ("3.补正后申请内容仍不明确", "r4_3"),
    ("（五）不予处理 1.信访举报投诉类申请", "r5_1"), ("2.重复申请", "r5_2"), ("3.要求提供公开出版物", "r5_3"),
    ("4.无正当理由大量反复申请", "r5_4"), ("5.要求行政机关确认或重新出具已获取信息", "r5_5"),
    ("（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "r6_1"),
    ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "r6_2"), ("3.其他", "r6_3"),
    ("（七）总计", "r7_total"), ("四、结转下年度继续办理", "carry_next")]
T3_COLS = ["natural", "commercial", "research", "public_interest", "legal_services", "other_org", "total"]
T3_HEAD = ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况",
           "自然人 | 法人或其他组织 | 总计", "商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他"]
T4_HEAD = ["行政复议 | 行政诉讼", "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉",
           "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计"]


def t3_consistent(rows: dict[str, list[int]]) -> dict[str, list[int]]:
    """Fill the 总计 column of every given row (sum of the six applicant columns)."""
    out = {}
    for k, v in rows.items():
        v = list(v) + [0] * (6 - len(v[:6]))
        out[k] = v[:6] + [sum(v[:6])]
    return out


def _cells(rows: dict, key: str, n: int) -> list[str]:
    v = rows.get(key)
    if v is None:
        return ["0"] * n
    return [str(x) for x in v]


def text_tables(t2: dict | None = None, t3: dict | None = None, t4: list | None = None, sep: str = " ") -> str:
    """The three tables as flattened text (label then numbers on one line, cells separated by ``sep``)."""
    t2, t3 = t2 or {}, t3 or {}
    lines = ["二、主动公开政府信息情况"]
    for label, key in T2_ROWS:
        lines.append(label if key is None else sep.join([label] + _cells(t2, key, T2_NCOLS[key])))
    lines.append("三、收到和处理政府信息公开申请情况")
    lines.extend(T3_HEAD)
    for label, key in T3_ROWS:
        lines.append(sep.join([label] + _cells(t3, key, 7)))
    lines.append("四、政府信息公开行政复议、行政诉讼情况")
    lines.extend(T4_HEAD)
    lines.append(sep.join(str(x) for x in (t4 or [0] * 15)))
    return "\n".join(lines) + "\n"


def html_tables(t2: dict | None = None, t3: dict | None = None, t4: list | None = None) -> str:
    """The three tables as HTML <table> elements (with the row/col spans of the official layout for T3/T4)."""
    t2, t3 = t2 or {}, t3 or {}
    td = lambda s, **kw: "<td" + "".join(f' {k}="{v}"' for k, v in kw.items()) + f">{s}</td>"
    out = ["<h2>二、主动公开政府信息情况</h2><table>"]
    for label, key in T2_ROWS:
        if key is None:
            out.append("<tr>" + "".join(td(x.strip()) for x in label.split("|")) + "</tr>")
        else:
            out.append("<tr>" + td(label) + "".join(td(c) for c in _cells(t2, key, T2_NCOLS[key])) + "</tr>")
    out.append("</table><h2>三、收到和处理政府信息公开申请情况</h2><table>")
    out.append("<tr>" + td(T3_HEAD[0], colspan=3, rowspan=3) + td("申请人情况", colspan=7) + "</tr>")
    out.append("<tr>" + td("自然人", rowspan=2) + td("法人或其他组织", colspan=5) + td("总计", rowspan=2) + "</tr>")
    out.append("<tr>" + "".join(td(x) for x in ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]) + "</tr>")
    for label, key in T3_ROWS:
        out.append("<tr>" + td(label, colspan=3) + "".join(td(c) for c in _cells(t3, key, 7)) + "</tr>")
    out.append("</table><h2>四、政府信息公开行政复议、行政诉讼情况</h2><table>")
    out.append("<tr>" + td("行政复议", colspan=5) + td("行政诉讼", colspan=10) + "</tr>")
    out.append("<tr>" + "".join(td(x, rowspan=2) for x in ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"])
               + td("未经复议直接起诉", colspan=5) + td("复议后起诉", colspan=5) + "</tr>")
    out.append("<tr>" + "".join(td(x) for x in ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2) + "</tr>")
    out.append("<tr>" + "".join(td(str(x)) for x in (t4 or [0] * 15)) + "</tr></table>")
    return "\n".join(out)
