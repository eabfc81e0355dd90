#!/usr/bin/env python3
"""Checks the results of gpio-scenarios.sh (run in the virtual station's guest).

usage: check_gpio.py RESULTS_DIR GUEST_LOG [LIBGPIOD_API]

Prints one line per check, the measured figures, and 'N passed, M failed'.
Exits non-zero when a check fails.
"""
import json
import os
import re
import sqlite3
import statistics
import sys

results, guest_log = sys.argv[1], sys.argv[2]
expected_api = sys.argv[3] if len(sys.argv) > 3 else None
passed = failed = 0


def read(name, default=""):
    path = os.path.join(results, name)
    return open(path).read() if os.path.exists(path) else default


def rc(name):
    text = read(name).strip()
    return int(text) if text.lstrip("-").isdigit() else None


def check(name, condition, detail=""):
    global passed, failed
    if condition:
        passed += 1
        print(f"PASS {name}")
    else:
        failed += 1
        print(f"FAIL {name}" + (f": {detail}" if detail else ""))


if not os.path.isdir(results):
    print(open(guest_log).read()[-4000:])
    print("0 passed, 1 failed")
    sys.exit(1)

# 1. hardware check: chip found by label, lines free, bias + active-low honoured (all released).
text = read("check.txt")
check("hardware check exits 0", rc("check.rc") == 0, text[-500:])
check("hardware check finds the chip by its label", "[snapcue]" in text, text[:300])
if expected_api:
    check(f"the binary uses the libgpiod {expected_api}.x API", f"(API {expected_api})" in text, text[:200])
check("bias pull-up + active low: every switch reads released",
      "requested every line" in text and "PRESSED" not in text and text.count("released") == 4, text[-400:])

# 2. a line held by another program.
text = read("busy.txt")
check("hardware check names the program holding a line", rc("busy.rc") == 2 and "in use by 'gpiomon'" in text, text[-400:])
text = read("busy-run.txt")
check("run refuses a busy line with the switch, line and holder",
      rc("busy-run.rc") == 2 and "switch 'pad2'" in text and "in use by 'gpiomon'" in text, text[-400:])

# 3. a missing chip.
text = read("missing.txt")
check("a missing chip is a clear error listing the chips present",
      rc("missing.rc") == 2 and "no-such-chip" in text and "chips here:" in text and "[snapcue]" in text, text[-400:])

# 4. the drill against the athlete's truth.
session_rc = rc("session.rc")
check("the drill completes", session_rc == 0, read("session.err")[-600:])
try:
    session = json.loads(read("session.json"))["session"]
except (ValueError, KeyError):
    session = {"trials": []}
trials = session["trials"]
truth = [json.loads(line) for line in read("truth.jsonl").splitlines() if line.strip()]
check("24 trials recorded", len(trials) == 24, f"{len(trials)} trials")
outcomes = [t["sides"][0]["outcome"] for t in trials]
check("every response is a hit on the lit pad", outcomes == ["hit"] * len(trials) and len(trials) > 0, str(outcomes))
check("the athlete responded to every cue", len(truth) == len(trials), f"{len(truth)} responses, {len(trials)} trials")
errors = []
bounce_ok = True
bursts_within_window = 0
half_widths = []
DEBOUNCE_NS = 10_000_000  # the virtual station's switches: debounce 10ms
for trial, fact in zip(trials, truth):
    side = trial["sides"][0]
    if side["outcome"] != "hit" or fact["switch"] != side.get("responded_switch"):
        continue
    truth_rt = fact["press_write_start_ns"] - fact["seen_ns"]
    errors.append((side["reaction_time_nanoseconds"] - truth_rt) / 1000)
    # The onset is the light-set call's midpoint: the light may have changed anywhere within its half-width.
    half_widths.append((trial["timing"].get("onset_uncertainty_nanoseconds") or 0) / 1000)
    presses = [e for e in trial["edges"] if e["kind"] == "press" and e["switch"] == fact["switch"]]
    if fact["bounce"]:
        # Emulation can stretch a burst; only bursts that really ended inside the debounce window must collapse.
        if fact["burst_end_ns"] - fact["press_write_start_ns"] < DEBOUNCE_NS:
            bursts_within_window += 1
            bounce_ok &= "bounce" in trial["timing"]["flags"] and len(presses) == 1
    else:
        bounce_ok &= len(presses) == 1
check("bounce within the debounce window is one press (first edge kept) and the trial is flagged",
      bounce_ok and bursts_within_window > 0, f"{bursts_within_window} bursts inside the window")
if errors:
    mean = statistics.mean(errors)
    sd = statistics.pstdev(errors)
    worst = max(abs(e) for e in errors)
    print(f"figures: reaction-time error vs athlete truth over {len(errors)} hits: "
          f"mean {mean:.1f} µs, SD {sd:.1f} µs, max |error| {worst:.1f} µs "
          "(= write→kernel-edge latency − light-detection latency, both inflated by emulation)")
    # Snapcue's RT = truth + (write → kernel edge) + (onset → athlete saw the light): never less than the truth
    # (beyond the onset's half-width), and under emulation a few ms more at most.
    # A preempted light-set call widens that window (seen: −306 µs on a loaded host), so each trial is
    # judged against its own recorded half-width.
    beyond = [error + width for error, width in zip(errors, half_widths)]
    check("no reaction time is shorter than the athlete's truth beyond the onset's recorded half-width (kernel edge timestamps)",
          min(beyond) > -100, f"min {min(errors):.0f} µs, {min(beyond):.0f} µs beyond the half-width")
    # The excess is the emulated athlete's own latencies, whose tail reaches several ms when the host is busy
    # (its light detection alone: max 7.4 ms in one CI run). The median stays near 1.5 ms; a timestamp taken
    # from the wrong edge or after a read would move it by far more than 3 ms, or the max beyond 20 ms.
    median = statistics.median(errors)
    check("reaction times exceed the truth by a median of at most 3 ms and never by 20 ms (emulated athlete's latencies)",
          median < 3000 and worst < 20000, f"median {median:.0f} µs, max {worst:.0f} µs")
    lateness = [t["timing"]["scheduler_lateness_nanoseconds"] / 1000 for t in trials if t["timing"].get("scheduler_lateness_nanoseconds") is not None]
    if lateness:
        lateness.sort()
        print(f"figures: scheduler lateness p50 {lateness[len(lateness) // 2]:.1f} µs, max {lateness[-1]:.1f} µs")
else:
    check("reaction times match the athlete's truth", False, "no comparable trials")

# 5. calibration through the zero-delay jumper.
text = read("calibrate.txt")
# A real jumper wire never misses a cue; the virtual one polls, and a guest stalled through a light's whole
# off time (20–60 ms between cues) never sees the next onset, so it never presses. Snapcue then rightly counts
# the cue lost and exits 3. So: every press the jumper made must have been seen (presses + lost = 300, a lost
# press would make it 301), and the jumper may miss at most 3 % (seen in CI: 7 of 300 with 47 ms stalls).
lost = re.search(r"cues 300, lost (\d+)", text)
presses = sum(1 for line in read("jumper.jsonl").splitlines() if '"jumper_press"' in line)
lost = int(lost.group(1)) if lost else None
print(f"figures: calibration cues lost {lost}, jumper presses {presses}")
check("calibration runs 300 cues and sees every press the jumper made",
      lost is not None and presses + lost == 300 and lost <= 9 and rc("calibrate.rc") == (0 if lost == 0 else 3), text[-600:])
for line in text.splitlines():
    if "latency" in line or "lateness" in line or "light-set" in line:
        print("figures: calibration " + line.strip())
check("calibration is saved next to the station file", os.path.exists(os.path.join(results, "calibration.yaml.calibration.json")))

# 6. the chip disappears mid-drill.
text = read("unplug.err")
try:
    unplugged = json.loads(read("unplug.json"))["session"]
except (ValueError, KeyError):
    unplugged = {"trials": [], "end": {}}
check("a chip removed mid-drill stops the drill with a station-fault exit (3)", rc("unplug.rc") == 3, f"rc {rc('unplug.rc')}; {text[-400:]} {read('unplug-live.err')}")
check("the trials done before the fault are kept", len(unplugged["trials"]) >= 3 and "aborted" in unplugged.get("end", {}),
      f"{len(unplugged['trials'])} trials, end {unplugged.get('end')}")

# The results database the guest's drills wrote (one commit per trial).
stored = {}
db_path = os.path.join(results, "station.db")
if os.path.exists(db_path):
    with sqlite3.connect(db_path) as db:
        for seed, status, trials, reason in db.execute("SELECT seed, status, trial_count, end_reason FROM session"):
            stored[seed] = (status, trials, reason)
try:
    drill_trials = len(json.loads(read("session.json"))["session"]["trials"])
except (ValueError, KeyError):
    drill_trials = -1
check("the results database holds the drill as complete, every trial committed", stored.get(7, (None, None))[:2] == ("complete", drill_trials),
      f"stored {stored.get(7)}, printed {drill_trials} trials")
check("the results database keeps the unplugged session as aborted, with every trial done", stored.get(9, (None, None))[:2] == ("aborted", len(unplugged["trials"])),
      f"stored {stored.get(9)}, printed {len(unplugged['trials'])} trials")

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
