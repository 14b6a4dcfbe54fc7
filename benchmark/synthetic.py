"""Synthetic articles for the build-scaling benchmark: realistic length (about
600 words), question headings, lists, links to real pages, to sections and to
each other, and valid front matter, so that they pass every check of the site.
"""
from __future__ import annotations

import random
import re

OPENERS = [
    "Many men find it hard to talk about how they feel.",
    "Low mood can change how you get on with the people around you.",
    "It is common to feel tired, short-tempered or cut off when you are low.",
    "Small changes at home or at work can weigh on your mood.",
    "Talking with someone you trust can make a hard week feel lighter.",
    "A plan with clear steps can make change feel less big.",
]
MIDDLES = [
    "You can start by noticing what happens in your week.",
    "Some people find it helps to write down one good moment each day.",
    "A therapist can help you look at what is going on with the people in your life.",
    "It is fine to go at your own pace.",
    "You do not have to have all the words ready.",
    "Try to keep to a simple routine for sleep and meals.",
    "Ask a friend or partner how they see things.",
    "Notice when your mood dips, and what came just before.",
    "Plan one thing each week that you used to enjoy.",
    "It can help to say out loud what you need from someone.",
]
ITEMS = [
    "Take a short walk outside.", "Call or text a friend.", "Write down what is on your mind.",
    "Go to bed at the same time each night.", "Say no to one thing that drains you.",
    "Ask for help with one task.", "Spend time with someone who makes you feel at ease.",
    "Cut back on drink for a week and see how you feel.",
]
QUESTIONS = ["What can help this week?", "How do I talk about it?", "When should I ask for help?",
             "What might a therapist ask?", "How can my partner help?", "What if nothing changes?"]


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def article(n: int, total: int, reviewer: str, seed: int = 0) -> str:
    rnd = random.Random(seed * 100003 + n)
    topic = rnd.choice(["work", "home", "sleep", "friends", "change", "family", "stress", "anger"])
    title = f"Notes on {topic}, part {n}"
    questions = rnd.sample(QUESTIONS, 4)
    other = (n % total) + 1
    body = [
        "---",
        f"title: {title}",
        f"description: Plain advice about {topic} and low mood for men, with steps to try this week, part {n}.",
        f"reviewed_by: {reviewer}",
        "last_reviewed: 2026-11-01",
        "next_review: 2027-11-01",
        "---",
        "",
    ]
    for i, question in enumerate(questions):
        body += [f"## {question}", ""]
        for _ in range(3):
            body += [" ".join([rnd.choice(OPENERS)] + rnd.sample(MIDDLES, 3)), ""]
        if i == 1:
            body += [f"- {item}" for item in rnd.sample(ITEMS, 4)] + [""]
        if i == 2:
            body += [f"Read [what IPT is](../what-is-ipt.md) and [how long it takes](../what-is-ipt.md#how-long-does-it-take).",
                     "", f"See also [part {other}](article-{other:04d}.md).", ""]
    return "\n".join(body)


def add(docs, config_text: str, count: int, reviewer: str, per_section: int = 40) -> str:
    """Write `count` articles into docs/library/ and list them in the nav under
    "Library", in parts of `per_section`. Returns the new mkdocs.yml text."""
    folder = docs / "library"
    folder.mkdir(exist_ok=True)
    for n in range(1, count + 1):
        (folder / f"article-{n:04d}.md").write_text(article(n, count, reviewer), encoding="utf-8")
    lines = ["  - Library:"]  # one top-level section, with parts of `per_section` articles
    for start in range(1, count + 1, per_section):
        lines.append(f"      - Part {start // per_section + 1}:")
        lines += [f"          - library/article-{n:04d}.md" for n in range(start, min(count, start + per_section - 1) + 1)]
    return config_text.rstrip("\n") + "\n" + "\n".join(lines) + "\n"
