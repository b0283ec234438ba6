#!/usr/bin/env python3
"""Writes a fleet of Schedules and Boosters for scripts/bench-postgres.

  gen_rows.py FOLDER --schedules N --boosters N --schema NAME [--change PERCENT] [--seed N]

Writes FOLDER/botops.yaml (a Project whose postgres.url is env:BENCH_DATABASE_URL) and
FOLDER/rows/partNNN.yaml, 100 documents a file. With --change, that share of the rows differ
(another hour, another setting) from what the same seed writes without it.
"""
import argparse
import os
import random

parser = argparse.ArgumentParser()
parser.add_argument("folder")
parser.add_argument("--schedules", type=int, required=True)
parser.add_argument("--boosters", type=int, required=True)
parser.add_argument("--schema", required=True)
parser.add_argument("--change", type=float, default=0)
parser.add_argument("--seed", type=int, default=1)
args = parser.parse_args()

rng = random.Random(args.seed)
zones = ["Europe/Moscow", "Europe/Berlin", "America/New_York", "UTC", "Asia/Kolkata"]
os.makedirs(os.path.join(args.folder, "rows"), exist_ok=True)
with open(os.path.join(args.folder, "botops.yaml"), "w") as f:
    f.write(f"""apiVersion: botops/v1
kind: Project
metadata: {{name: bench}}
spec:
  postgres:
    url: {{fromEnv: BENCH_DATABASE_URL}}
    schema: {args.schema}
  maxDeletes: 10
""")

changed = set(rng.sample(range(args.schedules + args.boosters), int((args.schedules + args.boosters) * args.change / 100)))
docs = []
for index in range(args.schedules):
    hour = (index % 24 + (1 if index in changed else 0)) % 24
    docs.append(f"""apiVersion: botops/v1
kind: Schedule
metadata: {{name: post-{index:05d}}}
spec:
  cron: "{index % 60} {hour} * * *"
  timezone: {zones[index % len(zones)]}
  task: publish_post
  args: {{channel: "@channel{index % 500}", edition: e{index % 7}, silent: {str(index % 2 == 0).lower()}}}
""")
for index in range(args.boosters):
    per_post = 100 * (index % 20 + 1) + (7 if args.schedules + index in changed else 0)
    docs.append(f"""apiVersion: botops/v1
kind: Booster
metadata: {{name: boost-{index:05d}}}
spec:
  channel: "@channel{index % 500}"
  type: {["views", "reactions", "subscribers"][index % 3]}
  provider: provider{index % 4}
  settings: {{perPost: {per_post}, hours: [9, 18], reactions: ["👍", "🔥"]}}
""")
for part in range(0, len(docs), 100):
    with open(os.path.join(args.folder, "rows", f"part{part // 100:03d}.yaml"), "w") as f:
        f.write("---\n".join(docs[part:part + 100]))
