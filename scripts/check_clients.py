"""Runs aiogram and python-telegram-bot against one sandbox each (see scripts/check-clients)."""
import os
import re
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_support import botops, check, conclude  # noqa: E402

aiogram_python, ptb_python = sys.argv[1], sys.argv[2]
TOKEN = "7001234:AAHclientCheckTokenForTheSandboxOnly_abc"

# Each client: set and read back the profile, commands, a webhook and rights, and getMe (BotFullInfo in 10.5).
AIOGRAM = r'''
import asyncio, sys
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import BotCommand, BotCommandScopeAllGroupChats, ChatAdministratorRights

async def main(base, token):
    bot = Bot(token, session=AiohttpSession(api=TelegramAPIServer.from_base(base)))
    try:
        me = await bot.get_me()
        assert me.username == "client_check_bot" and me.is_bot, me
        assert await bot.set_my_name(name="Checked by aiogram")
        assert (await bot.get_my_name()).name == "Checked by aiogram"
        assert await bot.set_my_description(description="Set in Russian", language_code="ru")
        assert (await bot.get_my_description(language_code="ru")).description == "Set in Russian"
        commands = [BotCommand(command="start", description="Start"), BotCommand(command="help", description="Help")]
        assert await bot.set_my_commands(commands, scope=BotCommandScopeAllGroupChats())
        got = await bot.get_my_commands(scope=BotCommandScopeAllGroupChats())
        assert [c.command for c in got] == ["start", "help"], got
        assert await bot.set_webhook("https://hooks.example.com/aiogram", secret_token="s3cret", max_connections=5)
        info = await bot.get_webhook_info()
        assert info.url == "https://hooks.example.com/aiogram" and info.max_connections == 5, info
        assert await bot.delete_webhook()
        rights = ChatAdministratorRights(is_anonymous=False, can_manage_chat=True, can_delete_messages=True,
            can_manage_video_chats=False, can_restrict_members=False, can_promote_members=False, can_change_info=False,
            can_invite_users=True, can_post_stories=False, can_edit_stories=False, can_delete_stories=False,
            can_send_welcome_messages=False)
        assert await bot.set_my_default_administrator_rights(rights=rights)
        back = await bot.get_my_default_administrator_rights()
        assert back.can_delete_messages and back.can_invite_users and not back.can_change_info, back
    finally:
        await bot.session.close()

asyncio.run(main(sys.argv[1], sys.argv[2]))
'''

PTB = r'''
import asyncio, sys
from telegram import Bot, BotCommand, BotCommandScopeAllPrivateChats, ChatAdministratorRights

async def main(base, token):
    bot = Bot(token, base_url=base + "/bot")
    async with bot:
        me = await bot.get_me()
        assert me.username == "client_check_bot" and me.is_bot, me
        assert await bot.set_my_short_description(short_description="Checked by python-telegram-bot")
        assert (await bot.get_my_short_description()).short_description == "Checked by python-telegram-bot"
        assert await bot.set_my_commands([BotCommand("quiz", "Start a round")], scope=BotCommandScopeAllPrivateChats(),
                                         language_code="de")
        got = await bot.get_my_commands(scope=BotCommandScopeAllPrivateChats(), language_code="de")
        assert [c.command for c in got] == ["quiz"], got
        assert await bot.set_webhook("https://hooks.example.com/ptb", allowed_updates=["message", "callback_query"])
        info = await bot.get_webhook_info()
        assert info.url == "https://hooks.example.com/ptb", info
        assert sorted(info.allowed_updates) == ["callback_query", "message"], info
        rights = ChatAdministratorRights(is_anonymous=False, can_manage_chat=True, can_delete_messages=False,
            can_manage_video_chats=False, can_restrict_members=False, can_promote_members=False, can_change_info=True,
            can_invite_users=False, can_post_stories=False, can_edit_stories=False, can_delete_stories=False,
            can_post_messages=True)
        assert await bot.set_my_default_administrator_rights(rights=rights, for_channels=True)
        back = await bot.get_my_default_administrator_rights(for_channels=True)
        assert back.can_post_messages and back.can_change_info, back

asyncio.run(main(sys.argv[1], sys.argv[2]))
'''


def with_sandbox(name, python, program):
    work = tempfile.mkdtemp(prefix="botops-clients-")
    log = os.path.join(work, "sandbox.log")
    with open(log, "w") as out:
        sandbox = subprocess.Popen([botops, "sandbox", "telegram", "--bot", f"{TOKEN}=client_check_bot",
                                    "--listen", "127.0.0.1:0", "--log-level", "warning"], stdout=out, stderr=subprocess.STDOUT)
    try:
        url = None
        for _ in range(300):
            match = re.search(r"listening on (http://[0-9.:]+)", open(log).read())
            if match:
                url = match.group(1)
                break
            time.sleep(0.1)
        if not check(url is not None, f"{name}: the sandbox did not start"):
            return
        result = subprocess.run([python, "-c", program, url, TOKEN], capture_output=True, text=True, timeout=120)
        output = (result.stdout + result.stderr).replace(TOKEN, "<token>")
        check(result.returncode == 0, f"{name} against the sandbox failed:\n{output[-2000:]}")
    finally:
        sandbox.terminate()
        sandbox.wait(timeout=10)


if not check(os.path.exists(botops), f"no botops binary at {botops}; build first"):
    conclude("check-clients")
with_sandbox("aiogram 3.31", aiogram_python, AIOGRAM)
with_sandbox("python-telegram-bot 22.8", ptb_python, PTB)
if not __import__("check_support").failures:
    print("check-clients: aiogram 3.31 and python-telegram-bot 22.8 read back what they set on the sandbox")
conclude("check-clients")
