"""Hỏi đáp Nghị quyết in the browser: `python app.py` serves http://127.0.0.1:7860.

Startup and launch only: the page is built by serve.pages (its handlers call serve.api, the
same functions as the named API endpoints, and render with serve.render / serve.library).
"""

from __future__ import annotations

import argparse
import logging
import os
from pathlib import Path

import gradio as gr

from corpus.upload import max_upload_bytes, seed_corpus
from serve import pages
from serve.service import Service, corpus_folder

log = logging.getLogger("nqa.app")

TITLE = pages.TITLE


def build_app(service: Service) -> gr.Blocks:
    """The page (serve.pages: one builder per tab, the API endpoints, the wiring)."""
    return pages.build(service)


def concurrency() -> int:
    """NQA_CONCURRENCY, else one worker per core within 2..4: questions answered at once.
    Answering is CPU-bound (the model), so more workers than cores only add contention."""
    raw = os.environ.get("NQA_CONCURRENCY", "").strip()
    if raw.isdigit() and int(raw) > 0:
        return int(raw)
    return min(4, max(2, os.cpu_count() or 2))


def launch(
    service: Service,
    *,
    host: str = "127.0.0.1",
    port: int = 7860,
    prevent_thread_lock: bool = False,
    quiet: bool = False,
):
    """Build the Blocks, queue them and serve; returns (demo, FastAPI app, local URL)."""
    from fastapi.responses import JSONResponse
    from starlette.routing import Route

    def healthz(_request):
        return JSONResponse(service.health())

    demo = build_app(service)
    # queue positions pushed once a second rather than on every change: under load the
    # per-change updates to every waiting client cost more than the answers
    demo.queue(default_concurrency_limit=concurrency(), max_size=512, status_update_rate=1.0)
    app, url, _ = demo.launch(
        server_name=host,
        server_port=port,
        prevent_thread_lock=prevent_thread_lock,
        quiet=quiet,
        allowed_paths=[],
        max_file_size=max_upload_bytes(),
        show_error=False,
        ssr_mode=False,
        mcp_server=False,
        footer_links=[],  # no English API page linked from the page
        app_kwargs={
            "routes": [Route("/healthz", healthz, methods=["GET"])],
            "middleware": pages.middleware(),  # <html lang="vi">, the page's style and script
        },
        theme=pages.theme(),  # local fonts: nothing fetched
    )
    return demo, app, url


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=f"{TITLE}: the web app.")
    parser.add_argument("--host", default=os.environ.get("NQA_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("NQA_PORT", "7860")))
    parser.add_argument("--corpus", type=Path, default=None, help="corpus folder (NQA_CORPUS_DIR)")
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    for noisy in ("httpx", "bm25s", "faiss.loader"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from index.settings import data_dir

    os.environ.setdefault("GRADIO_TEMP_DIR", str(data_dir() / "gradio"))
    from pgstore import database_url

    if url := database_url():  # one of several replicas of one PostgreSQL (pgstore/)
        from pgstore.service import from_env

        service = from_env(url, admin_token=os.environ.get("NQA_ADMIN_TOKEN"))
        log.info("opening the index from the database %s", service.corpus_dir)
    else:
        folder = args.corpus or corpus_folder()
        if seeded := seed_corpus(folder):
            log.info("seeded %s with %d bundled documents", folder, seeded)
        service = Service(folder, admin_token=os.environ.get("NQA_ADMIN_TOKEN"))
        log.info("opening the index of %s (built on first start, may take a minute)", folder)
    service.start()
    launch(service, host=args.host, port=args.port)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
