"""Every command block in README.md works as written (issue 19), so the README cannot rot.

Each ``sh`` block is one test, run command by command in a throw-away directory that looks
like a clone (``.venv`` and ``eval/`` linked in) with a demo database already seeded under
``var/``, as after ``make demo``. What a reader fills in, the test fills in from what the
commands before it answered, or from the test's own set-up:

- ``127.0.0.1:8080`` is a server of the test's own on a free loopback port (started before
  the block, when the block talks to one, and stopped after it); it has answered one
  resident, and the team ``wt-oost`` has a referral in it;
- ``ID`` and ``TOKEN``: the conversation an earlier ``curl`` made, or (``ID``) the token
  id that ``team tokens`` listed; ``vwt_...``: the token ``team token`` printed;
  ``VW-...``: a reference from the tickets list an earlier ``curl`` fetched;
- ``postgresql+psycopg://...``: a database of the test's own on the PostgreSQL server that
  ``make test`` starts; ``--host 0.0.0.0``: loopback (the tests use no other network);
- ``123456:ABC...``: the token of a fake Telegram on loopback that the server is pointed at.

``curl`` runs with ``--fail-with-body`` (an HTTP error fails the command) and a pipeline
fails when any part fails. A command that cannot run as it is (it serves until stopped,
takes ten minutes, or changes the machine) has a rule in a comment right before its block,
``<!-- readme-test: TEXT: HOW; ... -->``: HOW applies to the block's commands that contain
TEXT. ``serve``: started (``make demo`` in the repository, with ``PORT`` and a data
directory of the test's) until ``/readyz`` answers, then stopped. ``make -n``: the target
exists and its recipe expands. ``check``: not run; the program must exist and know every
long option given (its ``--help``). Any other command is run and must succeed.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext, suppress
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text

from bot.application import build_application
from bot.platform.db import make_engine
from handoff import Consent, ContactMethod, NewTicket
from nlu.training import fingerprint
from tests.conftest import NLU_CACHE, make_settings, postgres_url_or_skip
from tests.fake_telegram import FakeTelegram
from tests.serve_process import free_port
from tools.check_logs import LOG_DIR_ENV

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
VENV = Path(sys.executable).parent.parent
SHELLS = {"sh", "bash", "shell"}
HOWS = ("serve", "make -n", "check", "run")
MARKER = re.compile(r"^<!--\s*readme-test:\s*(.*?)\s*-->$")
FENCE = re.compile(r"^```(\S*)\s*$")
# A command in a block that is not a shell block would not be run: they must not exist.
COMMAND_LIKE = re.compile(r"^\s*(\.venv/bin/|make |curl |sudo |export |vraagwijzer )")
COMMAND_SECONDS = 300
READY_SECONDS = 180


@dataclass(frozen=True)
class Block:
    line: int  # of the opening fence, counted from 1
    heading: str
    language: str
    body: str
    marker: str | None

    ordinal: int = 1  # of the shell blocks under the same heading

    @property
    def name(self) -> str:
        slug = re.sub(r"[^a-z0-9]+", "-", self.heading.lower()).strip("-")
        return f"{slug}-{self.ordinal}"

    def rules(self) -> list[tuple[str, str]]:
        """(text a command contains, how it is checked), from the block's marker."""
        found = []
        for part in filter(None, (p.strip() for p in (self.marker or "").split(";"))):
            contained, _, how = part.partition(": ")
            how = re.sub(r"\s*\(.*\)\s*$", "", how).strip()
            if not contained or how not in HOWS:
                raise ValueError(f"README line {self.line}: cannot read the rule {part!r}")
            found.append((contained.strip(), how))
        return found

    def commands(self) -> list[str]:
        """The commands, continuation lines joined; comment lines left out."""
        found: list[str] = []
        pending = ""
        for line in self.body.splitlines():
            if not pending and (not line.strip() or line.lstrip().startswith("#")):
                continue
            if line.rstrip().endswith("\\"):
                pending += line.rstrip()[:-1] + " "
                continue
            found.append(pending + line.strip())
            pending = ""
        assert not pending, f"README line {self.line}: a command ends in a backslash"
        return found

    def how(self, command: str) -> str:
        for contained, how in self.rules():
            if contained in command:
                return how
        return "run"


def read_blocks(text_: str) -> list[Block]:
    blocks = []
    lines = text_.splitlines()
    heading = ""
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.startswith("#"):
            heading = line.lstrip("#").strip()
        fence = FENCE.match(line)
        if fence:
            end = index + 1
            while not lines[end].startswith("```"):
                end += 1
            before = lines[index - 1].strip() if index else ""
            marker = MARKER.match(before)
            blocks.append(
                Block(
                    line=index + 1,
                    heading=heading,
                    language=fence.group(1),
                    body="\n".join(lines[index + 1 : end]),
                    marker=marker.group(1) if marker else None,
                    ordinal=1 + sum(b.heading == heading for b in blocks),
                )
            )
            index = end
        index += 1
    return blocks


BLOCKS = read_blocks(README.read_text(encoding="utf-8"))
SHELL_BLOCKS = [b for b in BLOCKS if b.language in SHELLS]


def without_comment(command: str) -> str:
    """The command without a trailing ``# comment`` (outside quotes)."""
    quote = None
    for at, char in enumerate(command):
        if quote:
            if char == quote:
                quote = None
        elif char in "'\"":
            quote = char
        elif char == "#" and (at == 0 or command[at - 1].isspace()):
            return command[:at].rstrip()
    return command


# -- the README's own shape: every block understood -----------------------------------------


def test_the_readme_has_command_blocks_and_every_rule_is_understood():
    assert len(SHELL_BLOCKS) >= 8
    for block in SHELL_BLOCKS:
        commands = block.commands()
        assert commands, f"README line {block.line}: an empty command block"
        for contained, _how in block.rules():
            assert any(contained in c for c in commands), (
                f"README line {block.line}: the rule for {contained!r} matches no command"
            )
        for command in commands:
            if block.how(command) == "make -n":
                assert shlex.split(without_comment(command))[0] == "make", command


def test_commands_are_only_in_shell_blocks():
    """A command in an ``html`` block or a diagram would never be run by this test."""
    for block in BLOCKS:
        if block.language in SHELLS:
            continue
        assert block.marker is None, f"README line {block.line}: a rule on a non-shell block"
        for line in block.body.splitlines():
            assert not COMMAND_LIKE.match(line), (
                f"README line {block.line}: a command outside a sh block: {line!r}"
            )


def test_the_comment_of_a_command_is_left_out_but_not_a_quoted_hash():
    assert without_comment("make rasa   # a comment") == "make rasa"
    assert without_comment("echo '# not a comment' # one") == "echo '# not a comment'"
    assert without_comment('curl -d "a#b" x') == 'curl -d "a#b" x'


# -- running the blocks -----------------------------------------------------------------------


def _base_env() -> dict[str, str]:
    """The caller's environment without the settings and make's own variables of the run
    that started the tests (a reader's shell has neither)."""
    return {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("VRAAGWIJZER_") and k not in {"MAKEFLAGS", "MAKELEVEL", "MFLAGS"}
    }


@pytest.fixture(scope="session")
def seeded_var(tmp_path_factory, analyzer) -> Path:
    """``var/`` as ``make demo`` leaves it (migrated, seeded, the NLU model trained), made
    once and copied for each block."""
    clone = tmp_path_factory.mktemp("readme-template")
    (clone / "var" / "nlu").mkdir(parents=True)
    model = NLU_CACHE / f"model-{fingerprint()}.pkl"  # the model the analyzer fixture made
    shutil.copyfile(model, clone / "var" / "nlu" / model.name)
    for args in (["db", "upgrade"], ["demo", "seed"]):
        result = subprocess.run(
            [str(VENV / "bin" / "vraagwijzer"), *args],
            cwd=clone,
            env={**_base_env(), "VRAAGWIJZER_DEMO": "true"},
            capture_output=True,
            text=True,
            timeout=COMMAND_SECONDS,
            check=False,
        )
        assert result.returncode == 0, result.stderr
    return clone / "var"


@dataclass
class Server:
    port: int
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@dataclass
class Run:
    """One block's run: its directory, the values read from earlier answers, the variables
    its ``export`` lines set, and what it started."""

    block: Block
    clone: Path
    values: dict[str, str] = field(default_factory=dict)
    exported: dict[str, str] = field(default_factory=dict)
    database: str | None = None
    server: Server | None = None
    transcript: list[str] = field(default_factory=list)

    @property
    def env(self) -> dict[str, str]:
        return {**_base_env(), **self.exported}

    # -- placeholders

    def fill(self, command: str) -> str:
        for key, value in self.values.items():
            if key in ("ID", "TOKEN"):
                command = re.sub(rf"(?<![\w-]){key}(?![\w-])", value, command)
            else:
                command = command.replace(key, value)
        if self.database:
            command = re.sub(r"postgresql\+psycopg://\S+", self.database, command)
        if self.server:
            command = command.replace("127.0.0.1:8080", f"127.0.0.1:{self.server.port}")
        code = without_comment(command)
        unfilled = [p for p in ("vwt_...", "VW-...", "127.0.0.1:8080") if p in code] + re.findall(
            r"(?<![\w-])(?:ID|TOKEN)(?![\w-])", code
        )
        assert not unfilled, f"nothing to fill in {unfilled} with in: {command}"
        return command

    def learn(self, output: str) -> None:
        """Remember what a placeholder later in the block stands for."""
        try:
            answer = json.loads(output)
        except ValueError:
            answer = None
        if isinstance(answer, dict):
            if "id" in answer and "token" in answer:
                self.values["ID"], self.values["TOKEN"] = answer["id"], answer["token"]
            if answer.get("tickets"):
                self.values["VW-..."] = answer["tickets"][0]["reference"]
        token = re.search(r"^(vwt_\S+)$", output, re.MULTILINE)
        if token:
            self.values["vwt_..."] = token.group(1)
        listed = re.findall(r"^\s*(\d+)\s+vwt_", output, re.MULTILINE)
        if listed:
            self.values["ID"] = listed[-1]

    # -- the ways a command is checked

    def run(self, command: str) -> None:
        command = self.fill(command)
        if command.startswith("curl "):
            command = "curl --fail-with-body " + command.removeprefix("curl ")
        name = re.match(r"export ([A-Za-z_][A-Za-z0-9_]*)=", command)
        script = f'{command}\nprintf %s "${name.group(1)}"' if name else command
        result = subprocess.run(
            ["bash", "-o", "pipefail", "-c", script],
            cwd=self.clone,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=COMMAND_SECONDS,
            check=False,
        )
        self.transcript.append(f"$ {command}\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
        assert result.returncode == 0, self.failure(f"exit code {result.returncode}")
        if name:
            self.exported[name.group(1)] = result.stdout
            assert result.stdout, self.failure(f"{name.group(1)} is empty")
        else:
            self.learn(result.stdout)

    def make_dry_run(self, command: str) -> None:
        words = shlex.split(without_comment(command))
        result = subprocess.run(
            ["make", "-n", *words[1:]],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        self.transcript.append(f"$ make -n {' '.join(words[1:])}\n{result.stdout[-2000:]}")
        assert result.returncode == 0, self.failure(result.stderr)
        assert result.stdout.strip(), self.failure("the recipe is empty")

    def check(self, command: str) -> None:
        words = shlex.split(without_comment(command))
        if words[0] == "sudo":
            words = words[1:]
            while words and words[0].startswith("-"):
                words = words[2:] if words[0] in ("-u", "-g") else words[1:]
        program = words[0]
        path = os.environ.get("PATH", "") + ":/usr/sbin:/sbin:/usr/bin:/bin"
        found = shutil.which(program, path=path)
        assert found, self.failure(f"{program} is not on this machine")
        options = [w.split("=")[0] for w in words[1:] if w.startswith("--")]
        if options:
            helped = subprocess.run(
                [found, "--help"], capture_output=True, text=True, timeout=30, check=False
            )
            for option in options:
                assert option in helped.stdout + helped.stderr, self.failure(
                    f"{program} --help does not know {option}"
                )
        self.transcript.append(f"checked: {program} {' '.join(options)}")

    def serve(self, command: str) -> None:
        port = free_port()
        command = self.fill(command)
        env = self.env
        cwd = self.clone
        telegram = FakeTelegram() if "123456:ABC..." in command else None
        with telegram.serving() if telegram else nullcontext():
            if telegram:
                command = command.replace("123456:ABC...", telegram.token)
                env["VRAAGWIJZER_TELEGRAM_BASE_URL"] = telegram.base_url
            if re.search(r"(^|\s)make demo\b", command):
                # In the repository, as a reader runs it, with a data directory of our own;
                # never reinstalling .venv under the running tests (make test installs first).
                stale = subprocess.run(["make", "-q", "install"], cwd=ROOT, env=env, check=False)
                assert stale.returncode == 0, self.failure(".venv is out of date: make install")
                cwd = ROOT
                data_dir = self.clone / "make-demo"
                env.update(PORT=str(port), VRAAGWIJZER_DATA_DIR=str(data_dir))
                # As a reader's second `make demo`: the model trained on the same data is
                # there, so `nlu train --if-changed` keeps it (tests/nlu test the training
                # itself); the database starts empty and is migrated and seeded.
                model = NLU_CACHE / f"model-{fingerprint()}.pkl"
                (data_dir / "nlu").mkdir(parents=True, exist_ok=True)
                shutil.copyfile(model, data_dir / "nlu" / model.name)
            else:
                command = command.replace("--host 0.0.0.0", "--host 127.0.0.1")
                command = re.sub(r"--port 8080\b", f"--port {port}", command)
                if "--port" not in command:
                    command = re.sub(
                        r"vraagwijzer serve\b", f"vraagwijzer serve --port {port}", command
                    )
            with self.started(command, cwd, env, port) as server:
                if telegram:
                    deadline = time.monotonic() + 60
                    while not telegram.calls_of("getUpdates"):
                        assert time.monotonic() < deadline, self.failure(
                            "the Telegram channel did not start polling", server.log
                        )
                        time.sleep(0.2)
                self.transcript.append(f"$ {command}\n(answered /readyz on port {port})")

    @contextmanager
    def started(self, command: str, cwd: Path, env: dict[str, str], port: int) -> Iterator[Server]:
        log = self.clone / f"server-{port}.log"
        with log.open("wb") as sink:
            process = subprocess.Popen(
                ["bash", "-c", command],
                cwd=cwd,
                env=env,
                stdout=sink,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        server = Server(port, process, log)
        try:
            deadline = time.monotonic() + READY_SECONDS
            while True:
                assert process.poll() is None, self.failure(
                    f"`{command}` exited with {process.returncode}", log
                )
                if _ready(f"{server.url}/readyz"):
                    break
                assert time.monotonic() < deadline, self.failure(
                    f"`{command}` did not answer /readyz", log
                )
                time.sleep(0.25)
            yield server
        finally:
            stop(process)
            keep_log(log)

    # -- set-up and reporting

    def failure(self, what: str, log: Path | None = None) -> str:
        tail = log.read_text(errors="replace")[-3000:] if log and log.exists() else ""
        done = "\n".join(self.transcript[-4:])
        return f"README line {self.block.line}: {what}\n--- so far:\n{done}\n--- log:\n{tail}"


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop what a command started: its whole process group (make and its server), as
    Ctrl+C in a terminal would; what is still there after 30 seconds is killed."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        process.poll()
        try:
            os.killpg(process.pid, 0)  # anyone of the group left?
        except ProcessLookupError:
            return
        time.sleep(0.1)
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)


def keep_log(log: Path) -> None:
    """A server's log joins the run's logs, which tools.check_logs searches."""
    folder = os.environ.get(LOG_DIR_ENV)
    if folder and log.exists():
        shutil.copyfile(log, Path(folder) / f"readme-{os.getpid()}-{log.name}")


def a_referral_for_wt_oost(clone: Path, analyzer) -> None:
    database = f"sqlite:///{clone / 'var' / 'vraagwijzer.db'}"
    app = build_application(make_settings(database, clone / "var"), analyzer=analyzer)
    try:
        app.tickets.create(
            NewTicket(
                team_id="wt-oost",
                conversation_id="readme-conversation",
                channel="web",
                locale="nl",
                summary="Vraag over schulden en de huur",
                contact_method=ContactMethod.EMAIL,
                email="readme-test@example.org",
                domains=("money", "housing"),
                consent=Consent("Mag het wijkteam u mailen?", app.clock(), "web", "nl"),
            ),
            idempotency_key="readme-test",
        )
    finally:
        app.close()


def warm_up(server: Server) -> None:
    """The server has answered a resident (so that its reply metrics have a sample)."""
    started = httpx.post(f"{server.url}/api/v1/conversations", timeout=30).json()
    answered = httpx.post(
        f"{server.url}/api/v1/conversations/{started['id']}/messages",
        headers={"Authorization": f"Bearer {started['token']}"},
        json={"text": "waar is het buurthuis"},
        timeout=60,
    )
    assert answered.status_code < 300, answered.text


@contextmanager
def own_postgres_database() -> Iterator[str]:
    base = postgres_url_or_skip()
    name = f"vw_readme_{uuid.uuid4().hex[:8]}"
    admin = make_engine(base).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield base.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _param(block: Block):  # type: ignore[no-untyped-def]
    marks = [pytest.mark.slow]
    if "postgresql+psycopg://" in block.body:
        marks.append(pytest.mark.postgres)
    return pytest.param(block, id=block.name, marks=marks)


@pytest.mark.parametrize("block", [_param(b) for b in SHELL_BLOCKS])
def test_the_readme_block_works_as_written(block: Block, tmp_path, seeded_var, analyzer):
    clone = tmp_path / "clone"
    clone.mkdir()
    (clone / ".venv").symlink_to(VENV)
    (clone / "eval").symlink_to(ROOT / "eval")
    shutil.copytree(seeded_var, clone / "var")
    run = Run(block, clone)
    commands = block.commands()
    talks_to_server = any("127.0.0.1:8080" in c and block.how(c) == "run" for c in commands)
    with (
        own_postgres_database() if "postgresql+psycopg://" in block.body else nullcontext()
    ) as database:
        run.database = database
        port = free_port()
        background = (
            run.started(
                f"exec .venv/bin/vraagwijzer serve --port {port}",
                clone,
                {**run.env, "VRAAGWIJZER_DEMO": "true"},
                port,
            )
            if talks_to_server
            else nullcontext()
        )
        with background as server:
            if server is not None:
                run.server = server
                warm_up(server)
                a_referral_for_wt_oost(clone, analyzer)
            for command in commands:
                how = block.how(command)
                if how == "run":
                    run.run(command)
                elif how == "serve":
                    run.serve(command)
                elif how == "make -n":
                    run.make_dry_run(command)
                else:
                    run.check(command)
    print("\n".join(run.transcript))  # shown with -rP


def _ready(url: str) -> bool:
    """Whether the server answers 200. With the standard library, which closes the
    connection on every error: a poll that timed out while the server was still starting
    left an httpx socket behind, reported as unraisable in a later test."""
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (loopback)
            return bool(response.status == 200)
    except (OSError, http.client.HTTPException):
        return False
