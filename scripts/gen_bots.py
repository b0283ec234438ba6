#!/usr/bin/env python3
"""Writes a fleet of N bots, each with a webhook, for scripts/bench-reconcile.

  gen_bots.py FOLDER --bots N --api-url URL [--managed]

Writes FOLDER/botops.yaml, FOLDER/bots/botNNNN.yaml (profile in two languages, two command sets, a menu
button and rights, plus its Webhook with a secret), FOLDER/sandbox-bots.txt ('TOKEN username' lines for
`botops sandbox telegram --bots-file`) and FOLDER/env (NAME=value lines for the tokens and secrets).
With --managed every bot also has BotFather settings (one write-only) and a profile photo (FOLDER/avatar.jpg,
shared), to measure what they cost a converged plan.
"""
import argparse
import os

parser = argparse.ArgumentParser()
parser.add_argument("folder")
parser.add_argument("--bots", type=int, required=True)
parser.add_argument("--api-url", required=True)
parser.add_argument("--managed", action="store_true")
args = parser.parse_args()

# A JPEG's markers with a 256x256 frame header: what validation reads; nothing decodes it.
AVATAR = (bytes([0xFF, 0xD8, 0xFF, 0xE0, 0, 16]) + b"JFIF" + bytes([0, 1, 1, 0, 0, 1, 0, 1, 0, 0])
          + bytes([0xFF, 0xC0, 0, 17, 8, 1, 0, 1, 0, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1])
          + bytes([0xFF, 0xDA, 0, 12, 3, 1, 0, 2, 0x11, 3, 0x11, 0, 0x3F, 0]) + bytes(range(64)) + bytes([0xFF, 0xD9]))
MANAGED = """  settings:
    canReadAllGroupMessages: true
    supportsInlineQueries: true
    callbackQueryMode: inline
""" if args.managed else ""
PHOTO = "    photo: ../avatar.jpg\n" if args.managed else ""

os.makedirs(os.path.join(args.folder, "bots"), exist_ok=True)
if args.managed:
    with open(os.path.join(args.folder, "avatar.jpg"), "wb") as f:
        f.write(AVATAR)
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
{PHOTO}    languages:
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
{MANAGED}---
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
