"""The rule pack's YAML files (and the rule cases) hold no key twice in one mapping: a YAML loader keeps the last
silently, so a second ``news-list:`` in terms.yaml replaced the first one's wording without a word."""

import pytest
import yaml

from conftest import ROOT


class _UniqueKeys(yaml.SafeLoader):
    pass


def _mapping(loader, node, deep=False):
    seen = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"key {key!r} twice (lines {seen[key] + 1} and {key_node.start_mark.line + 1})",
                key_node.start_mark)
        seen[key] = key_node.start_mark.line
    return loader.construct_mapping(node, deep)


_UniqueKeys.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)

FILES = sorted((ROOT / "rules").rglob("*.yaml")) + sorted((ROOT / "tests" / "rules").glob("*.yaml"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_key_twice(path):
    yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeys)
