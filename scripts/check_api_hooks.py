"""schemathesis hooks of scripts/check-api: sign each push delivery as its forge would, so the receivers are fuzzed
past their signature check (an unsigned delivery only ever gets 401). The secrets come from the environment the
check gives schemathesis (CHECK_API_GITHUB_SECRET, ...).

The body is serialized here, once, and sent as those very bytes: the signature is of what goes on the wire."""
import hashlib
import hmac
import os

import requests
import schemathesis


def _mac(secret, body):
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


# path: the headers of a signed push delivery of `body`.
SIGNERS = {
    "/hooks/github": lambda body: {"X-GitHub-Event": "push",
                                   "X-Hub-Signature-256": "sha256=" + _mac(os.environ["CHECK_API_GITHUB_SECRET"], body)},
    "/hooks/gitlab": lambda body: {"X-Gitlab-Event": "Push Hook", "X-Gitlab-Token": os.environ["CHECK_API_GITLAB_TOKEN"]},
    "/hooks/gitea": lambda body: {"X-Gitea-Event": "push", "X-Gitea-Signature": _mac(os.environ["CHECK_API_GITEA_SECRET"], body)},
    "/hooks/generic": lambda body: {"X-Botops-Signature": "sha256=" + _mac(os.environ["CHECK_API_GENERIC_SECRET"], body)},
}


@schemathesis.hook
def before_call(context, case, kwargs):
    signer = SIGNERS.get(case.operation.path)
    if signer is None or "data" in kwargs or "json" in kwargs:
        return
    # The request schemathesis would send, prepared as requests prepares it: its body is what is signed and sent.
    data = case.as_transport_kwargs(base_url="http://signing.invalid")
    prepared = requests.Request(method=data["method"], url=data["url"], headers=data.get("headers"),
                                data=data.get("data"), json=data.get("json"), files=data.get("files")).prepare()
    body = prepared.body or b""
    if isinstance(body, str):
        body = body.encode()
    if body:
        kwargs["data"] = body
    case.headers = {**(case.headers or {}), **signer(body)}
