"""Loaded by scripts/security (SCHEMATHESIS_HOOKS). It works around a fault of CPython
3.11, not of PrepRoom.

Hypothesis describes a strategy's lambdas by parsing their source with `ast`. Deep in
schemathesis's coverage phase, that parse can fail on Python 3.11 with SystemError ("AST
constructor recursion depth mismatch"). The description only goes into messages, so a
description that cannot be made becomes hypothesis's own fallback and the run goes on.
"""

import hypothesis.internal.lambda_sources as lambda_sources

_describe = lambda_sources._lambda_description


def _describe_or_fallback(f, *args, **kwargs):
    try:
        return _describe(f, *args, **kwargs)
    except SystemError:
        return "lambda: <unknown>"


lambda_sources._lambda_description = _describe_or_fallback
