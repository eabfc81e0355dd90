#!/usr/bin/env python3
"""Checks the results of cue-source-scenarios.sh: cues that come from people.

usage: check_cue_sources.py RESULTS_DIR

5c. A partner drill: a virtual partner presses their pads on their own irregular schedule; a separate virtual
    athlete watches the partner's pads (not Snapcue) and answers on its own. Snapcue's onset must be the kernel's
    timestamp of the partner's edge, its response the kernel's timestamp of the athlete's edge, and every outcome
    what the drill's rules make of the edges the kernel delivered. Against the two people's own truth (when each
    wrote), Snapcue's reaction-time error must be exactly the difference of the two write → edge latencies: the
    floor no program can beat, reported beside it.
5d. A gate run: the athlete breaks the start gate on its own schedule; the light must follow the kernel's edge of
    the start gate by the drawn delay (the kernel's record of the light set against the trigger's edge + delay),
    and the finish gate's edge ends the run.

Everything is judged against the kernel's trace (the edges it delivered, the light sets), never against what the
virtual people meant: emulation delays edges.
"""
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import stationcheck as sc  # noqa: E402

US = sc.US
results = sc.Results(sys.argv[1])
checks = sc.Checks()
if not results.present():
    checks.check("the guest wrote its results", False, f"no {sys.argv[1]}")
    checks.finish()
station = sc.Station(results.yaml("people.yaml"))
partner_drill = results.yaml("partner.yaml") or {}
gate_drill = results.yaml("gates.yaml") or {}
checks.check("the scenario's people.yaml, partner.yaml and gates.yaml are in the results",
             station.switches and partner_drill and gate_drill)


def pressed(edge, name):
    """Whether a delivered edge of switch `name` is a press (active low: the line read low)."""
    return edge.level == (0 if station.active_low(name) else 1)


def kernel_edge(kernel, name, t):
    """The press edge of switch `name` the kernel delivered whose timestamp window holds `t`, or None."""
    line = station.switch_line(name)
    for edge in kernel.edges.get(line, []):
        if edge.lo - 2 * US <= t <= edge.hi + 2 * US and pressed(edge, name):
            return edge
    return None


def first_press(kernel, names, start, end):
    """(name, edge) of the first press the kernel delivered on any of `names` with its timestamp in [start, end)."""
    found = [(edge.t, name, edge) for name in names for edge in kernel.edges.get(station.switch_line(name), [])
             if start <= edge.t < end and pressed(edge, name)]
    return min(found, key=lambda item: item[0])[1:] if found else (None, None)


def within_span(value, later, earlier):
    """Whether `value` (a time between two of Snapcue's edge timestamps) fits the kernel's edges `later` and
    `earlier`: each of Snapcue's timestamps lies in its edge's window [lo, hi] (the trace stamps to the µs)."""
    return later.lo - earlier.hi - 4 * US <= value <= later.hi - earlier.lo + 4 * US


def traced_trials(session, scenario, drill, what, unit):
    """The kernel's trace of `scenario` and the session's trials inside it, once the planned
    number of trials is checked; (None, None) when there is no session, or no trace to judge by."""
    kernel = sc.KernelTrace.load(results, scenario)
    if session and kernel is None:
        checks.skip(f"the {what} against the kernel's trace", "no kernel trace (a kernel without the gpio_value event)")
    if not session or kernel is None:
        return None, None
    planned = sc.Drill(drill).trial_count
    checks.check(f"{planned} {unit} recorded", len(session["trials"]) == planned, f"{len(session['trials'])} {unit}")
    return kernel, [t for t in session["trials"] if kernel.covers(t["foreperiod_start"])]


def write_before(records, t, switch=None):
    """The latest write (a truth record with press_write_start_ns) at or before `t` (of `switch` if given)."""
    candidates = [r for r in records if "press_write_start_ns" in r and r["press_write_start_ns"] <= t
                  and (switch is None or r.get("switch") == switch)]
    return max(candidates, key=lambda r: r["press_write_start_ns"], default=None)


# ---------------------------------------------------------------- 5c. the partner drill

sc.check_athlete_started(checks, results, "partner", "the partner")
sc.check_athlete_started(checks, results, "partner-athlete", "the athlete who watches the partner")
session = results.session("partner.json")
checks.check("the partner drill completes (exit 0), the partner named", results.rc("partner.rc") == 0 and session is not None
             and session.get("partner") == "Sam", results.text("partner-run.err")[-500:])
partner_map = {"partner-left": "right", "partner-right": "left"}  # map: mirror of [left, right]
partner_rules = sc.Drill(partner_drill).rules()
timeout, anticipation = partner_rules.timeout, partner_rules.anticipation
kernel, trials = traced_trials(session, "partner", partner_drill, "partner drill", "trials")
if trials is not None:
    onsets_off, responses_off, disagreements, kernel_rt_off, rt_errors, stamp_offsets = [], [], [], [], [], []
    partner_truth, athlete_truth = results.jsonl("partner-truth.jsonl"), results.jsonl("partner-athlete.jsonl")
    latencies = []
    for trial in trials:
        side = trial["sides"][0]
        label = f"trial {trial['planned']['index'] + 1}"
        pad = trial.get("partner_switch")
        if pad is None:
            # No partner cue came: the athlete moved first (a false start), as the kernel must have seen it.
            name, edge = first_press(kernel, ["left", "right"], trial["foreperiod_start"], side["decided_at"] + US)
            if side["outcome"] != "false_start" or edge is None:
                disagreements.append(f"{label}: no partner cue, outcome {side['outcome']}, athlete edge {edge}")
            continue
        partner_edge = kernel_edge(kernel, pad, trial["onset"])
        if partner_edge is None:
            onsets_off.append(f"{label}: onset {trial['onset']} is no edge of {pad} the kernel delivered")
            continue
        # What the drill's rules make of the kernel's edges: the athlete's first press after the partner's.
        name, edge = first_press(kernel, ["left", "right"], partner_edge.lo - 2 * US, partner_edge.t + timeout)
        if edge is None:
            expected = "miss"
        elif edge.t - partner_edge.t < anticipation:
            expected = "anticipation"
        else:
            expected = "hit" if name == partner_map[pad] else "wrong_target"
        if expected != side["outcome"]:
            disagreements.append(f"{label}: Snapcue {side['outcome']}, the kernel's edges make {expected}")
        if side["outcome"] != "hit" or edge is None:
            continue
        if kernel_edge(kernel, name, side["response"]) is not edge:
            responses_off.append(f"{label}: response {side['response']} is not the kernel's edge of {name} at {edge.t}")
        if not within_span(side["reaction_time_nanoseconds"], edge, partner_edge):
            kernel_rt_off.append(f"{label}: RT {side['reaction_time_nanoseconds']} ns, the kernel's two edges {edge.t - partner_edge.t} ns apart")
        stamp_offsets += [(trial["onset"] - partner_edge.t) / US, (side["response"] - edge.t) / US]
        # Against the two people's truth: when each wrote its line.
        partner_write, athlete_write = write_before(partner_truth, partner_edge.t, pad), write_before(athlete_truth, edge.t, name)
        if partner_write and athlete_write:
            truth_rt = athlete_write["press_write_start_ns"] - partner_write["press_write_start_ns"]
            error = side["reaction_time_nanoseconds"] - truth_rt
            partner_latency = trial["onset"] - partner_write["press_write_start_ns"]
            athlete_latency = side["response"] - athlete_write["press_write_start_ns"]
            latencies += [partner_latency / US, athlete_latency / US]
            rt_errors.append(error / US)
    checks.check("every cued trial's onset is the kernel's timestamp of the partner's edge", trials and not onsets_off,
                 "; ".join(onsets_off[:6]))
    checks.check("every hit's response is the kernel's timestamp of the athlete's first edge after the partner's",
                 not responses_off, "; ".join(responses_off[:6]))
    checks.check("every outcome is what the drill's rules make of the edges the kernel delivered (100 % agreement)",
                 trials and not disagreements, "; ".join(disagreements[:6]))
    outcomes = sorted({t["sides"][0]["outcome"] for t in trials})
    checks.figure(f"partner drill: {len(trials)} trials traced, outcomes {outcomes}, "
                  f"{sum(1 for t in trials if t['sides'][0]['outcome'] == 'hit')} hits")
    checks.check("every hit's reaction time is the athlete's kernel edge − the partner's",
                 not kernel_rt_off, "; ".join(kernel_rt_off[:6]))
    if stamp_offsets:
        checks.figure(f"Snapcue's edge timestamps − the kernel's hard-interrupt entry (gpiolib stamps the edge inside it): {sc.summary(stamp_offsets)}")
    if rt_errors:
        # RT = athlete edge − partner edge and truth = athlete write − partner write, so the error is
        # (athlete write → edge) − (partner write → edge): the difference of two floors, nothing of Snapcue's.
        checks.figure(f"reaction time − truth (athlete write − partner write) = the difference of the two write → edge latencies: {sc.summary(rt_errors)}")
        checks.figure(f"the write → edge floor on the same run (both people's writes): median {statistics.median(latencies):.1f} µs,"
                      f" p90 {sorted(latencies)[int(0.9 * (len(latencies) - 1))]:.1f} µs, max {max(latencies):.1f} µs (n={len(latencies)})")
    else:
        checks.check("reaction times compared with the two people's truth", False, "no hit could be matched to both writes")
    pace = [t["trigger"] for t in trials if t.get("trigger")]
    if len(pace) > 2:
        gaps = [(b - a) / 1e6 for a, b in zip(pace, pace[1:])]
        checks.figure(f"the partner cued every {statistics.mean(gaps):.0f} ms (CV {statistics.pstdev(gaps) / statistics.mean(gaps) * 100:.0f} %)")

# ---------------------------------------------------------------- 5d. the gate run

sc.check_athlete_started(checks, results, "gates", "the gate runner")
session = results.session("gates.json")
checks.check("the gate run completes (exit 0)", results.rc("gates.rc") == 0 and session is not None, results.text("gates-run.err")[-500:])
kernel, trials = traced_trials(session, "gates", gate_drill, "gate run", "runs")
if trials is not None:
    triggers_off, delays, early, outcome_off, totals_off, late = [], [], [], [], [], 0
    gate_rules = sc.Drill(gate_drill).rules()
    for trial in trials:
        label = f"run {trial['planned']['index'] + 1}"
        trigger = trial.get("trigger")
        start_edge = kernel_edge(kernel, "start", trigger) if trigger else None
        if start_edge is None:
            triggers_off.append(f"{label}: trigger {trigger} is no start-gate edge the kernel delivered")
            continue
        if trial.get("onset") is None:
            continue  # a false start after the trigger: no light
        light = station.light_line(trial["planned"]["lights"][0])
        due = trigger + trial["planned"]["foreperiod_milliseconds"] * 1_000_000
        lit = kernel.onset_near(light, trial["onset"], within=5_000_000)
        if lit is None:
            triggers_off.append(f"{label}: no kernel set of light line {light} near the recorded onset")
            continue
        if "late_onset" in trial["timing"].get("flags", []):
            late += 1  # flagged, and kept: e.g. the start gate's edge read late while the drill was starting
        else:
            delays.append((lit - due) / US)
        if lit < due - 2 * US:
            early.append(f"{label}: the light came {(due - lit) / US:.0f} µs before trigger + delay")
        side = trial["sides"][0]
        target = trial["planned"]["expected"]["athlete"]
        name, edge = first_press(kernel, ["finish-left", "finish-right"], lit, lit + gate_rules.timeout)
        expected = "miss" if edge is None else ("anticipation" if edge.t - trial["onset"] < gate_rules.anticipation
                                                else "hit" if name == target else "wrong_target")
        if expected != side["outcome"]:
            outcome_off.append(f"{label}: Snapcue {side['outcome']}, the kernel's edges make {expected}")
        if side["outcome"] == "hit" and edge is not None:
            kernel_total = edge.t - start_edge.t
            if not within_span(side["total_time_nanoseconds"], edge, start_edge):
                totals_off.append(f"{label}: total {side['total_time_nanoseconds']} ns, the kernel's edges {kernel_total} ns")
    checks.check("every run's trigger is the kernel's timestamp of the start gate's edge", trials and not triggers_off,
                 "; ".join(triggers_off[:6]))
    checks.check("no light comes before the start gate's edge + the drawn delay (the kernel's record of the light)", (delays or late) and not early,
                 "; ".join(early[:6]))
    if delays:
        checks.figure(f"the light's kernel set − (the start gate's kernel edge + the drawn delay): {sc.summary(delays)}"
                      + (f"; {late} run(s) flagged late_onset left out" if late else ""))
    checks.check("every run's outcome is what the kernel's finish-gate edges make of it", trials and not outcome_off,
                 "; ".join(outcome_off[:6]))
    checks.check("every run's total time is the finish gate's kernel edge − the start gate's", not totals_off, "; ".join(totals_off[:6]))

checks.finish()
