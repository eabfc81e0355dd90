#!/usr/bin/env python3
"""Reads a cyclictest histogram (-h N -q) on stdin; prints p50/p99/max wake-up latency in µs."""
import sys

counts = {}
maximum = None
for line in sys.stdin:
    if line.startswith("# Max Latencies:"):
        maximum = int(line.split()[-1])
    elif line[:1].isdigit():
        parts = line.split()
        if len(parts) >= 2 and int(parts[1]) > 0:
            counts[int(parts[0])] = counts.get(int(parts[0]), 0) + int(parts[1])
total = sum(counts.values())
if not total:
    print("cyclictest: no samples")
    sys.exit(1)


def percentile(p):
    seen = 0
    for latency in sorted(counts):
        seen += counts[latency]
        if seen >= p * total:
            return latency
    return max(counts)


print(f"cyclictest wake-up latency:     p50 {percentile(0.5)} µs  p99 {percentile(0.99)} µs  max {maximum if maximum is not None else max(counts)} µs ({total} samples)")
print(f"RESULT p50={percentile(0.5)} p99={percentile(0.99)} max={maximum if maximum is not None else max(counts)}")
