"""Hỏi đáp Nghị quyết in the browser: `python app.py` serves http://127.0.0.1:7860.

Startup and launch only: the configuration is read from the environment here, once
(config.Config); the page is built by serve.pages (its handlers call serve.api, the same
functions as the named API endpoints, and render with serve.render / serve.library).

The port opens at once: the last good index on disk is loaded and any rebuild it needs runs
in the background (health says "rebuilding" meanwhile). A configuration that is not allowed
is one line on stderr and exit 2.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import threading
from pathlib import Path

import config as configuration
from errors import NqaError
from serve import pages
from serve.service import Service

log = logging.getLogger("nqa.app")

TITLE = pages.TITLE
CACHE_QUOTA_UPLOADS = 10  # Gradio's upload cache holds at most this many largest uploads
SWEEP_SECONDS = 60


def build_app(service: Service):
    """The page (serve.pages: one builder per tab, the API endpoints, the wiring)."""
    return pages.build(service)


def concurrency(config: configuration.Config | None = None) -> int:
    """NQA_CONCURRENCY, else one worker per core within 2..4: questions answered at once.
    Answering is CPU-bound (the model), so more workers than cores only add contention."""
    config = config or configuration.current()
    return config.concurrency or min(4, max(2, configuration.cores()))


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

    max_bytes = service.limits.max_bytes
    demo = build_app(service)
    # queue positions pushed once a second rather than on every change: under load the
    # per-change updates to every waiting client cost more than the answers
    demo.queue(
        default_concurrency_limit=concurrency(service.config),
        max_size=512,
        status_update_rate=1.0,
    )
    app, url, _ = demo.launch(
        server_name=host,
        server_port=port,
        prevent_thread_lock=prevent_thread_lock,
        quiet=quiet,
        allowed_paths=[],
        max_file_size=max_bytes,
        show_error=False,
        ssr_mode=False,
        mcp_server=False,
        footer_links=[],  # no English API page linked from the page
        app_kwargs={
            "routes": [Route("/healthz", healthz, methods=["GET"])],
            # <html lang="vi">, the page's style and script; Gradio's upload route bounded
            "middleware": pages.middleware(max_upload_bytes=max_bytes),
        },
        theme=pages.theme(),  # local fonts: nothing fetched
    )
    return demo, app, url


def upload_cache(config: configuration.Config) -> Path:
    """Gradio's upload cache: <data dir>/gradio, or a folder under the system's temporary one
    when the data folder cannot be written (the app still answers from a read-only one)."""
    for folder in (config.data_dir / "gradio", Path(tempfile.gettempdir()) / "nqa-gradio"):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryFile(dir=folder):
                return folder
        except OSError:
            continue
    return Path(tempfile.gettempdir())


def keep_sweeping(folder: Path, quota: int) -> threading.Thread:
    """Hold Gradio's upload cache within `quota` bytes and an hour's age, every minute."""
    from serve.housekeeping import sweep

    def run() -> None:
        while not stop.wait(SWEEP_SECONDS):
            try:
                if removed := sweep(folder, quota, max_age=3600):
                    log.info("upload cache %s: removed %d old files", folder, removed)
            except Exception:
                log.exception("upload cache sweep failed")

    stop = threading.Event()
    thread = threading.Thread(target=run, name="nqa-sweep", daemon=True)
    thread.start()
    return thread


def main(argv: list[str] | None = None) -> int:
    try:
        config = configuration.Config.from_env(os.environ)
    except NqaError as exc:
        print(f"app: {exc}", file=sys.stderr)
        return 2
    parser = argparse.ArgumentParser(description=f"{TITLE}: the web app.")
    parser.add_argument("--host", default=config.host)
    parser.add_argument("--port", type=int, default=config.port)
    parser.add_argument("--corpus", type=Path, default=None, help="corpus folder (NQA_CORPUS_DIR)")
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=configuration.log_level(config, "INFO"),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    for noisy in ("httpx", "bm25s", "faiss.loader"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    configuration.prepare_process(os.environ)
    cache = upload_cache(config)
    os.environ.setdefault("GRADIO_TEMP_DIR", str(cache))  # read by Gradio at launch
    configuration.use(config)
    try:
        service = _service(config, args.corpus)
    except NqaError as exc:
        print(f"app: {exc}", file=sys.stderr)
        return 2
    serving = threading.Event()
    service.start(background=True, serving=serving)  # the last good index, a rebuild behind it
    keep_sweeping(
        Path(os.environ["GRADIO_TEMP_DIR"]), CACHE_QUOTA_UPLOADS * config.max_upload_bytes
    )
    try:
        demo, _, _ = launch(service, host=args.host, port=args.port, prevent_thread_lock=True)
    except OSError as exc:  # the port is taken, or the address is not this machine's
        print(
            f"app: cannot listen on {args.host}:{args.port} ({str(exc).split('. ')[0]}): choose "
            "another NQA_PORT (or --port) or NQA_HOST.",
            file=sys.stderr,
        )
        return 2
    serving.set()  # the port is open: the rebuild may have the CPU
    demo.block_thread()
    return 0


def _service(config: configuration.Config, corpus: Path | None) -> Service:
    if config.database_url:  # one of several replicas of one PostgreSQL (pgstore/)
        from pgstore.service import from_config

        service = from_config(config)
        log.info("opening the index from the database %s", service.corpus_dir)
        return service
    from corpus.upload import seed_corpus
    from errors import StorageError, storage_error

    folder = corpus or config.app_corpus
    try:
        if seeded := seed_corpus(folder):
            log.info("seeded %s with %d bundled documents", folder, seeded)
    except OSError as exc:
        problem = storage_error(exc)
        if problem is None or not folder.is_dir():
            raise problem or StorageError(
                f"Cannot create the corpus folder {folder}: {exc}"
            ) from exc
        log.warning("corpus folder %s is not writable: uploads and deletes will be refused", folder)
    log.info("opening the index of %s (the last good one at once, rebuilt behind it)", folder)
    return Service(folder, config=config)


if __name__ == "__main__":
    raise SystemExit(main())
