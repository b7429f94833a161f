"""``python -m bench <benchmark> ...``: each benchmark is a module named in ``BENCHMARKS``.

A benchmark module provides ``add_arguments(parser)`` and ``run(args) -> int``; its docstring's
first line is its help. Register a new one by adding a line to ``BENCHMARKS``.
"""

import argparse
import importlib
import sys
from typing import Protocol, cast

BENCHMARKS = {
    "generate": "bench.generate",
    "lists": "bench.bench_lists",
    "soak-gui": "bench.soak_gui",
    "excel": "bench.bench_excel",
    "timeline": "bench.bench_timeline",
    "window": "bench.bench_window",
    "capture": "bench.bench_capture",
    "import-undo": "bench.bench_import_undo",
    "deck": "bench.bench_deck",
    "performance": "bench.bench_performance",
    "investor": "bench.bench_investor",
    "sparse": "bench.bench_sparse",
    "roundtrip": "bench.bench_roundtrip",
}


class Benchmark(Protocol):
    """What ``python -m bench`` needs from a benchmark module."""

    def add_arguments(self, parser: argparse.ArgumentParser) -> None: ...

    def run(self, args: argparse.Namespace) -> int: ...


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    commands = parser.add_subparsers(dest="benchmark", required=True)
    modules: dict[str, Benchmark] = {}
    for name, module_name in BENCHMARKS.items():
        module = importlib.import_module(module_name)
        summary = (module.__doc__ or name).strip().splitlines()[0]
        modules[name] = cast(Benchmark, module)
        modules[name].add_arguments(commands.add_parser(name, help=summary, description=summary))
    args = parser.parse_args(argv)
    return modules[args.benchmark].run(args)


if __name__ == "__main__":
    sys.exit(main())
