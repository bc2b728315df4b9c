"""Run one command and print its wall time, CPU time and peak RSS as JSON.

Run as a script in a fresh process per measurement: RUSAGE_CHILDREN then covers this one command
(and the processes it waited for) and nothing measured before it.

    python bench/wrap.py CMD [ARGS...]
"""

import json
import resource
import subprocess
import sys
import time


def main() -> None:
    start = time.perf_counter()
    proc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({
        "rc": proc.returncode,
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "maxrss_kib": usage.ru_maxrss,  # KiB on Linux: the largest single process, not a sum
        "stderr": proc.stderr.decode("utf-8", "replace")[-2000:],
    }))


if __name__ == "__main__":
    main()
