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
    import config
    from pgstore.service import SharedService

    logging.basicConfig(level=logging.INFO, format=f"{name} %(asctime)s %(name)s: %(message)s")
    for noisy in ("httpx", "bm25s", "faiss.loader"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    # this process's edge: its configuration from the environment the test gave it, no LLM
    settings = config.Config.from_env(os.environ).replace(llm_url=None, llm_model=None)
    config.use(settings)
    service = SharedService(
        url,
        replica=name,
        embedder=BagOfWordsEmbedder(VOCAB),
        admin_token=TOKEN,
        poll=1.0,
        config=settings,
    ).start()
    app.launch(service, port=port, quiet=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3])
