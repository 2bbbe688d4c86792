"""The named API endpoints for gradio_client: each a function of serve.api with the service
bound. A refusal becomes gr.Error with its message; anything else is logged and answered with a
generic message."""

from __future__ import annotations

import functools
import inspect

import gradio as gr

from serve import api
from serve.limits import client_of
from serve.pages.common import UNEXPECTED, log

QUESTIONS = ("ask", "search")  # CPU-bound: one concurrency group with the page's questions
LIGHT = ("feedback", "toc", "section", "documents", "unreadable", "overview")


def guarded(fn):
    """An API endpoint: user errors become gr.Error with their message, others are logged."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except api.USER_ERRORS as exc:
            raise gr.Error(str(exc), title="Lỗi", print_exception=False) from None
        except Exception:
            log.exception("%s failed", getattr(fn, "__name__", fn))
            raise gr.Error(UNEXPECTED, title="Lỗi", print_exception=False) from None

    return wrapper


def bound(fn, service):
    """`fn(service, ...)` from serve.api as an endpoint taking the rest of its typed arguments
    (Gradio reads the signature and type hints to describe the API). A `client` argument is
    not the caller's to give: it is the address of the request (rate limits)."""
    signature = inspect.signature(fn)
    params = list(signature.parameters.values())[1:]
    if "client" in signature.parameters:
        call = fn

        # first, so Gradio (which fills Request-typed positional parameters) never confuses
        # it with an argument left to its default
        def with_client(request: gr.Request, *args, **kwargs):
            return call(service, *args, client=client_of(request), **kwargs)

        params = [p for p in params if p.name != "client"]
        params.insert(
            0,
            inspect.Parameter(
                "request", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=gr.Request
            ),
        )
        wrapper = guarded(with_client)
    else:
        wrapper = guarded(functools.partial(fn, service))
    functools.update_wrapper(wrapper, fn)
    wrapper.__signature__ = signature.replace(parameters=params)
    skip = ("service", "client")
    wrapper.__annotations__ = {k: v for k, v in fn.__annotations__.items() if k not in skip}
    if "client" in signature.parameters:
        wrapper.__annotations__["request"] = gr.Request
    return wrapper


def register(service) -> None:
    def endpoint(name: str):
        return bound(getattr(api, name), service)

    # endpoints whose inputs or outputs are files need components
    with gr.Group(visible=False):
        api_file = gr.File(type="filepath")
        api_token = gr.Textbox()
        api_out = gr.JSON()
        api_csv = gr.File()
        api_upload = gr.Button()
        api_export = gr.Button()
    api_upload.click(endpoint("upload"), [api_file, api_token], api_out, api_name="upload")
    api_export.click(endpoint("export_feedback"), api_token, api_csv, api_name="export_feedback")
    for name in QUESTIONS:
        gr.api(endpoint(name), api_name=name, concurrency_id="bot")
    for name in LIGHT:
        gr.api(endpoint(name), api_name=name, concurrency_limit=None)
    gr.api(endpoint("delete"), api_name="delete")
    gr.api(service.health, api_name="health", concurrency_limit=None)
