#!/usr/bin/env python3
"""Generates a realistic botops/v1 fleet for scripts/bench.

The fleet is a Project plus, per bot: the Bot (profile in two languages, command sets in several scopes
and languages, a menu button, administrator rights), for most bots a Webhook with a secret reference,
the Container that runs it (env with secret references, ports, volumes, health check, memory), a few
Schedules (varied cron expressions and time zones) and some Boosters. Teams own folders; a file holds
several documents. The output is deterministic for a given seed and document count, and references only
ever point at documents generated earlier, so any count yields a config that validates clean.

With --break N, N documents (never the Project) get one mistake each, of a kind that yields exactly one
error diagnostic: the fleet stays otherwise the same, so its error count must equal N.

Standard library only. Prints one JSON line on stdout: documents, files, injected errors, break kinds.
"""

import argparse
import json
import os
import random
import re
import sys

# --- a small YAML emitter -------------------------------------------------------------------------------

# Words YAML 1.1 reads as something other than a string, so they must be quoted.
_SPECIAL = {"y", "yes", "n", "no", "true", "false", "on", "off", "null", "~", ""}
_PLAIN = re.compile(r"^[A-Za-z_/][A-Za-z0-9 _./,()'-]*$")


class Flow(list):
    """A list of scalars written in flow style: `[a, b, c]`."""


class Pairs(list):
    """A mapping as (key, value) pairs, so a key can be written twice (an injected mistake)."""


def scalar(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value)
    if (_PLAIN.match(text) and text.lower() not in _SPECIAL and not text.endswith(" ")
            and ": " not in text and " #" not in text):
        return text
    return json.dumps(text, ensure_ascii=False)


def items(mapping):
    return list(mapping) if isinstance(mapping, Pairs) else list(mapping.items())


def emit(value, indent=0):
    """Lines of a block-style YAML node at `indent` (for a mapping or a list)."""
    pad = " " * indent
    lines = []
    if isinstance(value, (dict, Pairs)):
        for key, item in items(value):
            if isinstance(item, Flow):
                lines.append(f"{pad}{key}: [{', '.join(scalar(v) for v in item)}]")
            elif isinstance(item, (dict, Pairs)):
                if items(item):
                    lines.append(f"{pad}{key}:")
                    lines += emit(item, indent + 2)
                else:
                    lines.append(f"{pad}{key}: {{}}")
            elif isinstance(item, list):
                lines.append(f"{pad}{key}:")
                lines += emit(item, indent + 2)
            else:
                lines.append(f"{pad}{key}: {scalar(item)}")
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, (dict, Pairs)):
                sub = emit(item, indent + 2)
                lines.append(f"{pad}- {sub[0].lstrip()}")
                lines += sub[1:]
            elif isinstance(item, list):
                sub = emit(item, indent + 2)
                lines.append(f"{pad}-")
                lines += sub
            else:
                lines.append(f"{pad}- {scalar(item)}")
    return lines


def document(kind, metadata, spec):
    doc = {"apiVersion": "botops/v1", "kind": kind, "metadata": metadata}
    if spec is not None:
        doc["spec"] = spec
    return doc


# --- the fleet ------------------------------------------------------------------------------------------

TEAMS = ["media", "shop", "support", "games", "news", "finance", "travel", "edu", "health", "sports",
         "music", "food", "jobs", "realty", "auto", "events"]
WORDS = ["alpha", "bright", "cedar", "delta", "ember", "fjord", "granite", "harbor", "iris", "juniper",
         "kestrel", "lumen", "maple", "nova", "onyx", "pixel", "quartz", "river", "summit", "tundra",
         "umber", "vertex", "willow", "xenon", "yonder", "zephyr"]
ROLES = ["news", "shop", "quiz", "support", "weather", "digest", "alerts", "booking", "poll", "tips"]
# Asia/Kolkata is left out on purpose: botops (Foundation's knownTimeZoneIdentifiers) rejects it today.
TIMEZONES = ["UTC", "Europe/Moscow", "America/New_York", "Europe/Berlin", "Asia/Tokyo", "Asia/Shanghai",
             "America/Sao_Paulo", "Australia/Sydney", "Europe/London", "Asia/Dubai", "America/Los_Angeles",
             "Africa/Cairo", "Asia/Singapore", "Europe/Istanbul"]
CRONS = ["0 8 * * *", "*/15 * * * *", "30 18 * * MON-FRI", "@daily", "0 9,21 * * *", "5 0 1 * *",
         "0 12 * JAN,JUL SUN", "45 7 * * 1-5", "0 */2 * * *", "@hourly", "10 10 10 * *", "0 20 * * SAT,SUN",
         "@weekly", "15 6-22/4 * * *", "0 0 * * 0", "@monthly"]
TASKS = ["publish_post", "pin_daily", "send_digest", "cleanup_chats", "rotate_banner", "sync_catalogue"]
UPDATES = ["message", "edited_message", "callback_query", "inline_query", "chosen_inline_result",
           "my_chat_member", "chat_member", "pre_checkout_query", "shipping_query", "poll_answer",
           "channel_post", "chat_join_request", "message_reaction"]
PROVIDERS = ["viewsmith", "growthly", "boostline"]
REACTIONS = ["👍", "🔥", "🎉", "❤", "👏", "😁"]
RIGHTS = ["canManageChat", "canDeleteMessages", "canInviteUsers", "canRestrictMembers", "canPinMessages",
          "canChangeInfo", "canManageVideoChats", "canPostStories", "canManageTopics"]
CHANNEL_RIGHTS = ["canManageChat", "canPostMessages", "canEditMessages", "canDeleteMessages", "canInviteUsers",
                  "canPostStories", "canEditStories"]


def env_name(name):
    return name.upper().replace("-", "_")


class Fleet:
    def __init__(self, rng, total):
        self.rng = rng
        self.total = total
        self.files = {}  # path -> list of documents, in order
        self.docs = []   # (path, document) in generation order: references only point backwards

    def add(self, path, doc):
        if len(self.docs) >= self.total:
            return False
        self.files.setdefault(path, []).append(doc)
        self.docs.append((path, doc))
        return True

    def full(self):
        return len(self.docs) >= self.total

    def project(self):
        engines = {"default": {"host": "unix:///var/run/docker.sock"}}
        for index in range(1, 4):
            engines[f"edge-{index}"] = {
                "host": f"tcp://10.0.{index}.12:2376",
                "tls": {"ca": f"/etc/botops/edge-{index}/ca.pem", "cert": f"/etc/botops/edge-{index}/cert.pem",
                        "key": f"/etc/botops/edge-{index}/key.pem"},
            }
        self.add("botops.yaml", document("Project", {"name": "bench-fleet", "labels": {"owner": "platform"}}, {
            "telegram": {"apiURL": "https://api.telegram.org"},
            "docker": {"engines": engines},
            "postgres": {"url": {"fromEnv": "BOTOPS_POSTGRES_URL"}, "schema": "botops"},
            "state": "postgres",
            "prune": True,
            "maxDeletes": 25,
        }))

    def bot(self, index, team):
        rng = self.rng
        role = ROLES[index % len(ROLES)]
        name = f"{team}-{role}-{WORDS[index % len(WORDS)]}-{index}"
        title = f"{WORDS[index % len(WORDS)].capitalize()} {role.capitalize()} {index}"
        commands = [
            {"scope": "default", "commands": [
                {"command": "start", "description": "What this bot does"},
                {"command": "help", "description": "How to use it"},
                {"command": role, "description": f"Open the {role} menu"},
                {"command": "settings", "description": "Your preferences"},
            ]},
            {"scope": "default", "language": "ru", "commands": [
                {"command": "start", "description": "Что умеет этот бот"},
                {"command": "help", "description": "Как им пользоваться"},
                {"command": role, "description": "Открыть меню"},
                {"command": "settings", "description": "Ваши настройки"},
            ]},
            {"scope": "all_chat_administrators", "commands": [
                {"command": "subscribe", "description": "Post updates in this group"},
                {"command": "unsubscribe", "description": "Stop posting here"},
                {"command": "stats", "description": "Activity in this group"},
            ]},
        ]
        if index % 2 == 0:
            commands.append({"scope": "all_private_chats", "language": "en", "commands": [
                {"command": "start", "description": "Start a private session"},
                {"command": "history", "description": "Your last ten requests"},
            ]})
        if index % 3 == 0:
            commands.append({"scope": {"type": "chat", "chatId": f"@{team}_editors_{index}"}, "commands": [
                {"command": "draft", "description": "Show tomorrow's drafts"},
                {"command": "queue", "description": "Posts scheduled for today"},
            ]})
        if index % 4 == 0:
            chat = -1001000000000 - index
            commands.append({"scope": {"type": "chat_administrators", "chatId": chat}, "commands": [
                {"command": "approve", "description": "Approve the next draft"},
                {"command": "reject", "description": "Send the next draft back"},
            ]})
            commands.append({"scope": {"type": "chat_member", "chatId": chat, "userId": 100000 + index},
                             "language": "en", "commands": [
                {"command": "unpin_all", "description": "Unpin every post in the channel"},
            ]})
        menu = ["default", "commands", "web_app"][index % 3]
        if menu == "web_app":
            menu = {"type": "web_app", "text": "Open app", "url": f"https://{team}.example.com/app/{name}"}
        rights = {"groups": {r: True for r in rng.sample(RIGHTS, 3)}}
        if index % 2 == 1:
            rights["channels"] = {r: True for r in rng.sample(CHANNEL_RIGHTS, 3)}
        spec = {
            "token": {"fromEnv": f"{env_name(name)}_TOKEN"} if index % 5 else {"fromFile": f"/run/secrets/{name}/token"},
            "profile": {
                "name": title,
                "description": f"{title} helps the {team} team: ask it anything about {role}, or open the menu.",
                "shortDescription": f"{title}: {role} for {team}",
                "languages": {"ru": {
                    "name": f"Бот {title}",
                    "description": f"Бот команды {team}: спросите его о {role} или откройте меню.",
                    "shortDescription": f"{role} для команды {team}",
                }},
            },
            "commands": commands,
            "menuButton": menu,
            "administratorRights": rights,
        }
        return name, document("Bot", {"name": name, "labels": {"team": team, "role": role}}, spec)

    def container(self, index, team, bot, bot_doc, webhook):
        rng = self.rng
        token = bot_doc["spec"]["token"]
        env = {
            "LOG_LEVEL": ["info", "debug", "warning"][index % 3],
            "LOG_FORMAT": "json",
            "WORKERS": str(2 + index % 6),
            "BOT_NAME": bot,
            "BOT_TOKEN": dict(token),
            "DATABASE_URL": {"fromFile": f"/run/secrets/{bot}/database_url"},
        }
        if webhook:
            env["WEBHOOK_SECRET"] = {"fromEnv": f"{env_name(bot)}_WEBHOOK_SECRET"}
        spec = {
            "image": f"ghcr.io/acme/{team}-{ROLES[index % len(ROLES)]}:{1 + index % 4}.{index % 17}.{index % 5}",
            "command": Flow(["python", "-m", "bot", "--webhook" if webhook else "--polling"]),
            "env": env,
            "ports": [f"127.0.0.1:{10000 + index}:8080/tcp"] if webhook else [],
            "volumes": [f"{bot}-data:/data", f"/etc/acme/{team}:/config:ro"],
            "network": f"{team}-bots",
            "restartPolicy": ["unless-stopped", "always", "on-failure:5"][index % 3],
            "pullPolicy": ["IfNotPresent", "Always"][index % 2],
            "memory": ["128Mi", "256Mi", "512m", "1Gi"][index % 4],
            "cpus": [0.25, 0.5, 1][index % 3],
            "labels": {"com.example.team": team, "com.example.bot": bot},
            "healthcheck": {
                "test": Flow(["CMD", "python", "-m", "bot.health"]) if index % 2 else "wget -qO- http://127.0.0.1:8080/healthz || exit 1",
                "interval": ["30s", "1m", "15s"][index % 3],
                "timeout": ["5s", "3s"][index % 2],
                "retries": 3,
            },
        }
        if not spec["ports"]:
            del spec["ports"]
        if index % 4 == 3:
            spec["engine"] = f"edge-{1 + index % 3}"
        if rng.random() < 0.3:
            spec["state"] = "running"
        return document("Container", {"name": bot, "labels": {"team": team}, "dependsOn": [f"Bot/{bot}"]}, spec)

    def webhook(self, index, team, bot):
        rng = self.rng
        spec = {
            "bot": bot,
            "url": f"https://{team}-bots.example.com{':8443' if index % 7 == 0 else ''}/tg/{bot}",
            "secretToken": {"fromEnv": f"{env_name(bot)}_WEBHOOK_SECRET"},
            "allowedUpdates": Flow(rng.sample(UPDATES, 2 + index % 4)),
            "maxConnections": [10, 20, 40, 100][index % 4],
        }
        if index % 9 == 0:
            spec["ipAddress"] = f"203.0.113.{index % 250 + 1}"
        if index % 11 == 0:
            spec["dropPendingUpdates"] = True
        return document("Webhook", {"name": bot, "dependsOn": [f"Container/{bot}"]}, spec)

    def schedules(self, index, team, bot):
        rng = self.rng
        docs = []
        previous = None
        for n in range(1 + index % 3):
            task = TASKS[(index + n) % len(TASKS)]
            name = f"{bot}-{task.replace('_', '-')}-{n}"
            metadata = {"name": name, "labels": {"team": team}}
            if previous and task == "pin_daily":
                metadata["dependsOn"] = [f"Schedule/{previous}"]
            spec = {
                "bot": bot,
                "cron": rng.choice(CRONS),
                "timezone": rng.choice(TIMEZONES),
                "task": task,
                "args": {"channel": f"@{team}_{WORDS[index % len(WORDS)]}_{index}", "edition": ["morning", "evening"][n % 2],
                         "silent": n % 2 == 0},
            }
            if index % 13 == 0:
                spec["enabled"] = False
            docs.append(document("Schedule", metadata, spec))
            previous = name
        return docs

    def boosters(self, index, team, bot):
        docs = []
        kinds = ["views", "reactions", "subscribers"]
        for n in range(index % 3):
            kind = kinds[(index + n) % 3]
            settings = {"perPost": 100 * (1 + index % 9)}
            if kind == "reactions":
                settings["reactions"] = Flow(self.rng.sample(REACTIONS, 3))
            channel = f"@{team}_{WORDS[index % len(WORDS)]}_{index}" if n % 2 == 0 else -1002000000000 - index
            spec = {"bot": bot, "channel": channel, "type": kind, "provider": PROVIDERS[(index + n) % 3],
                    "settings": settings}
            if index % 17 == 0:
                spec["enabled"] = False
            docs.append(document("Booster", {"name": f"{bot}-{kind}"}, spec))
        return docs

    def generate(self):
        self.project()
        index = 0
        while not self.full():
            team = TEAMS[index % len(TEAMS)]
            group = index // len(TEAMS) // 16  # 16 bots of a team share a subfolder's multi-document files
            base = f"teams/{team}/group-{group:03d}"
            name, bot_doc = self.bot(index, team)
            # The bot and its webhook in one file; containers, schedules and boosters in shared files.
            bot_file = f"{base}/bots/{name}.yaml"
            self.add(bot_file, bot_doc)
            has_webhook = index % 5 != 4
            self.add(f"{base}/containers-{index % 4}.yaml", self.container(index, team, name, bot_doc, has_webhook))
            if has_webhook:
                self.add(bot_file, self.webhook(index, team, name))
            for doc in self.schedules(index, team, name):
                self.add(f"{base}/schedules.yaml", doc)
            for doc in self.boosters(index, team, name):
                self.add(f"promotion/{team}/boosters-{group:03d}.yaml", doc)
            index += 1


# --- injected mistakes ----------------------------------------------------------------------------------

TOKEN_LOOKALIKE = "1234567:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ"


def _bot_command_uppercase(doc):
    doc["spec"]["commands"][0]["commands"][0]["command"] = "Start"


def _bot_profile_typo(doc):
    profile = doc["spec"]["profile"]
    profile["descripton"] = profile.pop("description")


def _bot_language_three_letters(doc):
    # On the set without a language: botops drops an invalid language, and on the `default/ru` set that
    # would also report a second set for scope default (two errors for one mistake).
    doc["spec"]["commands"][2]["language"] = "eng"


def _bot_name_too_long(doc):
    doc["spec"]["profile"]["name"] = "N" * 65


def _webhook_http(doc):
    doc["spec"]["url"] = doc["spec"]["url"].replace("https://", "http://", 1)


def _webhook_port(doc):
    doc["spec"]["url"] = re.sub(r"^(https://[^/:]+)(:\d+)?", r"\1:8080", doc["spec"]["url"])


def _webhook_max_connections(doc):
    doc["spec"]["maxConnections"] = 101


def _webhook_update_typo(doc):
    doc["spec"]["allowedUpdates"] = Flow(["messages"] + [u for u in doc["spec"]["allowedUpdates"] if u != "message"])


def _container_memory(doc):
    doc["spec"]["memory"] = "256MB"


def _container_volume(doc):
    doc["spec"]["volumes"][0] = doc["spec"]["volumes"][0].replace(":/data", ":data")


def _container_restart(doc):
    doc["spec"]["restartPolicy"] = "unless_stopped"


def _container_env_int(doc):
    doc["spec"]["env"]["PORT"] = 8080


def _container_engine(doc):
    doc["spec"]["engine"] = "edge-9"


def _container_token(doc):
    doc["spec"]["env"]["LEGACY_TOKEN"] = TOKEN_LOOKALIKE


def _schedule_minute(doc):
    doc["spec"]["cron"] = "60 9 * * *"


def _schedule_six_fields(doc):
    doc["spec"]["cron"] = "0 0 9 * * *"


def _schedule_timezone(doc):
    doc["spec"]["timezone"] = "Mars/Olympus"


def _schedule_dangling_bot(doc):
    doc["spec"]["bot"] = doc["spec"]["bot"] + "-gone"


def _schedule_duplicate_key(doc):
    """Not in BREAKS: botops stops reading a file at a duplicate key, so the documents after it in the
    same file go unchecked and references to them dangle; the error count would not be one."""
    spec = Pairs(doc["spec"].items())
    spec.append(("task", "publish_post"))
    doc["spec"] = spec


def _booster_channel(doc):
    doc["spec"]["channel"] = "channel-name"


def _booster_missing_provider(doc):
    del doc["spec"]["provider"]


def _booster_type(doc):
    doc["spec"]["type"] = "likes"


BREAKS = {
    "Bot": [_bot_command_uppercase, _bot_profile_typo, _bot_language_three_letters, _bot_name_too_long],
    "Webhook": [_webhook_http, _webhook_port, _webhook_max_connections, _webhook_update_typo],
    "Container": [_container_memory, _container_volume, _container_restart, _container_env_int, _container_engine,
                  _container_token],
    "Schedule": [_schedule_minute, _schedule_six_fields, _schedule_timezone, _schedule_dangling_bot],
    "Booster": [_booster_channel, _booster_missing_provider, _booster_type],
}


def inject(fleet, count, rng):
    """Breaks `count` distinct non-Project documents, one mistake each; returns the kinds used."""
    candidates = [doc for _, doc in fleet.docs if doc["kind"] != "Project"]
    count = min(count, len(candidates))
    used = {}
    for position, doc in enumerate(rng.sample(candidates, count)):
        kinds = BREAKS[doc["kind"]]
        mistake = kinds[position % len(kinds)]
        mistake(doc)
        name = mistake.__name__.lstrip("_")
        used[name] = used.get(name, 0) + 1
    return count, used


# --- output ---------------------------------------------------------------------------------------------

HEADER = "# Generated by scripts/gen_fleet.py for scripts/bench; do not edit.\n"


def write(fleet, out):
    for path, docs in fleet.files.items():
        full = os.path.join(out, path)
        os.makedirs(os.path.dirname(full) or out, exist_ok=True)
        text = HEADER + "---\n".join("\n".join(emit(doc)) + "\n" for doc in docs)
        with open(full, "w", encoding="utf-8") as handle:
            handle.write(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", help="folder to write the fleet into (created; must be empty or absent)")
    parser.add_argument("--docs", type=int, default=10000, help="number of YAML documents (default 10000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--break", dest="breaks", type=int, default=0,
                        help="documents to break, one mistake (one error) each (default 0)")
    args = parser.parse_args()
    if args.docs < 1:
        parser.error("--docs must be at least 1")
    if os.path.isdir(args.out) and os.listdir(args.out):
        parser.error(f"{args.out} is not empty")
    rng = random.Random(args.seed)
    fleet = Fleet(rng, args.docs)
    fleet.generate()
    injected, kinds = inject(fleet, args.breaks, random.Random(args.seed * 7919 + 1)) if args.breaks else (0, {})
    write(fleet, args.out)
    print(json.dumps({"documents": len(fleet.docs), "files": len(fleet.files), "injected": injected,
                      "kinds": dict(sorted(kinds.items()))}))


if __name__ == "__main__":
    sys.exit(main())
