#!/usr/bin/env python3
"""Writes a fleet of N bots, each with a webhook, for scripts/bench-reconcile.

  gen_bots.py FOLDER --bots N --api-url URL

Writes FOLDER/botops.yaml, FOLDER/bots/botNNNN.yaml (profile in two languages, two command sets, a menu
button and rights, plus its Webhook with a secret), FOLDER/sandbox-bots.txt ('TOKEN username' lines for
`botops sandbox telegram --bots-file`) and FOLDER/env (NAME=value lines for the tokens and secrets).
"""
import argparse
import os

parser = argparse.ArgumentParser()
parser.add_argument("folder")
parser.add_argument("--bots", type=int, required=True)
parser.add_argument("--api-url", required=True)
args = parser.parse_args()

os.makedirs(os.path.join(args.folder, "bots"), exist_ok=True)
with open(os.path.join(args.folder, "botops.yaml"), "w") as f:
    f.write(f"""apiVersion: botops/v1
kind: Project
metadata: {{name: bench}}
spec:
  telegram: {{apiURL: "{args.api_url}"}}
  maxDeletes: 10
""")

tokens, env = [], []
for index in range(args.bots):
    name = f"bot{index:04d}"
    token = f"{8_000_000 + index}:AAH{'b' * 8}{name}{'Q' * 24}"
    tokens.append(f"{token} {name}_bot")
    env.append(f"BENCH_{name.upper()}_TOKEN={token}")
    env.append(f"BENCH_{name.upper()}_SECRET=secret-{name}")
    with open(os.path.join(args.folder, "bots", f"{name}.yaml"), "w") as f:
        f.write(f"""apiVersion: botops/v1
kind: Bot
metadata: {{name: {name}}}
spec:
  token: {{fromEnv: BENCH_{name.upper()}_TOKEN}}
  profile:
    name: Bench {index}
    description: A bot of the reconcile benchmark.
    shortDescription: Bench bot {index}
    languages:
      ru: {{name: Бот {index}, description: Бот для замера.}}
  commands:
    - commands:
        - {{command: start, description: Start}}
        - {{command: help, description: Help}}
    - scope: all_group_chats
      language: ru
      commands:
        - {{command: start, description: Начать}}
  menuButton: commands
  administratorRights:
    groups: {{canDeleteMessages: true, canPinMessages: true}}
---
apiVersion: botops/v1
kind: Webhook
metadata: {{name: {name}}}
spec:
  bot: {name}
  url: https://gateway.example.com/tg/{name}
  secretToken: {{fromEnv: BENCH_{name.upper()}_SECRET}}
  allowedUpdates: [message, callback_query]
""")

with open(os.path.join(args.folder, "sandbox-bots.txt"), "w") as f:
    f.write("\n".join(tokens) + "\n")
with open(os.path.join(args.folder, "env"), "w") as f:
    f.write("\n".join(env) + "\n")
