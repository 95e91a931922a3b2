"""How much faster two processes are than one on this machine, for pure CPU work.

The ceiling for `batch --jobs 2` against `--jobs 1`: on a shared VM two cores rarely
give twice the speed. Run: python3 bench/cores.py
"""

import multiprocessing
import time


def spin(n):
    total = 0
    for i in range(n):
        total += i * i
    return total


def main():
    n = 6_000_000
    start = time.perf_counter()
    spin(n)
    spin(n)
    serial = time.perf_counter() - start
    start = time.perf_counter()
    with multiprocessing.Pool(2) as pool:
        pool.map(spin, [n, n])
    parallel = time.perf_counter() - start
    print(f"serial {serial:.2f} s, two processes {parallel:.2f} s: {serial / parallel:.2f}x (pool start-up included)")


if __name__ == "__main__":
    main()
