#!/usr/bin/env python3
"""Summarise `perf script -F comm,tid,ip,sym` output of the PrepRoom server.

Prints the share of CPU samples per kind of work (each sample counted once, in the first
category that matches any frame of its stack, in the order below), then the functions
with the largest inclusive share. Swift symbols are demangled with `swift demangle`.

    perf-summary.py perf.script [how-many-functions]
"""
import collections
import subprocess
import sys

CATEGORIES = [
    ("Fluent: hydrate rows into models (Mirror reflection per row)", ["Fields.output(from:)"]),
    ("Fluent: model deinit / free", ["Course.deinit", "Course.__deallocating_deinit"]),
    ("Plot: render HTML page", ["PageView.response", "Renderer.render", "Node.render", "Layout.document"]),
    ("JSON: encode response (JSONEncoder)", ["JSONEncoder.encode", "Content.encodeResponse"]),
    ("DTO: CourseDTO.init", ["CourseDTO.init"]),
    ("Fluent: build query (Mirror for keys/timestamps/soft delete) + SQL serialise",
     ["QueryBuilder.run", "QueryBuilder.addFields", "SQLDatabase.serialize", "Schema.excludeDeleted",
      "Fields.keys", "QueryBuilder.all", "QueryBuilder.count", "QueryBuilder.aggregate"]),
    ("SQLite engine (prepare/step) + SQLiteNIO", ["sqlite3", "SQLiteConnection.query", "SQLiteRow", "SQLiteStatement"]),
    ("PostgresNIO", ["PostgresNIO", "PostgresConnection", "PSQL", "PostgresRow", "PostgresChannelHandler"]),
    ("URL query decoding (req.query[...])", ["URLQueryContainer", "URLEncodedForm"]),
    ("HTTP: Vapor/NIO request and response handling, sockets",
     ["HTTPServerHandler", "HTTPServerRequestDecoder", "HTTPServerResponseEncoder", "ByteToMessageHandler",
      "HTTPResponseEncoder", "channelRead", "flush", "writev", "sys_write", "sys_read", "readv", "FileMiddleware"]),
    ("Swift concurrency / NIO scheduling, futex, epoll",
     ["swift_job_run", "swift_task", "futex", "epoll", "schedule", "EventLoop", "NIOThreadPool", "_dispatch"]),
]


def read_stacks(path):
    stacks, current = [], None
    for line in open(path, errors="replace"):
        if not line.strip():
            if current is not None:
                stacks.append(current)
            current = None
            continue
        if not line.startswith(("\t", " ")):
            current = []
            continue
        parts = line.strip().split(None, 1)
        current.append(parts[1] if len(parts) > 1 else parts[0])
    if current is not None:
        stacks.append(current)
    return stacks


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    stacks = read_stacks(path)
    symbols = sorted({s for stack in stacks for s in stack})
    demangled = subprocess.run(["swift", "demangle", "--simplified", "--compact"], input="\n".join(symbols),
                               capture_output=True, text=True).stdout.split("\n")
    names = dict(zip(symbols, demangled))
    stacks = [[names.get(s, s)[:150] for s in stack] for stack in stacks]
    total = len(stacks) or 1

    by_category = collections.Counter()
    for stack in stacks:
        for label, keys in CATEGORIES:
            if any(k in frame for frame in stack for k in keys):
                by_category[label] += 1
                break
        else:
            by_category["other (mostly malloc/free, whose callers are lost)"] += 1
    print(f"{len(stacks)} samples")
    print("\nby kind of work:")
    for label, count in by_category.most_common():
        print(f"{100 * count / total:6.1f}%  {label}")

    inclusive = collections.Counter()
    for stack in stacks:
        for frame in set(stack):
            inclusive[frame] += 1
    noise = ("partial apply", "thunk for", "protocol witness", "dispatch thunk", "start_thread", "ThreadOpsPosix",
             "_dispatch", "swift_job_run", "runJobInEstablishedExecutorContext", "setupThreadAndEventLoop",
             "SelectableEventLoop.run", "entry_SYSCALL", "do_syscall")
    print(f"\nlargest inclusive shares (top {top}):")
    shown = 0
    for frame, count in inclusive.most_common():
        if any(n in frame for n in noise):
            continue
        print(f"{100 * count / total:6.1f}%  {frame}")
        shown += 1
        if shown >= top:
            break


if __name__ == "__main__":
    main()
