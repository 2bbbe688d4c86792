"""One app replica on a shared database, as its own process, for the postgres tests:
the real web app (app.launch) over pgstore.service.SharedService, with the deterministic
bag-of-words embedder instead of the model (replication does not depend on the model).

    python -m tests.pg_replica URL PORT NAME
"""

from __future__ import annotations

import logging
import os
import sys

from tests.app_server import TOKEN
from tests.fakes import BagOfWordsEmbedder

VOCAB = "bảo hiểm y tế ngân sách chuyển đổi số hộ nghèo du lịch khách doanh thu".split()


def main(url: str, port: int, name: str) -> None:
    import app
    from pgstore.service import SharedService

    logging.basicConfig(level=logging.INFO, format=f"{name} %(asctime)s %(name)s: %(message)s")
    for noisy in ("httpx", "bm25s", "faiss.loader"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    os.environ.pop("NQA_LLM_URL", None)
    service = SharedService(
        url, replica=name, embedder=BagOfWordsEmbedder(VOCAB), admin_token=TOKEN, poll=1.0
    ).start()
    app.launch(service, port=port, quiet=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3])
