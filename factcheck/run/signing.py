"""The secret that signs cache entries a reader could not check otherwise: results without claims.

An entry with claims proves itself against its source (each claim quotes it); an empty one proves
nothing, and an attacker who can write the cache could empty any entry. So an empty entry is stored
with an HMAC under a secret that never travels with the cache: a per-user file outside it
($XDG_STATE_HOME/factcheck/cache-key, else ~/.local/state/...), readable by its owner only. A cache
copied from elsewhere (another machine, a CI cache, a repository) comes without it, and its empty
entries are misses. Where no such file can be made or trusted, there is no key and empty results
are simply not stored.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import stat
from functools import lru_cache
from pathlib import Path

NAME = "cache-key"
_BYTES = 32


def key_path() -> Path | None:
    state = os.environ.get("XDG_STATE_HOME")
    if state and os.path.isabs(state):
        return Path(state, "factcheck", NAME)
    home = os.path.expanduser("~")
    return Path(home, ".local", "state", "factcheck", NAME) if os.path.isabs(home) else None


@lru_cache(maxsize=1)
def key() -> bytes | None:
    """This user's secret, made on first use; None where it cannot be made or is not safe to trust."""
    path = key_path()
    if path is None:
        return None
    try:
        return _read(path)
    except FileNotFoundError:
        pass
    except OSError:
        return None
    try:
        return _create(path)
    except OSError:
        return None


def sign(secret: bytes, row: str, payload: bytes) -> str:
    """The MAC of one entry: its row key and its payload."""
    return hmac.new(secret, row.encode() + b"\0" + payload, hashlib.sha256).hexdigest()


def verify(secret: bytes | None, row: str, payload: bytes, mac) -> bool:
    return secret is not None and type(mac) is str and hmac.compare_digest(mac, sign(secret, row, payload))


def _read(path: Path) -> bytes | None:
    """The key, if the file is a regular file (not a link) of this user's that no one else can
    read or write, holding one key; else None (and it is left as it is)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))  # a FIFO must not hang the run
    try:
        st = os.fstat(fd)
        data = os.read(fd, 4 * _BYTES)
    finally:
        os.close(fd)
    if not stat.S_ISREG(st.st_mode) or not _private(st):
        return None
    text = data.decode("ascii", "replace").strip()
    return bytes.fromhex(text) if len(text) == 2 * _BYTES and all(c in "0123456789abcdef" for c in text) else None


def _private(st: os.stat_result) -> bool:
    if os.name == "nt":  # no owner or mode bits to read there; the profile directory is the user's
        return True
    return st.st_uid == os.getuid() and stat.S_IMODE(st.st_mode) & 0o077 == 0


def _create(path: Path) -> bytes | None:
    """A new key, written whole to a file of its own and then linked into place, so a concurrent
    run reads either no key file or a complete one; the run that loses the race reads the other's."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    tmp = path.with_name(f"{NAME}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as f:
            f.write(secrets.token_hex(_BYTES) + "\n")
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
    finally:
        tmp.unlink(missing_ok=True)
    return _read(path)
