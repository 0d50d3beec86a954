"""Loaded by scripts/security (SCHEMATHESIS_HOOKS). Two faults of the tools, not of
PrepRoom, worked around so that a run reports on the server and nothing else:

1. Hypothesis describes a strategy's lambdas by parsing their source with `ast`. Deep in
   schemathesis's coverage phase that parse can fail on Python 3.11 with SystemError ("AST
   constructor recursion depth mismatch"). The description only goes into messages, so one
   that cannot be made becomes hypothesis's own fallback.
2. Schemathesis 4.32 reads every string of a response that starts with "http://" as a
   link to follow, and stops the whole run with ValueError ("Invalid IPv6 URL") when the
   string is not a valid URL, such as an online link the fuzzer itself stored,
   "http://[". Such a string is no link to follow.
"""

import hypothesis.internal.lambda_sources as lambda_sources
import schemathesis.engine.observations as observations

_describe = lambda_sources._lambda_description


def _describe_or_fallback(f, *args, **kwargs):
    try:
        return _describe(f, *args, **kwargs)
    except SystemError:
        return "lambda: <unknown>"


lambda_sources._lambda_description = _describe_or_fallback

_same_origin_path = observations._same_origin_path


def _same_origin_path_or_none(value, origin):
    try:
        return _same_origin_path(value, origin)
    except ValueError:
        return None


observations._same_origin_path = _same_origin_path_or_none
