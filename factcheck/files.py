"""The files factcheck reads and writes beside the user's: regular files only, written whole, under a lock.

A run reads what anyone may have committed (a FIFO that never ends, a symlink to elsewhere) and
writes where a checkout says; so reads refuse what is not a regular file, and writes refuse to
replace anything but one, never follow a link on the way, and leave no half-written file.
"""

from __future__ import annotations

import os
import re
import stat
import sys
import tempfile
import time
from collections.abc import Iterable
from contextlib import contextmanager
from pathlib import Path

from .errors import FactcheckError

TEMP_SUFFIX = ".factcheck-tmp"  # git-ignored; what a killed run leaves is removed by the next write
_TEMP = re.compile(r"\..+\.(\d+)\.[A-Za-z0-9_]+" + re.escape(TEMP_SUFFIX))
_STALE_SECONDS = 3600  # where a process cannot be asked whether it is alive (Windows)


def kind(mode: int) -> str | None:
    """What a file that is not a regular one is, for a message; None for a regular file."""
    for test, name in ((stat.S_ISREG, None), (stat.S_ISLNK, "a symlink"), (stat.S_ISDIR, "a directory"),
                       (stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device"),
                       (stat.S_ISBLK, "a device")):
        if test(mode):
            return name
    return "not a regular file"


def read_regular(path: str | os.PathLike, error: type[FactcheckError], max_bytes: int | None = None) -> bytes:
    """A regular file's bytes. Opened without blocking, so a FIFO is refused instead of read forever."""
    where = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as e:
        raise error(f"cannot read: {e.strerror or e}", where) from None
    with os.fdopen(fd, "rb") as f:
        try:
            st = os.fstat(fd)
            what = kind(st.st_mode)
            if what:
                raise error(f"{what}, not a regular file", where)
            if max_bytes is not None and st.st_size > max_bytes:
                raise error(f"file is {st.st_size} bytes, over the {max_bytes}-byte limit (--max-bytes)", where)
            return f.read() if max_bytes is None else f.read(max_bytes + 1)
        except OSError as e:
            raise error(f"cannot read: {e.strerror or e}", where) from None


def check_target(path: str | os.PathLike, force: bool = False, hint: str = "") -> None:
    """Refuse to write over anything but a regular file (a FIFO, a device, a symlink: a link would
    be replaced, and whatever it points to left alone, only with force), and to write through a
    directory that is a symlink on the way from the working directory."""
    target = Path(path)
    if not target.is_absolute():
        here = Path()
        for part in target.parent.parts:
            here = here / part
            if here.is_symlink():
                raise FactcheckError(f"{here} is a symlink; factcheck does not write through links", str(path))
    try:
        what = kind(os.lstat(target).st_mode)
    except FileNotFoundError:
        return
    if what and not (force and what != "a directory"):
        raise FactcheckError(f"{what}, not a regular file: not replaced{hint}", str(path))


def write_atomic(path: str, text: str | Iterable[str], force: bool = False, hint: str = "") -> None:
    """Write via a temporary file and a rename, so an interrupted run leaves the old file whole.
    `text` may come in pieces, written as they come: a large report is never held as one string,
    and an error while its pieces are made leaves the old file as it was."""
    pieces = [text] if isinstance(text, str) else text
    if path == "-":
        sys.stdout.writelines(pieces)
        sys.stdout.flush()
        return
    check_target(path, force, hint)
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    clean_stale(target.parent)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=TEMP_SUFFIX, dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.writelines(pieces)
            f.flush()
            os.fsync(f.fileno())  # the rename must not land before the data
        os.chmod(tmp, _mode_for(target))  # mkstemp makes 0600; keep what the file had
        os.replace(tmp, target)  # replaces a symlink itself (with force), never what it points to
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _mode_for(target: Path) -> int:
    try:
        st = os.lstat(target)
        if stat.S_ISREG(st.st_mode):
            return stat.S_IMODE(st.st_mode)
    except FileNotFoundError:
        pass
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def clean_stale(directory: str | os.PathLike) -> None:
    """Remove the temporary files of runs that were killed before their rename: those whose process
    is gone (or, where that cannot be asked, that are an hour old). A live run's file is left."""
    try:
        names = os.listdir(directory)
    except OSError:
        return
    for name in names:
        m = _TEMP.fullmatch(name)
        if m and not _alive(int(m[1]), os.path.join(directory, name)):
            try:
                os.unlink(os.path.join(directory, name))  # unlink removes a link, never its target
            except OSError:
                pass


def _alive(pid: int, path: str) -> bool:
    if pid == os.getpid():
        return True
    if os.name == "nt":  # os.kill would signal the process there
        try:
            return time.time() - os.lstat(path).st_mtime < _STALE_SECONDS
        except OSError:
            return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # another user's process, or a pid no process can have: leave it
    return True


@contextmanager
def locked(path: str | os.PathLike):
    """Hold an exclusive lock on the directory that holds `path` (or on `path`, a directory) while
    a file in it is read, changed and written, so concurrent runs take turns instead of one
    overwriting what the other added. Advisory (flock); where there is none (Windows), an OS lock on a
    file in the cache directory (filelock), so no lock file sits beside the user's files."""
    try:
        import fcntl
    except ImportError:
        import hashlib

        from filelock import FileLock

        locks = Path(".factcheck-cache", "locks")
        locks.mkdir(parents=True, exist_ok=True)
        key = hashlib.sha256(os.path.abspath(os.fspath(path)).encode("utf-8")).hexdigest()[:16]
        with FileLock(str(locks / f"{key}.lock")):
            yield
        return
    d = path if os.path.isdir(path) else os.path.dirname(os.fspath(path)) or "."
    os.makedirs(d, exist_ok=True)
    fd = os.open(d, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock
