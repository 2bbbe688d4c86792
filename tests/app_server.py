"""Start the web app in-process on a tiny corpus, for the app and browser tests."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

TOKEN = "mã-thử-nghiệm-123"

TINY_RESOLUTION = """\
---
title: Nghị quyết về kế hoạch phát triển kinh tế - xã hội năm 2024 của huyện Hòa Bình Xanh
number: 45/NQ-HĐND
issuer: Hội đồng nhân dân huyện Hòa Bình Xanh
date: 2023-12-14
kind: Nghị quyết
---

**NGHỊ QUYẾT**

**Điều 1.** Thông qua kế hoạch phát triển kinh tế - xã hội năm 2024 của huyện với các chỉ tiêu chủ yếu sau:

**1. Các chỉ tiêu kinh tế**

- Tốc độ tăng trưởng giá trị sản xuất: 9,2%.
- Thu ngân sách nhà nước trên địa bàn huyện: 650 tỷ đồng.
- Tổng vốn đầu tư phát triển toàn xã hội: 4.100 tỷ đồng.

**2. Các chỉ tiêu xã hội**

- Tỷ lệ hộ nghèo giảm còn 2,1%.
- Tỷ lệ dân số tham gia bảo hiểm y tế đạt 96,5%.
- Số xã đạt chuẩn nông thôn mới nâng cao: thêm 3 xã.

**Điều 2.** Giao Ủy ban nhân dân huyện tổ chức thực hiện Nghị quyết này.

**Điều 3.** Nghị quyết này có hiệu lực kể từ ngày 01 tháng 01 năm 2024.
"""

TINY_PLAN = """\
---
title: Kế hoạch chuyển đổi số của xã Đồi Thông năm 2025
issuer: Ủy ban nhân dân xã Đồi Thông
date: 2025-02-10
kind: Kế hoạch
---

**Điều 1.** Mục tiêu chuyển đổi số năm 2025: 100% hồ sơ thủ tục hành chính được tiếp nhận trực tuyến.

**Điều 2.** Kinh phí thực hiện kế hoạch là 1,5 tỷ đồng từ ngân sách xã.
"""


@dataclass
class RunningApp:
    url: str
    service: object
    corpus: Path
    data: Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write_tiny_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "nq-45-hoa-binh-xanh-2024.md").write_text(TINY_RESOLUTION, encoding="utf-8")
    (folder / "kh-chuyen-doi-so-doi-thong-2025.md").write_text(TINY_PLAN, encoding="utf-8")
    return folder


@contextmanager
def running_app(root: Path, *, token: str | None = TOKEN) -> Iterator[RunningApp]:
    """The real app (real index, model and bot) on 127.0.0.1 at a free port, data under `root`."""
    import app
    from config import current, using
    from serve.service import Service

    data = root / "data"
    # extractive answers (no LLM: no network in tests), data under `root`
    config = current().replace(data_dir=data, llm_url=None, llm_model=None)
    with pytest.MonkeyPatch.context() as mp, using(config):
        mp.setenv("GRADIO_TEMP_DIR", str(data / "gradio"))
        corpus = write_tiny_corpus(root / "corpus")
        service = Service(corpus, config=config, admin_token=token).start()
        demo, _, url = app.launch(service, port=free_port(), prevent_thread_lock=True, quiet=True)
        try:
            yield RunningApp(url.rstrip("/"), service, corpus, data)
        finally:
            demo.close()
