#!/usr/bin/env python3
"""End-to-end accuracy report for accuracy-scenarios.sh (run in the virtual station).

usage: check_accuracy.py RESULTS_DIR [--goals]

Per trial, Snapcue's outcome is compared with the outcome the drill's rules
(timeout, anticipation threshold, from the scenario's drill file) give for
the athlete's presses as the kernel timed them: its trace holds every edge it
delivered, with its timestamp, so a press the busy host delayed across a
boundary (into the foreperiod, past the anticipation threshold or the
timeout) is judged where the kernel put it, not where the athlete meant it.
Where the trace cannot tell (an edge at a boundary within the slack of
Snapcue's own stamps and reads, a press and release merged into one read,
lost events), the trial is judged by the edges Snapcue itself recorded,
within what the trace allows, or counted as not judgeable: never invented.
Snapcue's reaction time is compared with the athlete's own (its write time
minus the time it saw the light).

The floor is what no station program can beat: the kernel's edge timestamp
comes some time after the athlete's write, and the athlete sees a light some
time after the kernel set it. Both are measured on the drill's own hits: the
write → edge latency from the edge Snapcue reported, the detection latency
from the kernel's record of the light onset (gpiolib's gpio_value trace
event, on CLOCK_MONOTONIC). Snapcue's error minus this floor is exactly the
error of Snapcue's recorded onset, which is also checked against the kernel's
onset on every trial (it must lie within the light-set call Snapcue timed).
The athlete's separate floor probe (its own line and light, between trials)
is reported for contrast, as is the naive approach (a user-space time taken
when the read returns) on the same edges. Without a trace (a kernel without
the event), the probe is the floor and the athlete's writes time its presses.
With --goals, the accuracy goals of the issue are checks too (bias within
50 µs of the floor's, SD ≤ 1.2 × the floor's); without it they are reported.
"""
import csv
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import stationcheck as sc  # noqa: E402

results = sc.Results(sys.argv[1])
goals = "--goals" in sys.argv
checks = sc.Checks()

station, drill = sc.load_scenario_files(checks, results, "accuracy-station.yaml", "accuracy-drill.yaml")
athlete = results.yaml("accuracy-athlete.yaml") or {}
hold_ns = sc.duration_ns(athlete.get("hold", "80ms"))
floor_light_line = int(athlete.get("floor_light", 14))
sc.check_athlete_started(checks, results, "accuracy", "the mixed drill")
checks.check("the mixed drill runs to the end", results.rc("accuracy-session.rc") == 0, results.text("accuracy-session.err")[-600:])
session = results.session("accuracy-session.json")
if session is None:
    checks.finish()
trials = session["trials"]
truth = results.jsonl("accuracy-truth.jsonl")
floors = [t for t in truth if t.get("kind") == "floor"]
kernel = sc.KernelTrace.load(results, "accuracy")
presses = sc.athlete_presses(truth, station, kernel, hold_ns)
timed = sum(p.kernel for p in presses)
checks.figure(f"{len(presses)} presses in the athlete's truth, {timed} timed by the kernel's delivered edges"
              + ("" if kernel else " (no kernel trace: the rest by the athlete's writes)"))

expected, counts = sc.judge_outcomes(checks, trials, presses, drill, f"outcome agreement 100 % over {len(trials)} trials",
                                     kernel, station)

errors, shortest_allowed, naive, floor_on_hits = [], [], [], []
onset_errors, outside_call = ({}, []) if kernel is None else sc.onset_agreement(trials, kernel, station)
# The per-trial report (accuracy-report.csv beside the results): Snapcue against the truth, trial by trial.
report = [["trial", "kind", "cue", "snapcue_outcome", "truth_outcome", "snapcue_rt_us", "truth_rt_us", "error_us",
           "floor_us", "onset_minus_kernel_us", "light_set_us"]]
for index, (trial, (outcome, press)) in enumerate(zip(trials, expected)):
    side = trial["sides"][0]
    row = {"trial": index + 1, "kind": trial["planned"]["kind"], "cue": trial["planned"].get("cue_name", ""),
           "snapcue_outcome": side["outcome"], "truth_outcome": outcome,
           "light_set_us": trial["timing"].get("light_set_nanoseconds", 0) / 1000 or ""}
    kernel_onset = None
    if index in onset_errors:
        row["onset_minus_kernel_us"] = onset_errors[index]
        kernel_onset = trial["onset"] - onset_errors[index] * 1000
    fact = press.fact if press else None
    if outcome == "hit" and side["outcome"] == "hit" and fact and "seen_ns" in fact:
        truth_rt = fact["press_write_start_ns"] - fact["seen_ns"]
        errors.append((side["reaction_time_nanoseconds"] - truth_rt) / 1000)
        # Snapcue's onset may lie up to half its set call after the light really came on; nothing else can
        # make its reaction time shorter than the athlete's (write → edge and detection are never negative).
        shortest_allowed.append(-trial["timing"].get("onset_uncertainty_nanoseconds", 0) / 1000 - 1)
        row.update(snapcue_rt_us=side["reaction_time_nanoseconds"] / 1000, truth_rt_us=truth_rt / 1000, error_us=errors[-1])
        if kernel_onset is not None:
            floor_on_hits.append(((side["response"] - fact["press_write_start_ns"]) + (fact["seen_ns"] - kernel_onset)) / 1000)
            row["floor_us"] = floor_on_hits[-1]
        edge = next((e for e in trial["edges"] if e["kind"] == "press" and e["switch"] == fact["switch"] and e.get("read_ns")), None)
        if edge:
            naive.append((edge["read_ns"] - trial["onset"] - truth_rt) / 1000)
    report.append([row.get(column, "") for column in report[0]])
with open(results.path("accuracy-report.csv"), "w", newline="") as file:
    csv.writer(file).writerows(report)
print(f"per-trial report: {results.path('accuracy-report.csv')}")

print("outcomes implied by the kernel-timed presses: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
needed = {"hit", "anticipation", "false_start", "miss", "wrong_target", "nogo_correct", "nogo_commission", "catch_correct", "stuck_switch"}
checks.check("every outcome kind was exercised", needed <= set(counts), f"missing {sorted(needed - set(counts))}")
if kernel is not None:
    press_counts = sc.judge_presses(
        checks, trials, presses, station, kernel,
        flagged_name="a trial is flagged 'bounce' exactly when the kernel delivered more than one edge within the debounce window",
        kept_name="each deciding press is one press stamped with the kernel's first edge")
    checks.figure(f"bounce: {press_counts['bursts']} bursts made; the kernel delivered {press_counts['bounced']} as more"
                  f" than one edge within the window, merged {press_counts['merged']} into one edge, stretched"
                  f" {press_counts['stretched']} past the window ({press_counts['unclear']} not clear-cut)")

write_edge = [f["write_to_edge_ns"] / 1000 for f in floors if "write_to_edge_ns" in f]
detect = [f["light_detect_ns"] / 1000 for f in floors if "light_detect_ns" in f]
if kernel is not None:
    checks.check("every recorded light onset lies within the light-set call Snapcue timed (kernel trace)",
                 not outside_call and onset_errors, "; ".join(outside_call[:8]) or "no onsets traced")
    if onset_errors:
        checks.figure(f"Snapcue's recorded onset − the kernel's: {sc.fmt(sc.stats(list(onset_errors.values())))}")
    floor_onsets = kernel.onsets(floor_light_line)
    probe_detect = [(f["seen_ns"] - k) / 1000 for f in floors if "seen_ns" in f
                    for k in [max((t for t in floor_onsets if t <= f["seen_ns"]), default=None)] if k]
    if probe_detect:
        checks.figure(f"probe between trials, light detection from the kernel's onset: {sc.fmt(sc.stats(probe_detect))}")
if write_edge and detect:
    checks.figure(f"probe between trials, write → kernel edge: {sc.fmt(sc.stats(write_edge))}")
    checks.figure(f"probe between trials, light detection:     {sc.fmt(sc.stats(detect))}")
if errors and (floor_on_hits or (write_edge and detect)):
    snap = sc.stats(errors)
    if floor_on_hits:
        floor = sc.stats(floor_on_hits)
        floor_bias, floor_sd, floor_name = floor["mean"], floor["sd"], "the floor on the same hits (write → edge + detection from the kernel's onset)"
        checks.figure(f"{floor_name}: {sc.fmt(floor)}")
    else:
        w, d = sc.stats(write_edge), sc.stats(detect)
        floor_bias, floor_sd, floor_name = w["mean"] + d["mean"], math.sqrt(w["sd"] ** 2 + d["sd"] ** 2), "the floor probe's sum"
        checks.figure(f"{floor_name}: bias {floor_bias:.1f} µs, SD {floor_sd:.1f} µs")
    checks.figure(f"Snapcue RT error vs truth over {snap['n']} hits: {sc.fmt(snap)}")
    if naive:
        checks.figure(f"naive (read-return time) error on the same edges: {sc.fmt(sc.stats(naive))}")
    bias_ok = abs(snap["mean"] - floor_bias) <= 50
    sd_ok = snap["sd"] <= 1.2 * floor_sd
    print(f"goal: bias within 50 µs of the floor's: {'met' if bias_ok else 'NOT met'} ({snap['mean'] - floor_bias:+.1f} µs)")
    print(f"goal: SD ≤ 1.2 × the floor's: {'met' if sd_ok else 'NOT met'} ({snap['sd'] / floor_sd if floor_sd else float('inf'):.2f} ×)")
    too_short = [f"{e:.0f} µs (call ±{-bound - 1:.0f} µs)" for e, bound in zip(errors, shortest_allowed) if e < bound]
    checks.check("no reaction time is shorter than the athlete's truth by more than half Snapcue's light-set call",
                 not too_short, "; ".join(too_short[:8]))
    if goals:
        checks.check("bias within 50 µs of the floor's", bias_ok)
        checks.check("SD at most 1.2 × the floor's", sd_ok)
else:
    checks.check("hits and a floor to compare", False, f"{len(errors)} hits, {len(floor_on_hits)} traced, {len(write_edge)} floor probes")
checks.finish()
