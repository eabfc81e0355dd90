"""Summarises a stored session's scheduler lateness (cue onset − scheduled onset).

Reads `GET /api/sessions/ID` JSON on stdin; prints p50, p99 and max in µs.
"""
import json
import sys


def percentile(values, p):
    values = sorted(values)
    position = p * (len(values) - 1)
    lower = int(position)
    upper = min(lower + 1, len(values) - 1)
    return values[lower] + (values[upper] - values[lower]) * (position - lower)


def main():
    label = sys.argv[1] if len(sys.argv) > 1 else "session"
    session = json.load(sys.stdin)["session"]
    trials = session["result"]["trials"]
    late = [t["timing"]["scheduler_lateness_nanoseconds"] / 1000 for t in trials
            if t["timing"].get("scheduler_lateness_nanoseconds") is not None]
    if not late:
        print(f"  {label}: no cue onsets recorded")
        return
    print(f"  {label}: {len(late)} cues, lateness p50 {percentile(late, 0.5):.0f} µs, "
          f"p99 {percentile(late, 0.99):.0f} µs, max {max(late):.0f} µs ({session['status']})")
    print(f"RESULT label={label.replace(' ', '_')} p50_us={percentile(late, 0.5):.1f} p99_us={percentile(late, 0.99):.1f} max_us={max(late):.1f}")


main()
