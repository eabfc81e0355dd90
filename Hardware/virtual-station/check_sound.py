#!/usr/bin/env python3
"""Checks sound-scenarios.sh: onsets found in the loopback capture against the
sound onsets Snapcue scheduled.

usage: check_sound.py RESULTS_DIR
"""
import array
import json
import os
import sys

results = sys.argv[1]
passed = failed = 0


def check(name, condition, detail=""):
    global passed, failed
    passed, failed = (passed + 1, failed) if condition else (passed, failed + 1)
    print(("PASS " if condition else "FAIL ") + name + ("" if condition or not detail else f": {detail}"))


rc = open(os.path.join(results, "sound-session.rc")).read().strip() if os.path.exists(os.path.join(results, "sound-session.rc")) else "?"
check("the sound drill runs to the end", rc == "0", open(os.path.join(results, "sound-session.err")).read()[-500:] if os.path.exists(os.path.join(results, "sound-session.err")) else "")
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
# An onset: the first sample above the threshold after at least 100 ms of silence.
threshold, silence = 2000, 4800
found, quiet = [], silence
for index, value in enumerate(samples):
    if abs(value) > threshold:
        if quiet >= silence:
            found.append(index)
        quiet = 0
    else:
        quiet += 1
check("the capture holds one onset per cue", len(found) == len(onsets), f"{len(found)} found, {len(onsets)} scheduled")
if len(found) == len(onsets) and len(found) > 1:
    errors = []
    for index in range(1, len(found)):
        # An onset in a trial flagged sound_xrun is not vouched for: its intervals are left out, and
        # every onset after it must be exact again (the frame clock is re-fitted after an xrun).
        if {index - 1, index} & xrun_trials:
            continue
        captured = found[index] - found[index - 1]
        scheduled = (onsets[index] - onsets[index - 1]) * 48000 / 1e9
        errors.append(captured - scheduled)
    worst = max((abs(e) for e in errors), default=0.0)
    print(f"figures: interval between consecutive onsets, capture vs schedule, over {len(errors)} intervals (those touching an xrun-flagged trial left out): "
          f"max |difference| {worst:.2f} frames, mean {sum(errors) / max(len(errors), 1):+.2f} frames")
    # The emulated loopback is no steady clock: snd-aloop advances on the guest's kernel timer, whose rate
    # against CLOCK_MONOTONIC wobbles when the host is busy. Seen in CI: intervals off by 2–5 frames, and once
    # a 14-frame step when Snapcue's rate estimate replaced the nominal rate 10 s into the drill (the card ran
    # some 200 ppm off). The data path itself is frame-exact (the file-plugin tests on the host). So this
    # guards what emulation cannot blur: no cue a period or more off (each interval within half a period,
    # 120 frames), and no rate error (the mean within 5 frames; a wrong rate gives hundreds).
    mean = sum(errors) / max(len(errors), 1)
    check("each interval between onsets in the capture equals the scheduled one within half a period (120 frames)",
          worst <= 120.0, f"max {worst:.2f} frames")
    check("the intervals match the schedule on average within 5 frames (no rate error)", abs(mean) <= 5.0, f"mean {mean:+.2f} frames")
alignment = [abs(t["onset"] - t["timing"]["sound_onset"]) / 1000 for t in session["trials"] if t["planned"]["lights"] and t["timing"].get("sound_onset")]
if alignment:
    alignment.sort()
    print(f"figures: sound–light alignment over {len(alignment)} light+sound cues: p50 {alignment[len(alignment) // 2]:.1f} µs, max {alignment[-1]:.1f} µs (one frame = 20.8 µs)")
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
