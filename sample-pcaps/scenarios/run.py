#!/usr/bin/env python3
"""Command line for capture.sh (and for people poking at one scenario).

  run.py list                      scenario names, one per line
  run.py describe NAME             the scenario's docstring
  run.py sysctls NAME              lines "cli|srv NAME VALUE" to set before the run
  run.py run NAME --cli NS --srv NS [--sync DIR]
                                   play the scenario in two existing namespaces
  run.py check NAME FILE           does the capture show what NAME should?
  run.py show FILE                 the TCP segments of a capture, one per line
"""

import argparse
import signal
import sys

# Importing the modules registers their scenarios, in this order.
import basic            # noqa: F401
import simultaneous     # noqa: F401
import resets           # noqa: F401
import losses           # noqa: F401
import reuse            # noqa: F401
import mixed            # noqa: F401
import zeek             # noqa: F401
from lab import SCENARIOS, Lab, ScenarioError
from pcapread import read_segments


def _scenario(name):
    if name not in SCENARIOS:
        sys.exit(f"unknown scenario {name!r}; try: run.py list")
    return SCENARIOS[name]


def _run(args):
    entry = _scenario(args.name)
    lab = Lab(entry.family, args.cli, args.srv, args.sync)
    # capture.sh stops us with SIGTERM (timeout, Ctrl-C): leave no children.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        entry.func(lab)
    except ScenarioError as exc:
        sys.exit(f"{args.name}: {exc}")
    finally:
        lab.kill_all()


def _check(args):
    entry = _scenario(args.name)
    try:
        entry.check(read_segments(args.file))
    except (AssertionError, ValueError, IndexError, TypeError) as exc:
        sys.exit(f"{args.name}: capture check failed: {exc or type(exc).__name__}")


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list")
    for command in ("describe", "sysctls"):
        sub.add_parser(command).add_argument("name")
    run = sub.add_parser("run")
    run.add_argument("name")
    run.add_argument("--cli", required=True)
    run.add_argument("--srv", required=True)
    run.add_argument("--sync")
    check = sub.add_parser("check")
    check.add_argument("name")
    check.add_argument("file")
    sub.add_parser("show").add_argument("file")
    args = parser.parse_args()

    if args.command == "list":
        print("\n".join(SCENARIOS))
    elif args.command == "describe":
        print(_scenario(args.name).doc)
    elif args.command == "sysctls":
        for side, settings in _scenario(args.name).sysctls.items():
            for key, value in settings.items():
                print(side, key, value)
    elif args.command == "run":
        _run(args)
    elif args.command == "check":
        _check(args)
    elif args.command == "show":
        for seg in read_segments(args.file):
            print(seg)


if __name__ == "__main__":
    main()
