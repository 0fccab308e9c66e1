"""The preview server over real HTTP."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest


def test_serves_pages_and_a_404_page(served: str) -> None:
    with urllib.request.urlopen(f"{served}/shangcheng-2022/") as response:
        assert response.status == 200 and "《上城年鉴（2022）》" in response.read().decode("utf-8")
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(f"{served}/no/such/page/")
    assert info.value.code == 404 and "页面不存在" in info.value.read().decode("utf-8")


def test_requests_cannot_leave_the_output_folder(served: str) -> None:
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(f"{served}/../../site.yaml")
    assert info.value.code == 404
