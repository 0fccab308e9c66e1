"""The search's files of exact titles (site/index/titles.py): keys that ignore what a reader does not type
the same way twice, and files the browser finds by the same sums."""

from __future__ import annotations

import json

from site_gen.site.index.titles import BUCKETS, MAX_SHARING, Titled, bucket_of, bucket_path, title_buckets, title_key

from .conftest import Built


def test_a_key_ignores_punctuation_spaces_width_and_case() -> None:
    assert title_key("“平安上城”建设") == title_key("平安上城建设") == "平安上城建设"
    assert title_key("ＡＥＤ 全域化铺设") == title_key("aed全域化铺设")
    assert title_key("《关于推进健康上城建设的实施意见》") == "关于推进健康上城建设的实施意见"
    assert title_key("“ ”") == ""


def test_the_bucket_is_fnv1a_of_the_utf8() -> None:
    assert bucket_of("abc") == 0x1A47E90B % BUCKETS  # FNV-1a 32 of "abc", as the browser computes it
    assert bucket_of("湖滨街道") == bucket_of(title_key("湖滨 街道"))


def test_every_bucket_is_written_and_a_title_many_pages_share_is_left_out() -> None:
    shared = [Titled("概况", f"/b/{k}/", f"书 › {k} › 概况") for k in range(MAX_SHARING + 1)]
    files = title_buckets([*shared, Titled("“最美人墙”志愿服务", "/a/", "书 › 湖滨街道 › “最美人墙”志愿服务")])
    assert sorted(files) == sorted(bucket_path(k) for k in range(BUCKETS))
    found = json.loads(files[bucket_path(bucket_of("最美人墙志愿服务"))])
    assert found["最美人墙志愿服务"] == [["/a/", "书 › 湖滨街道 › “最美人墙”志愿服务"]]
    assert all("概况" not in json.loads(data) for data in files.values())


def test_the_built_site_holds_every_entry_title(built: Built) -> None:
    folder = built.output / "assets" / "titles"
    keys = {key for path in folder.glob("*.json") for key in json.loads(path.read_text(encoding="utf-8"))}
    assert "最美人墙志愿服务" in keys and "非公有制企业理想信念教育" in keys
