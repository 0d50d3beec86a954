#!/usr/bin/env python3
"""Fills a PrepRoom database (demo data loaded, migrations run) with Techné's benchmark
data (issue 14): 100,000 topics and 500,000 replies spread over the categories (one
topic with 200 replies, for the topic page), their authors (2,000 members), and one topic
followed by 5,000 members (for the fan-out and the daily digest). The search's index is
filled as the app's triggers fill it (SQLite: by them, as rows arrive; PostgreSQL: in one
statement after the load, since the load switches triggers off). Deterministic (seeded).

    communitydata.py --sqlite data/preproom.sqlite [--topics N] [--replies N] [--followers N]
    communitydata.py --postgres postgres://… [...]
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from reportdata import DAY, PostgresTarget, SQLiteTarget, uid  # noqa: E402

WORDS = ("acid alkali beaker burette pipette flask crystal copper sulfate sodium chloride titration indicator fume cupboard "
         "microscope slide stain culture agar autoclave radioactive source geiger counter lens prism circuit resistor "
         "soldering lathe drill guard goggles gloves spill kit waste disposal storage label risk assessment coshh "
         "technician prep room practical lesson teacher pupils timetable order supplier stock inventory calibration").split()

FOLLOWED = "Benchmark: the topic everyone follows"
LONG = "Benchmark: a topic with two hundred replies"


# Filler words, made from syllables and drawn with Zipf's law (the tenth most common a tenth
# as often as the first), as words fall in real text: a search for one word then finds a
# share of posts like a real one's, not every other post.
SYLLABLES = "ba be bi bo ca ce ci co da de di do fa fe fi fo ga ge la le li lo ma me mi mo na ne ni no pa pe pi po ra re ri ro sa se si so ta te ti to".split()
FILLER = sorted({a + b + c for a in SYLLABLES for b in SYLLABLES for c in ("", "n", "r", "s")})[:4000]
CUMULATIVE = []
_total = 0.0
for _rank in range(len(FILLER)):
    _total += 1.0 / (_rank + 1)
    CUMULATIVE.append(_total)


def sentence(rnd: random.Random, n: int) -> str:
    """`n` filler words with two of the prep room's own words among them."""
    words = rnd.choices(FILLER, cum_weights=CUMULATIVE, k=n) + [rnd.choice(WORDS), rnd.choice(WORDS)]
    rnd.shuffle(words)
    return " ".join(words).capitalize() + "."


def main() -> int:
    parser = argparse.ArgumentParser()
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--sqlite")
    where.add_argument("--postgres")
    parser.add_argument("--topics", type=int, default=100_000)
    parser.add_argument("--replies", type=int, default=500_000)
    parser.add_argument("--followers", type=int, default=5_000)
    parser.add_argument("--authors", type=int, default=2_000)
    args = parser.parse_args()
    t = SQLiteTarget(args.sqlite) if args.sqlite else PostgresTarget(args.postgres)
    rnd = random.Random(20261207)
    T, V = t.time, t.value
    started = time.time()
    now = time.time()

    categories = [str(r[0]).upper() for r in t.query("SELECT id FROM community_categories ORDER BY position")]
    no = "false" if args.postgres else "0"
    public = [str(r[0]).upper() for r in t.query(f"SELECT id FROM community_categories WHERE members_only = {no} ORDER BY position")]

    # Members: the authors, and the followers of one topic (who take the daily digest).
    people = args.authors + args.followers
    users = [(uid(0xC0000001, i), f"member{i}@bench.example", f"Bench Member {i}", "x", "technician", "approved", T(now - 400 * DAY))
             for i in range(people)]
    t.insert("users", ["id", "email", "name", "password_hash", "roles", "status", "created_at"], users)
    authors = [u[0] for u in users[:args.authors]]

    # Topics over the last three years, replies after them; two named topics for the benchmark.
    topics, posts = [], []
    per_topic = [0] * args.topics
    for _ in range(args.replies - 200):
        per_topic[rnd.randrange(1, args.topics)] += 1
    per_topic[0] = 200
    post_n = 0
    for i in range(args.topics):
        created = now - rnd.random() * 3 * 365 * DAY
        category = public[0] if i < 2 else rnd.choice(categories)
        title = LONG if i == 0 else FOLLOWED if i == 1 else sentence(rnd, 5)[:-1]
        replies = per_topic[i]
        last = created + replies * 3600.0
        topic_id = uid(0xC1000001, i)
        topics.append((topic_id, category, title, rnd.choice(authors), T(created), T(min(last, now)), replies, V(False), V(False)))
        for position in range(1, replies + 2):
            posts.append((uid(0xC2000001, post_n), topic_id, position, rnd.choice(authors), sentence(rnd, 30 + rnd.randrange(40)),
                          T(min(created + (position - 1) * 3600.0, now)), V(False)))
            post_n += 1
        if len(posts) > 200_000:
            t.insert("community_topics", ["id", "category_id", "title", "author_id", "created_at", "last_posted_at", "replies", "locked", "pinned"], topics)
            t.insert("community_posts", ["id", "topic_id", "position", "author_id", "body", "posted_at", "held"], posts)
            topics, posts = [], []
    t.insert("community_topics", ["id", "category_id", "title", "author_id", "created_at", "last_posted_at", "replies", "locked", "pinned"], topics)
    t.insert("community_posts", ["id", "topic_id", "position", "author_id", "body", "posted_at", "held"], posts)

    # The followers of the one topic.
    followed = uid(0xC1000001, 1)
    t.insert("community_follows", ["id", "user_id", "topic_id", "followed_at"],
             [(uid(0xC3000001, i), users[args.authors + i][0], followed, T(now - DAY)) for i in range(args.followers)])

    if args.postgres:
        # The load switched the triggers off: fill the search's index as they would have.
        t.query("""INSERT INTO search_entries (kind, ref_id, ref_key, topic_id, position, category_id, subject, members_only, hidden, title, body)
                   SELECT CASE WHEN p.position = 1 THEN 'topic' ELSE 'reply' END, p.id, NULL, p.topic_id, p.position, t.category_id, c.key,
                          c.members_only, p.hidden_at IS NOT NULL, t.title, p.body
                   FROM community_posts p JOIN community_topics t ON t.id = p.topic_id JOIN community_categories c ON c.id = t.category_id
                   WHERE NOT EXISTS (SELECT 1 FROM search_entries e WHERE e.ref_id = p.id)""")
    t.finish()
    print(f"communitydata: {args.topics} topics, {post_n} posts, {people} members, {args.followers} followers "
          f"in {time.time() - started:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
