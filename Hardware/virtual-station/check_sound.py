#!/usr/bin/env python3
"""Checks sound-scenarios.sh: onsets found in the loopback capture against the
sound onsets Snapcue recorded.

usage: check_sound.py RESULTS_DIR [--goals]

The capture comes with the card's own clock (capture.raw.times: the captured
position and its CLOCK_MONOTONIC time after every period, from the athlete's
ears). From it the checker learns the card's real rate against the monotonic
clock, so the interval between two onsets in the capture is compared with the
interval Snapcue recorded at that rate, not the nominal one, and it times
every onset as heard, independently of Snapcue. With --goals, the issue's goal
(every interval within 1 frame) is a check; without it, it is reported.

The athlete also answers every cue it hears (its sound_response truth): every
trial must be a hit, and on sound-only cues Snapcue's reaction time must equal
the athlete's but for the kernel's write → edge latency and the onset as heard
− as recorded (within 1 ms). The last part is `snapcue hardware sound-clock`
on the same card: it must run, and its figures are reported.
"""
import array
import json
import os
import sys

results = sys.argv[1]
goals = "--goals" in sys.argv
passed = failed = 0


def check(name, condition, detail=""):
    global passed, failed
    passed, failed = (passed + 1, failed) if condition else (passed, failed + 1)
    print(("PASS " if condition else "FAIL ") + name + ("" if condition or not detail else f": {detail}"))


def load(name):
    path = os.path.join(results, name)
    return open(path).read() if os.path.exists(path) else ""


check("the sound drill runs to the end", load("sound-session.rc").strip() == "0", load("sound-session.err")[-500:])
session = json.load(open(os.path.join(results, "sound-session.json")))["session"]
onsets = [t["timing"]["sound_onset"] for t in session["trials"] if t["timing"].get("sound_onset")]
flags = [f for t in session["trials"] for f in t["timing"]["flags"]]
check("every trial has a sound onset", len(onsets) == len(session["trials"]) == 40, f"{len(onsets)} onsets, {len(session['trials'])} trials")
xrun_trials = {index for index, t in enumerate(session["trials"]) if "sound_xrun" in t["timing"]["flags"]}
check("no trial flagged for an unavailable sound", "sound_unavailable" not in flags, str(sorted(set(flags))))
# An xrun is the guest stalling longer than the 40 ms buffer (emulation on a busy host): Snapcue must flag the
# trial and re-fit its frame clock at once. More than two in 40 trials would be a stream problem, not a stall.
print(f"figures: trials flagged sound_xrun: {len(xrun_trials)} of {len(session['trials'])}")
check("at most 2 of 40 trials flagged for a sound xrun (emulated guest stalls)", len(xrun_trials) <= 2, f"{sorted(xrun_trials)}")
# late_onset concerns a cue's light (scheduler lateness > 1 ms), which emulation hiccups can cause: reported, not judged here.
print(f"figures: trials flagged late_onset (light more than 1 ms late, emulated machine): {flags.count('late_onset')} of {len(session['trials'])}")

samples = array.array("h")
with open(os.path.join(results, "capture.raw"), "rb") as capture:
    samples.frombytes(capture.read())
# A cue: the first sample above the threshold after at least 100 ms below it. Its first frame: the loopback
# is digital (silence is exact zeros) and Snapcue's tones start at zero (the attack begins at 0), so it is
# the zero just before the first nonzero sample of that run; the threshold crossing itself comes some
# 0.24 ms (the attack reaching it) later.
threshold, silence = 2000, 4800
found, quiet = [], silence
for index, value in enumerate(samples):
    if abs(value) > threshold:
        if quiet >= silence:
            start = index
            while start > 0 and samples[start - 1] != 0:
                start -= 1
            found.append(start - 1)
        quiet = 0
    else:
        quiet += 1
check("the capture holds one onset per cue", len(found) == len(onsets), f"{len(found)} found, {len(onsets)} scheduled")

def card_clock():
    """Segments (between overruns) of the card's captured positions: lists of (frame, t_ns)."""
    path = os.path.join(results, "capture.raw.times")
    if not os.path.exists(path):
        return None
    segments = [[]]
    for line in open(path):
        fields = line.split()
        if fields[0] == "overrun":
            segments.append([])
        elif len(fields) == 2:
            segments[-1].append((int(fields[0]), int(fields[1])))
    return [segment for segment in segments if len(segment) > 10]


def fit_slope(points):
    """Least-squares frames per ns over a segment's positions."""
    mean_t = sum(t for _, t in points) / len(points)
    mean_f = sum(f for f, _ in points) / len(points)
    return sum((t - mean_t) * (f - mean_f) for f, t in points) / sum((t - mean_t) ** 2 for _, t in points)


def heard_at(frame, segments, slope, window=1_500_000_000):
    """When the card captured `frame` (ns): its segment's positions within 1.5 s, upper envelope (positions only lag)."""
    segment = next((seg for seg in segments if seg[0][0] <= frame <= seg[-1][0]), None)
    if segment is None:
        return None
    guess = segment[0][1] + (frame - segment[0][0]) / slope
    near = [(f, t) for f, t in segment if abs(t - guess) <= window]
    intercept = max(f - slope * t for f, t in near)
    return (frame - intercept) / slope


segments = card_clock()
rate = 48000 / 1e9
if segments:
    longest = max(segments, key=len)
    rate = fit_slope(longest)
    print(f"figures: the card's rate against CLOCK_MONOTONIC (from the capture's own timestamps): {rate * 1e9:.2f} Hz "
          f"({(rate * 1e9 / 48000 - 1) * 1e6:+.0f} ppm), {len(segments) - 1} capture overruns")
else:
    print("figures: no capture timestamps: intervals are judged at the nominal 48 kHz")
if len(found) == len(onsets) and len(found) > 1:
    errors = []
    for index in range(1, len(found)):
        # An onset in a trial flagged sound_xrun is not vouched for: its intervals are left out, and
        # every onset after it must be exact again (the frame clock is re-fitted after an xrun).
        if {index - 1, index} & xrun_trials:
            continue
        captured = found[index] - found[index - 1]
        recorded = (onsets[index] - onsets[index - 1]) * rate
        errors.append(captured - recorded)
    worst = max((abs(e) for e in errors), default=0.0)
    mean = sum(errors) / max(len(errors), 1)
    within = sum(abs(e) <= 1.0 for e in errors)
    print(f"figures: interval between consecutive onsets, capture vs Snapcue's record at the card's rate, over {len(errors)} intervals "
          f"(those touching an xrun-flagged trial left out): max |difference| {worst:.2f} frames, mean {mean:+.2f} frames, "
          f"{within} of {len(errors)} within 1 frame")
    # The emulated loopback is no steady clock: snd-aloop advances on the guest's kernel timer, whose rate
    # against CLOCK_MONOTONIC wobbles when the host is busy (intervals off by 2–5 frames were seen in CI).
    # The data path itself is frame-exact (the file-plugin tests on the host). So CI guards what emulation
    # cannot blur: no cue a period or more off (each interval within half a period, 120 frames), and no rate
    # error (the mean within 5 frames; a wrong rate gives hundreds). The goal (1 frame) is judged with --goals.
    check("each interval between onsets in the capture equals the recorded one within half a period (120 frames)",
          worst <= 120.0, f"max {worst:.2f} frames")
    check("the intervals match the record on average within 5 frames (no rate error)", abs(mean) <= 5.0, f"mean {mean:+.2f} frames")
    if goals:
        check("every interval within 1 frame", within == len(errors), f"{len(errors) - within} beyond, max {worst:.2f} frames")
    if segments:
        heard = [(heard_at(frame, segments, rate), onset) for index, (frame, onset) in enumerate(zip(found, onsets)) if index not in xrun_trials]
        offsets = [(h - onset) / 1000 for h, onset in heard if h is not None]
        if offsets:
            ordered = sorted(abs(x) for x in offsets)
            mean = sum(offsets) / len(offsets)
            sd = (sum((x - mean) ** 2 for x in offsets) / len(offsets)) ** 0.5
            print(f"figures: each onset as heard (the capture's own clock) − Snapcue's recorded onset, over {len(offsets)} onsets: "
                  f"mean {mean:+.1f} µs, SD {sd:.1f} µs, median |x| {ordered[len(ordered) // 2]:.1f} µs, max |x| {ordered[-1]:.1f} µs "
                  f"(one frame = 20.8 µs)")
# The athlete answered every cue it heard (sound_response: the cue's first frame in the capture, when the card
# captured it by the athlete's own reading of the card's clock, when it wrote its press). Every trial must be a
# hit; for the sound-only cues, Snapcue's reaction time minus the athlete's is the kernel's write → edge latency
# plus (heard − Snapcue's recorded onset): after the first, that part is judged.
heard_truth = [json.loads(line) for line in load("sound-truth.jsonl").splitlines() if line.strip()]
check("the athlete's answers to sound were recorded", os.path.exists(os.path.join(results, "sound-truth.jsonl")), load("listener.err")[-400:])
if heard_truth:
    outcomes = [t["sides"][0]["outcome"] for t in session["trials"]]
    check("the athlete answered every cue it heard: every trial a hit", outcomes.count("hit") == len(outcomes) and
          len(heard_truth) == len(outcomes), f"{len(heard_truth)} responses; outcomes {sorted(set(outcomes))}")
    by_frame = {r["frame"]: r for r in heard_truth}
    rt_errors, beyond_edge = [], []
    for index, trial in enumerate(session["trials"]):
        side = trial["sides"][0]
        if trial["planned"]["lights"] or side["outcome"] != "hit" or len(found) != len(onsets) or index in xrun_trials:
            continue
        response = next((by_frame[f] for f in range(found[index] - 2, found[index] + 3) if f in by_frame), None)
        if response is None:
            continue
        truth_rt = response["press_write_start_ns"] - response["heard_ns"]
        rt_errors.append((side["reaction_time_nanoseconds"] - truth_rt) / 1000)
        beyond_edge.append(rt_errors[-1] - (side["response"] - response["press_write_start_ns"]) / 1000)
    if rt_errors:
        def summary(values):
            mean = sum(values) / len(values)
            sd = (sum((x - mean) ** 2 for x in values) / len(values)) ** 0.5
            return f"bias {mean:+.1f} µs, SD {sd:.1f} µs, max |x| {max(abs(x) for x in values):.1f} µs (n={len(values)})"
        print(f"figures: sound-only cues, Snapcue's RT − the athlete's: {summary(rt_errors)}")
        print(f"figures: of which heard (the athlete's reading of the card) − Snapcue's recorded onset: {summary(beyond_edge)}")
        check("every sound-only reaction time agrees with the athlete's, but for write → edge, within 1 ms",
              all(abs(x) <= 1000 for x in beyond_edge), f"max |heard − recorded| {max(abs(x) for x in beyond_edge):.0f} µs")
alignment = [abs(t["onset"] - t["timing"]["sound_onset"]) / 1000 for t in session["trials"] if t["planned"]["lights"] and t["timing"].get("sound_onset")]
if alignment:
    alignment.sort()
    print(f"figures: sound–light alignment over {len(alignment)} light+sound cues: p50 {alignment[len(alignment) // 2]:.1f} µs, max {alignment[-1]:.1f} µs (one frame = 20.8 µs)")
# snapcue hardware sound-clock on the loopback card: it must run and judge the card; its figures are reported.
clock_text = load("sound-clock.txt")
check("hardware sound-clock measures the loopback card", load("sound-clock.rc").strip() == "0" and "cue intervals" in clock_text,
      clock_text[-600:])
for line in clock_text.splitlines():
    if line.split(" ", 1)[0] in ("rate", "position", "cue", "stream"):
        print("figures: sound-clock: " + " ".join(line.split()))
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
