"""What the virtual station's checkers share (check_gpio.py, check_sound.py, check_accuracy.py).

- `Results`: a scenario's results folder (text, exit codes, JSON, JSON lines, YAML).
- `Checks`: the tally: `check(...)` prints PASS/FAIL, `skip(...)` a check the run could not judge,
  `figure(...)` a measured figure; `finish()` prints 'N passed, M failed' and exits (1 if any failed).
- `Station` and `Drill`: the scenario's own station and drill files, read with a YAML parser, so the
  checkers take lines, debounce windows and the drill's timings from them rather than repeating them.
- `KernelTrace`: the kernel's own record of the GPIO lines (scenario-lib.sh's gpio_trace_start/stop): the
  light sets, and the edges the kernel delivered to user space, with the timestamps it gave them.
- `athlete_presses`, `expected_outcome`: the presses the virtual athlete made, timed by the kernel, and what
  the drill's rules make of them. Checks judge Snapcue against what the kernel delivered, not against what
  the athlete meant: under a busy host the emulated chip delays edges, and merges edges written close together.
- `judge_outcomes`: each trial by the kernel's trace where it can tell (`kernel_outcome`: the outcome must be the
  same at both bounds of what the trace allows, no press it cannot tell about may decide it, and the line levels
  the kernel delivered must agree with the reconstruction); else by the edges Snapcue recorded (`record_outcome`),
  within what the trace still allows; else not judged. Both are counted and printed: a trace that cannot tell
  never invents an outcome, and a Snapcue misjudgement fails either way.
"""
import bisect
import json
import math
import os
import re
import statistics
import sys

try:
    import yaml
except ImportError:  # the host scripts install python3-yaml (host-checks.sh)
    print("FAIL the checkers read the scenario's YAML files with PyYAML: install python3-yaml (apt-get install python3-yaml)")
    print("0 passed, 1 failed")
    sys.exit(1)

US = 1000  # ns


class Checks:
    """The tally of one checker: one line per check, the figures, and the closing count."""

    def __init__(self):
        self.passed = self.failed = self.skipped = 0

    def check(self, name, condition, detail=""):
        condition = bool(condition)
        if condition:
            self.passed += 1
        else:
            self.failed += 1
        print(("PASS " if condition else "FAIL ") + name + ("" if condition or not detail else f": {detail}"))
        return condition

    def skip(self, name, reason):
        """A check this run gave no means to judge (said so, not counted as passed)."""
        self.skipped += 1
        print(f"SKIP {name}: {reason}")

    @staticmethod
    def figure(text):
        print("figures: " + text)

    def finish(self):
        print(f"{self.passed} passed, {self.failed} failed" + (f", {self.skipped} skipped" if self.skipped else ""))
        sys.exit(1 if self.failed else 0)


class Results:
    """A results folder the guest's scenarios wrote (the share's results/)."""

    def __init__(self, directory):
        self.directory = directory

    def present(self):
        return os.path.isdir(self.directory)

    def path(self, name):
        return os.path.join(self.directory, name)

    def exists(self, name):
        return os.path.exists(self.path(name))

    def text(self, name, default=""):
        path = self.path(name)
        if not os.path.exists(path):
            return default
        with open(path, errors="replace") as file:
            return file.read()

    def rc(self, name):
        """An exit code the scenario saved (None when missing or not a number, e.g. 'not-run')."""
        text = self.text(name).strip()
        return int(text) if text.lstrip("-").isdigit() else None

    def json(self, name):
        try:
            return json.loads(self.text(name))
        except ValueError:
            return None

    def session(self, name):
        """The session of `snapcue run --json` output, or None."""
        data = self.json(name)
        if not isinstance(data, dict) or not isinstance(data.get("session"), dict):
            return None
        return data["session"]

    def jsonl(self, name):
        """One JSON object per line (the athlete's truth); a line cut off when the athlete was stopped is skipped."""
        records = []
        for line in self.text(name).splitlines():
            if line.strip():
                try:
                    records.append(json.loads(line))
                except ValueError:
                    pass
        return records

    def yaml(self, name):
        """A YAML file, parsed (None when missing or not YAML)."""
        text = self.text(name, None)
        try:
            return None if text is None else yaml.safe_load(text)
        except yaml.YAMLError as error:
            print(f"stationcheck: {name}: {error}")
            return None

    def athletes(self):
        """scenario-lib.sh's await_athlete record: NAME → 'started after …' or the reason it did not start."""
        started = {}
        for line in self.text("athletes.txt").splitlines():
            name, _, what = line.partition(": ")
            started[name] = what
        return started


def check_athlete_started(checks, results, name, what):
    """The scenario's drill ran against a virtual athlete that started (await_athlete in scenario-lib.sh)."""
    status = results.athletes().get(name)
    return checks.check(f"the virtual athlete for {what} started", status is not None and status.startswith("started"),
                        status or f"no record of the athlete '{name}' in athletes.txt")


# ---------------------------------------------------------------- the scenario's YAML files

_UNITS = [("min", 60e9), ("ms", 1e6), ("us", 1e3), ("µs", 1e3), ("ns", 1), ("s", 1e9)]


def duration_ns(text):
    """A duration as Snapcue's files write it ('10ms', '1.5s', '500us'), in ns (Snapcue's DurationText)."""
    value = str(text).strip().lower()
    for suffix, scale in _UNITS:
        if value.endswith(suffix):
            number = value[: -len(suffix)].strip()
            return int(round(float(number) * scale))
    raise ValueError(f"not a duration: {text!r}")


class Station:
    """A station file: lights and switches on GPIO lines, the sound device."""

    DEFAULT_DEBOUNCE_NS = 5_000_000  # Snapcue's default (Station+Parsing.swift)

    def __init__(self, data):
        data = data or {}
        self.name = data.get("name")
        self.lights = {name: dict(spec) for name, spec in (data.get("lights") or {}).items()}
        self.switches = {name: dict(spec) for name, spec in (data.get("switches") or {}).items()}
        # Timing gates are inputs like switches (a broken beam reads as a press).
        self.switches.update({name: dict(spec) for name, spec in (data.get("gates") or {}).items()})
        self.aliases = dict(data.get("aliases") or {})
        self.sound = dict(data.get("sound") or {})

    def light_line(self, name):
        name = self.aliases.get(name, name)
        return self.lights[name]["line"] if name in self.lights else None

    def switch_line(self, name):
        name = self.aliases.get(name, name)
        return self.switches[name]["line"] if name in self.switches else None

    def debounce_ns(self, name):
        spec = self.switches.get(self.aliases.get(name, name), {})
        return duration_ns(spec["debounce"]) if "debounce" in spec else self.DEFAULT_DEBOUNCE_NS

    def active_low(self, name):
        return self.switches.get(self.aliases.get(name, name), {}).get("active", "high") == "low"

    def switch_lines(self):
        return {name: spec["line"] for name, spec in self.switches.items()}

    @property
    def sound_rate(self):
        return int(self.sound.get("rate", 48000))

    @property
    def sound_period(self):
        return int(self.sound["period"]) if "period" in self.sound else None

    @property
    def sound_periods(self):
        return int(self.sound["periods"]) if "periods" in self.sound else None


class Rules:
    """One block's trial rules (Snapcue's built-in defaults, the drill's defaults, the block's own)."""

    BUILT_IN = {"timeout": "1500ms", "anticipation": "100ms", "intertrial": "1s"}

    def __init__(self, *layers):
        merged = dict(self.BUILT_IN)
        for layer in layers:
            merged.update({k: v for k, v in (layer or {}).items() if k != "trials"})
        self.raw = merged
        self.timeout = duration_ns(merged["timeout"])
        self.anticipation = duration_ns(merged["anticipation"])
        self.intertrial = duration_ns(merged["intertrial"])
        foreperiod = merged.get("foreperiod")
        if isinstance(foreperiod, dict):
            self.foreperiod_min = duration_ns(foreperiod.get("min", foreperiod.get("value", "0ms")))
        elif foreperiod is not None:
            self.foreperiod_min = duration_ns(foreperiod)
        else:
            self.foreperiod_min = 1_000_000_000


class Drill:
    """A drill file: its cues, its blocks and their rules."""

    def __init__(self, data):
        data = data or {}
        self.name = data.get("name")
        self.cues = dict(data.get("cues") or {})
        self.defaults = dict(data.get("defaults") or {})
        self.blocks = list(data.get("blocks") or [])

    def rules(self, block_index=0):
        block = self.blocks[block_index] if 0 <= block_index < len(self.blocks) else {}
        return Rules(self.defaults, block)

    @property
    def trial_count(self):
        """Trials planned (blocks of a fixed number of trials; None when a block runs for a duration)."""
        total = 0
        for block in self.blocks:
            if "trials" not in block:
                return None
            total += int(block["trials"]) * int(block.get("sets", 1))
        return total

    def side_switches(self):
        """The switches the athlete answers on (Snapcue's Profile.switches(of:)): every cue's expected switch."""
        switches = set()
        for cue in self.cues.values():
            expect = (cue or {}).get("expect")
            if isinstance(expect, dict):
                switches.update(expect.values())
            elif expect:
                switches.add(expect)
        return switches


def load_scenario_files(checks, results, station_file, drill_file):
    """The scenario's station and drill (copied into the results by the scenario); when missing, a FAIL and the end."""
    station, drill = results.yaml(station_file), results.yaml(drill_file)
    if not checks.check(f"the scenario's {station_file} and {drill_file} are in the results", station and drill,
                        f"{station_file}: {'ok' if station else 'missing'}, {drill_file}: {'ok' if drill else 'missing'}"):
        checks.finish()  # every other check reads them
    return Station(station), Drill(drill)


# ---------------------------------------------------------------- figures

def stats(values):
    ordered = sorted(values)
    return {
        "n": len(values), "mean": statistics.mean(values), "sd": statistics.pstdev(values),
        "p99": ordered[min(len(ordered) - 1, int(0.99 * (len(ordered) - 1) + 0.5))], "max": max(abs(v) for v in values)}


def fmt(s):
    return f"bias {s['mean']:.1f} µs, SD {s['sd']:.1f} µs, p99 {s['p99']:.1f} µs, max |x| {s['max']:.1f} µs (n={s['n']})"


def summary(values):
    mean = sum(values) / len(values)
    sd = (sum((x - mean) ** 2 for x in values) / len(values)) ** 0.5
    return f"bias {mean:+.1f} µs, SD {sd:.1f} µs, max |x| {max(abs(x) for x in values):.1f} µs (n={len(values)})"


# ---------------------------------------------------------------- the kernel's trace

_EVENT = re.compile(r"^\s*(?P<comm>.*)-(?P<pid>\d+)\s+(?:\(\s*[-\d]+\)\s+)?\[(?P<cpu>\d+)\]\s+(?:\S+\s+)?"
                    r"(?P<sec>\d+)\.(?P<frac>\d+):\s+(?P<event>[\w:]+):\s*(?P<body>.*)$")
_GPIO_VALUE = re.compile(r"^(\d+)\s+(get|set)\s+(-?\d+)")
_IRQ_ENTRY = re.compile(r"irq=(\d+)\s+name=(\S*)")
_IRQ_THREAD = re.compile(r"^irq/(\d+)-")
_XRUN = re.compile(r"pcmC(\d+)D(\d+)([pc])/sub(\d+): XRUN")


class Edge:
    """An edge event the kernel delivered to user space (one read of the line by a cdev interrupt thread).

    `t` is the kernel's timestamp for it: the latest hard interrupt of the line before the thread ran, where
    gpiolib takes the timestamp; the true timestamp lies in [lo, hi] (the first such interrupt, the read).
    Without interrupt events in the trace, t = lo = hi = the read. `level` is the physical level read, which
    is the type the kernel reported (it can be wrong for fast edges: the level has moved on by then).
    """

    __slots__ = ("t", "lo", "hi", "level", "exact")

    def __init__(self, t, lo, hi, level, exact):
        self.t, self.lo, self.hi, self.level, self.exact = t, lo, hi, level, exact

    def __repr__(self):
        return f"Edge(t={self.t}, lo={self.lo}, hi={self.hi}, level={self.level})"


class KernelTrace:
    """The kernel's record of one scenario (PREFIX-gpio-trace.txt, PREFIX-chip.txt, PREFIX-gpio-chips.txt).

    - `sets[line]`: (t, value) of every set of the line (a light on or off), in order;
    - `edges[line]`: the `Edge`s the kernel delivered to user space for the line, in order;
    - `xruns`: (t, card, device, stream) of every ALSA xrun the kernel recorded (if traced);
    - `gaps[line]`: times of reads of the line by a task the trace could not name, which could not be told
      apart from an edge event (the checks do not judge what such a read might have changed).
    Timestamps are CLOCK_MONOTONIC (trace clock "mono") in ns, to the µs.
    """

    def __init__(self, trace, chips, chip, events=None):
        # The events the scenario had enabled (PREFIX-trace-events.txt); None: unknown (an older scenario).
        self.events = None if events is None else set(events.split())
        self.base = next((int(m.group(2)) for m in re.finditer(r"^\s*(gpiochip\d+): GPIOs (\d+)-(\d+)", chips, re.M)
                          if m.group(1) == chip), None)
        top = next((int(m.group(3)) for m in re.finditer(r"^\s*(gpiochip\d+): GPIOs (\d+)-(\d+)", chips, re.M)
                    if m.group(1) == chip), None)
        self.lines = None if self.base is None else top - self.base + 1
        header = re.search(r"entries-in-buffer/entries-written:\s*(\d+)/(\d+)", trace)
        self.lost_events = int(header.group(2)) - int(header.group(1)) if header else 0
        self.sets, self.edges, self.xruns, self.gaps = {}, {}, [], {}
        self.start = self.end = None
        first_on_cpu = {}      # cpu → t of its first event (each CPU has its own ring buffer)
        irq_traced = self.events is not None and "irq:irq_handler_entry" in self.events
        self.irq_events = False
        hardirqs = {}          # irq → [t]
        last_read = {}         # irq → t of the previous delivered read
        last_line_read = {}    # line → t of its previous delivered read
        irq_line = {}          # irq → line (from the interrupt threads' names, irq/N-CONSUMER)
        for raw in trace.splitlines():
            if raw.startswith("#"):
                continue
            m = _EVENT.match(raw)
            if not m:
                continue
            t = int(m.group("sec")) * 10**9 + int(m.group("frac").ljust(9, "0")[:9])
            self.start = t if self.start is None else self.start
            self.end = t
            first_on_cpu.setdefault(m.group("cpu"), t)
            event, body = m.group("event"), m.group("body")
            if event == "irq_handler_entry":
                entry = _IRQ_ENTRY.search(body)
                if entry:
                    self.irq_events = True
                    hardirqs.setdefault(int(entry.group(1)), []).append(t)
            elif event == "gpio_value":
                value = _GPIO_VALUE.match(body)
                if not value or self.base is None:
                    continue
                line = int(value.group(1)) - self.base
                if not 0 <= line < self.lines:
                    continue
                level = int(value.group(3))
                if value.group(2) == "set":
                    self.sets.setdefault(line, []).append((t, level))
                    continue
                comm = m.group("comm").strip()
                thread = _IRQ_THREAD.match(comm)
                if thread:
                    irq = int(thread.group(1))
                    irq_line[irq] = line
                elif comm == "<...>":
                    # A task the trace could not name: an interrupt thread if a hard interrupt of this line (or of
                    # one not yet seen on any line) came since the line's previous read. Only one such interrupt
                    # makes it this line's edge; several candidates (or none, without interrupt events) leave the
                    # read unexplained: a gap in what the trace can tell about the line.
                    previous = last_line_read.get(line, -1)
                    candidates = [irq for irq, times in hardirqs.items() if irq_line.get(irq, line) == line
                                  and any(previous < h <= t for h in times[-8:])]
                    mapped = [irq for irq in candidates if irq_line.get(irq) == line]
                    if len(mapped) == 1 or (not mapped and len(candidates) == 1):
                        irq = (mapped or candidates)[0]
                    else:
                        if candidates or not (self.irq_events or irq_traced):
                            self.gaps.setdefault(line, []).append(t)
                        continue
                    irq_line[irq] = line
                else:
                    continue  # a read by a program (Snapcue re-reading a line in doubt), not an edge event
                last_line_read[line] = t
                previous = last_read.get(irq, -1)
                last_read[irq] = t
                times = hardirqs.get(irq, [])
                first, last = bisect.bisect_right(times, previous), bisect.bisect_right(times, t)
                if first < last:
                    self.edges.setdefault(line, []).append(Edge(times[last - 1], times[first], t, level, True))
                else:
                    # No hard interrupt since the previous read (the trace has none, or one came between the
                    # thread taking its timestamp and reading the line: then it stands for this event).
                    lo = times[last - 1] if last else t
                    self.edges.setdefault(line, []).append(Edge(lo, lo, t, level, bool(last)))
            elif event == "xrun":
                xrun = _XRUN.search(body)
                if xrun:
                    self.xruns.append((t, int(xrun.group(1)), int(xrun.group(2)), xrun.group(3)))
        # A full ring buffer drops each CPU's oldest events on its own: after an overflow, the trace is complete
        # only from the latest of the CPUs' first events (before it, one CPU's events may be missing).
        self.complete_from = max(first_on_cpu.values()) if self.lost_events and first_on_cpu else self.start

    @classmethod
    def load(cls, results, prefix):
        """The trace a scenario kept under PREFIX, or None (no trace: a kernel without the gpio_value event)."""
        trace = results.text(f"{prefix}-gpio-trace.txt")
        chips, chip = results.text(f"{prefix}-gpio-chips.txt"), results.text(f"{prefix}-chip.txt").strip()
        if not trace or not chip:
            return None
        kernel = cls(trace, chips, chip, results.text(f"{prefix}-trace-events.txt", None))
        return kernel if kernel.base is not None else None

    def traced(self, event):
        """Whether the scenario traced `event` ('snd_pcm:xrun', 'irq:irq_handler_entry')."""
        return self.events is not None and event in self.events

    def covers(self, t):
        """Whether the trace holds everything at `t` (a full ring buffer drops its oldest events, per CPU)."""
        return self.start is not None and (self.lost_events == 0 or t >= self.complete_from) and t <= self.end

    def gap_between(self, line, start, end):
        """Whether a read of `line` in [start, end] could not be told apart from an edge event (see `gaps`)."""
        return any(start <= t <= end for t in self.gaps.get(line, []))

    def level_before(self, line, t):
        """The line's level as the kernel last delivered it before `t` (the level its interrupt thread read for
        the last edge it had read by then), or None when the trace cannot tell: it does not cover `t`, no edge came
        before, or an edge was in flight at `t` (its hard interrupt before, its read after)."""
        if not self.covers(t):
            return None
        level = None
        for edge in self.edges.get(line, []):
            if edge.hi < t:
                level = edge.level
            elif edge.lo < t:
                return None
            else:
                break
        return level

    def onsets(self, line):
        return [t for t, value in self.sets.get(line, []) if value == 1]

    def onset_near(self, line, near, within=20_000_000):
        """The kernel's onset of `line` nearest to `near` (ns), if one lies within `within`."""
        best = min(self.onsets(line), key=lambda t: abs(t - near), default=None)
        return best if best is not None and abs(best - near) <= within else None

    def edges_between(self, line, start, end):
        return [e for e in self.edges.get(line, []) if start <= e.lo and e.t < end]

    def close_pairs(self, lines, window, start, end):
        """Pairs of consecutive delivered edges on one of `lines` less than window[line] apart, the later in [start, end)."""
        pairs = []
        for line in lines:
            edges = self.edges.get(line, [])
            for first, second in zip(edges, edges[1:]):
                if start <= second.t < end and second.t - first.t < window[line]:
                    pairs.append((line, first, second))
        return pairs


def onset_agreement(trials, kernel, station):
    """Snapcue's recorded light onsets against the kernel's (the gpio_value trace event fires inside the set call
    Snapcue timed: its midpoint ± half the call, + 1 µs for the trace's rounding). Returns (errors µs by trial
    index, problems)."""
    errors, problems = {}, []
    for index, trial in enumerate(trials):
        lights = trial["planned"].get("lights") or []
        if not trial.get("onset") or not lights:
            continue
        line = station.light_line(lights[0])
        if line is None or not kernel.covers(trial["onset"]):
            continue
        onset = kernel.onset_near(line, trial["onset"])
        if onset is None:
            problems.append(f"trial {index + 1}: no kernel onset near Snapcue's")
            continue
        errors[index] = (trial["onset"] - onset) / 1000
        half = trial["timing"].get("onset_uncertainty_nanoseconds") or 0
        if abs(trial["onset"] - onset) > half + US:
            problems.append(f"trial {index + 1}: {(trial['onset'] - onset) / 1000:+.0f} µs, call ±{half / 1000:.0f} µs")
    return errors, problems


# ---------------------------------------------------------------- the athlete's presses, timed by the kernel

# How far Snapcue's own timestamp of an edge may lie after the trace's: gpiolib stamps the edge inside the hard
# interrupt handler, after the trace's irq_handler_entry (seen under TCG: 2–350 µs).
STAMP_SLACK = 1_000_000
# How long after the kernel's interrupt thread read an edge Snapcue may apply it (read it and hand it to its drill
# engine; seen under TCG: 0.1–13 ms). Where that decides a trial (an edge stamped just before a trial's start, a
# release just before an onset), the trace alone cannot tell what Snapcue had applied by then.
READ_SLACK = 50_000_000


class Press:
    """One press the virtual athlete made (a record of its truth), with what the kernel made of it.

    `t`: the kernel's timestamp of the press's first delivered edge (the write time when the kernel's record
    has none); `release`: the kernel's timestamp of its release (math.inf while held); `edges`: every edge the
    kernel delivered between the press and the release (more than one: the contacts bounced, as the kernel saw
    them); `kernel`: whether `t` comes from the kernel. The trace bounds, not pins, what Snapcue made of them:
    `stamp` is (earliest, latest) for Snapcue's own timestamp of the press, `applied` for when Snapcue handed it
    to its drill engine, `released` for when it handed it the release. `unclear`: why the kernel's trace cannot
    tell what it delivered for this press (None when it can; then no trial this press may decide, up to `until`,
    is judged by the trace).
    """

    def __init__(self, fact, switch, write, release_write):
        self.fact, self.switch, self.write, self.release_write = fact, switch, write, release_write
        self.t, self.release, self.edges, self.kernel = write, release_write, [], False
        self.stamp = self.applied = (write, write)
        self.released = (release_write, release_write)
        self.unclear = None
        self.until = release_write

    def first_edge_bounds(self):
        """Where the kernel's timestamp of the first delivered edge lies (ns, ± the trace's µs): from its hard
        interrupt (from the write, when the trace has no interrupt events) to the thread's read of the line."""
        first = self.edges[0]
        return (first.lo if first.exact else self.write) - US, first.hi + US

    def __repr__(self):
        return f"Press({self.switch} t={self.t} kernel={self.kernel} edges={len(self.edges)}" + (f" unclear: {self.unclear})" if self.unclear else ")")


def athlete_presses(truth, station, kernel=None, hold_ns=80_000_000):
    """Every press in the athlete's truth (responses that pressed, false starts, pads held, sound responses), in
    time order, each timed by the kernel's delivered edges when `kernel` has them. A press written at W and
    released at R (a held pad's release is in the truth; any other press is released `hold_ns` after its burst
    ended, or later: the athlete's --hold) owns the edges the kernel delivered on its line from W until R.

    Which delivered edges are the press's and which its release's is decided by cause, never by how late they came:
    the kernel raises an edge's interrupt inside the athlete's write of the line (the trace shows it in the
    athlete's own task), so an edge whose first interrupt came before the release was written is the press's (its
    bounce), any later one the release's (for a press released after its hold, the boundary is halfway through
    the hold). Without the interrupts in the trace, the same holds for the threads' reads. The release is the first
    later edge, and it must read released. A press is `unclear` (judged by nothing the trace says) where the trace
    does not tell: its write outside the trace, no edge delivered for it, its last edge read released (press and
    release merged into one read), a read holding its press and its release, a release read as pressed or
    missing, a read the trace could not name."""
    releases = [r for r in truth if r.get("kind") == "held_release"]
    facts = [f for f in truth if "press_write_start_ns" in f and "switch" in f]
    irq = kernel is not None and kernel.irq_events
    presses = []
    for fact in facts:
        switch, write = fact["switch"], fact["press_write_start_ns"]
        burst_end = fact.get("burst_end_ns", fact.get("press_write_end_ns", write))
        held = fact.get("kind") == "held"
        if held:
            release_write = next((r["release_write_ns"] for r in releases
                                  if r.get("switch") == switch and r["release_write_ns"] > write), math.inf)
        else:
            release_write = burst_end + hold_ns
        press = Press(fact, switch, write, release_write)
        presses.append(press)
        line = station.switch_line(switch)
        if kernel is None or line is None:
            continue
        next_write = min((f["press_write_start_ns"] for f in facts
                          if f["switch"] == switch and f["press_write_start_ns"] > write), default=math.inf)
        press.until = next_write  # until known better: the press may matter until the line's next press
        if not kernel.covers(write):
            press.unclear = "the kernel's trace does not cover it (its ring buffer dropped the events)"
            continue
        pressed = 0 if station.active_low(switch) else 1
        edges = kernel.edges.get(line, [])
        # By cause (see above): with the interrupts traced, an edge is the release's when its first interrupt came
        # after the release was written; without them, when the thread read it after that: a read before the
        # release write cannot be the release's, and every read after it finds the line released (a bounce edge of
        # the press read that late is delivered as a release too). However slow the thread, no delay moves this.
        if release_write == math.inf:
            boundary = math.inf
        else:
            boundary = release_write - US if held else burst_end + hold_ns // 2
        # The trace's times are µs, rounded down: an edge stamped in the write's own µs belongs to it.
        first = next((i for i, e in enumerate(edges) if e.lo >= write - US), None)
        if first is None or edges[first].lo >= min(write + 1_000_000_000, next_write - US, boundary):
            press.unclear = "the kernel delivered no edge for it"
            continue
        last = first + 1
        while last < len(edges) and edges[last].lo < boundary and edges[last].lo < next_write - US:
            last += 1
        own = edges[first:last]
        press.edges, press.t, press.kernel = own, own[0].t, True
        if own[0].exact:
            press.stamp = (own[0].lo - US, own[0].t + STAMP_SLACK)
        else:
            press.stamp = (write - US, own[0].hi + US)
        press.applied = (own[0].hi - US, own[0].hi + READ_SLACK)
        problems = []
        if own[-1].level != pressed:
            problems.append("the kernel last read it released (its press and release merged into one read?)")
        if irq and any(e.t >= boundary for e in own):
            problems.append("one read of the line holds both its press and its release")
        if release_write != math.inf:
            rest = [e for e in edges[last:] if e.lo < next_write - US]
            if rest:
                release = rest[0]
                press.release = release.t
                press.released = (release.hi - US, release.hi + READ_SLACK)
                press.until = release.hi + READ_SLACK
                if release.level == pressed:
                    problems.append(f"its release edge ({(release.t - write) / 1e6:.1f} ms after the press) reads pressed")
                elif release.lo > release_write + 1_000_000_000:
                    problems.append(f"its release edge came {(release.lo - release_write) / 1e6:.0f} ms after the athlete released it")
            elif kernel.end is not None and kernel.end > release_write + 1_000_000_000:
                problems.append("the kernel delivered no release edge for it before the line's next press")
                press.release, press.released = next_write, (next_write, next_write)
            else:
                press.release, press.released, press.until = math.inf, (math.inf, math.inf), math.inf  # held to the end
        else:
            press.release, press.released, press.until = math.inf, (math.inf, math.inf), math.inf
        if kernel.gap_between(line, write - US, min(press.until, next_write)):
            problems.append("the trace could not name the task of a read of its line")
        press.unclear = "; ".join(problems) or None
    presses.sort(key=lambda p: p.t)
    return presses


_NO_RESPONSE = {"go": "miss", "nogo": "nogo_correct", "catch": "catch_correct"}


def expected_outcome(trial, presses, rules, side_switches, side="athlete", bound=0):
    """What the drill's rules (Snapcue's ResponseMatcher and DrillEngine) make of the athlete's presses as the
    kernel timed them: (outcome, the deciding press or None), at one `bound` of what the trace allows (0: every
    stamp and every application by Snapcue as early as the trace allows, 1: as late).

    A press Snapcue applied during the trial's foreperiod (stamped at or after its start: the engine steps to the
    start first; or, at the late bound, applied after it) and stamped before the onset is a false start; a target
    pressed before the trial and not yet released when the cue was shown makes it a stuck switch (the first of
    them by name, as Snapcue names it); the first press stamped from the onset on decides: at or after the timeout
    none did; on a catch trial a false start, on a no-go cue a commission, else an anticipation before the
    anticipation threshold, a hit on the expected switch, a wrong target on another. Presses that are `unclear`
    are left out."""
    kind = trial["planned"]["kind"]
    start = trial["foreperiod_start"]
    onset = trial.get("onset") or trial["scheduled_onset"]
    # A press the trace cannot tell about decides nothing here (kernel_outcome hands the trials it may decide to
    # Snapcue's own record).
    mine = sorted((p for p in presses if p.switch in side_switches and not p.unclear), key=lambda p: p.stamp[bound])

    def in_trial(p):
        return p.stamp[0] >= start if bound == 0 else p.applied[1] >= start

    early = next((p for p in mine if in_trial(p) and p.stamp[bound] < onset), None)
    if early:
        return "false_start", early
    if kind != "catch" and trial.get("onset"):
        held = sorted((p for p in mine if not in_trial(p) and p.released[bound] > onset), key=lambda p: p.switch)
        if held:
            return "stuck_switch", held[0]
    response = next((p for p in mine if in_trial(p) and p.stamp[bound] >= onset), None)
    if response is None or response.stamp[bound] >= onset + rules.timeout:
        return _NO_RESPONSE[kind], None
    if kind == "catch":
        return "false_start", response
    if kind == "nogo":
        return "nogo_commission", response
    if response.stamp[bound] - onset < rules.anticipation:
        return "anticipation", response
    expected = (trial["planned"].get("expected") or {}).get(side)
    return ("hit" if response.switch == expected else "wrong_target"), response


def kernel_outcome(trial, presses, rules, side_switches, kernel, station):
    """The trial's outcome by the kernel's trace: (outcome, deciding press, reasons it cannot tell ([] when it can),
    the (outcome, switch) pairs it still allows, or None when it allows any).
    It cannot when the two bounds of what it allows give different outcomes (an edge at a boundary: Snapcue's
    timestamp or its application could lie either side), when a press that may decide the trial is `unclear`,
    when the trial lies before what the trace covers, or when the line's level the kernel last delivered before the
    onset is not what the athlete's presses give (a reconstruction the trace contradicts decides nothing)."""
    outcome, press = expected_outcome(trial, presses, rules, side_switches, bound=0)
    if kernel is None:
        return outcome, press, [], None
    late, late_press = expected_outcome(trial, presses, rules, side_switches, bound=1)
    start, onset = trial["foreperiod_start"], trial.get("onset") or trial["scheduled_onset"]
    why, vague = [], False  # vague: a reason the two bounds do not cover
    if not kernel.covers(start - READ_SLACK):
        why.append("the trial lies outside the kernel's trace")
        vague = True
    for p in presses:
        if p.unclear and p.switch in side_switches and p.stamp[0] < onset + rules.timeout and p.until > start - READ_SLACK:
            vague = True
            why.append(f"{p.switch} pressed at onset {(p.write - onset) / 1e6:+.1f} ms (athlete's write): {p.unclear}")
    if (late, getattr(late_press, "switch", None)) != (outcome, getattr(press, "switch", None)):
        why.append(f"an edge at a boundary: {outcome} {getattr(press, 'switch', '') or ''} or {late} {getattr(late_press, 'switch', '') or ''}"
                   .replace("  ", " ").strip())
    if trial["planned"]["kind"] != "catch" and trial.get("onset"):
        for switch in sorted(side_switches):
            line = station.switch_line(switch)
            level = None if line is None else kernel.level_before(line, onset)
            if level is None:
                continue
            down = level == (0 if station.active_low(switch) else 1)
            # (a press the trace cannot tell about is left out: while it may matter, it is a reason of its own)
            pressed = any(p.switch == switch and p.kernel and not p.unclear and p.t < onset < p.release for p in presses)
            if down != pressed:
                vague = True
                why.append(f"the kernel last delivered {switch} {'pressed' if down else 'released'} before the onset,"
                           f" the athlete's presses as the trace times them say {'pressed' if pressed else 'released'}")
    allowed = None if vague else {(outcome, getattr(press, "switch", None)), (late, getattr(late_press, "switch", None))}
    return outcome, press, why, allowed


def record_outcome(trials, index, rules, side_switches, side="athlete"):
    """The trial's outcome by the edges Snapcue itself recorded (its delivered-edge list: every edge it applied,
    stamped with the kernel's timestamp; a trial's list holds, in order, those applied while it ran), by the
    same rules: (outcome, deciding switch or None, None), or (None, None, why) when the record cannot tell
    either. This judges Snapcue's rules on the edges it was delivered, where the kernel's trace cannot tell which
    those were. Before the cue was shown came the edges read before the light-set call began and stamped before
    the scheduled onset (one stamped later makes the engine show the cue first and apply it afterwards)."""
    trial = trials[index]
    kind = trial["planned"]["kind"]
    onset = trial.get("onset") or trial["scheduled_onset"]
    scheduled = trial["scheduled_onset"]
    default = _NO_RESPONSE[kind]
    expected = (trial["planned"].get("expected") or {}).get(side)
    edges = trial["edges"]
    mine = [e for e in edges if e["switch"] in side_switches]

    def respond(presses):
        """The first response press applied after the cue decides."""
        first = next((e for e in presses if e["kind"] == "press"), None)
        if first is None:
            return default, None, None
        if first["t_ns"] < onset:
            return "false_start", first["switch"], None
        if first["t_ns"] - onset >= rules.timeout:
            return default, None, None
        if kind == "catch":
            return "false_start", first["switch"], None
        if kind == "nogo":
            return "nogo_commission", first["switch"], None
        if first["t_ns"] - onset < rules.anticipation:
            return "anticipation", first["switch"], None
        return ("hit" if first["switch"] == expected else "wrong_target"), first["switch"], None

    if kind == "catch" or not trial.get("onset"):
        return respond(mine)
    held = set()
    for earlier in trials[:index]:
        for e in earlier["edges"]:
            (held.add if e["kind"] == "press" else held.discard)(e["switch"])
    half = trial["timing"].get("onset_uncertainty_nanoseconds") or 0
    set_start, set_end = onset - half, onset + half

    def before_cue(e):
        """True, False, or None (the record cannot tell: no read time near the cue)."""
        if e["t_ns"] >= scheduled:
            return False
        read = e.get("read_ns")
        if read is not None:
            return read < set_start
        if e["t_ns"] + READ_SLACK < set_start:
            return True
        return False if e["t_ns"] > set_end else None

    verdicts = set()
    unsure = [e for e in mine if before_cue(e) is None]
    for assume in ([True, False] if unsure else [True]):
        state = set(held)
        before = [e for e in edges if (before_cue(e) if before_cue(e) is not None else assume)]
        early = next((e for e in before if e["switch"] in side_switches and e["kind"] == "press"), None)
        if early:
            verdicts.add(("false_start", early["switch"], None))
            continue
        for e in before:
            (state.add if e["kind"] == "press" else state.discard)(e["switch"])
        stuck = sorted(state & set(side_switches))
        if stuck:
            verdicts.add(("stuck_switch", stuck[0], None))
            continue
        applied_before = {id(e) for e in before}
        verdicts.add(respond([e for e in mine if id(e) not in applied_before]))
    if len(verdicts) > 1:
        return None, None, (f"an edge of {unsure[0]['switch']} without a read time at the cue")
    return verdicts.pop()


def judge_outcomes(checks, trials, presses, drill, name, kernel=None, station=None):
    """One check: every trial's outcome is the one the kernel-timed presses imply. Where the kernel's trace cannot
    tell (`kernel_outcome`), the trial is judged by Snapcue's own delivered-edge list (`record_outcome`): the rules
    applied to the edges it was delivered; where neither can tell, it is not judged. Both are counted and printed,
    and the check also fails when the trace judged fewer than half the trials (a trace that tells nothing must not
    pass for one that agrees). Returns (expected by trial index: (outcome, press); outcome None when not judged,
    press None when the kernel's trace did not decide the trial; counts of the expected outcomes)."""
    side_switches = drill.side_switches()
    expected, counts, disagreements, by_record, not_judged = [], {}, [], [], []
    for index, trial in enumerate(trials):
        rules = drill.rules(trial["planned"].get("block_index", 0))
        outcome, press, why, allowed = kernel_outcome(trial, presses, rules, side_switches, kernel, station)
        switch, source = getattr(press, "switch", None), "kernel"
        if why:
            recorded, recorded_switch, unknown = record_outcome(trials, index, rules, side_switches)
            if recorded is None:
                not_judged.append(f"trial {index + 1}: {why[0]}; Snapcue's record: {unknown}")
                expected.append((None, None))
                continue
            by_record.append(f"trial {index + 1}: {why[0]}")
            if allowed is not None and (recorded, recorded_switch) not in allowed:
                # The trace could not tell which of two outcomes, but it rules out any other.
                disagreements.append(f"trial {index + 1} ({trial['planned']['kind']}): Snapcue's own edges give {recorded}"
                                     f" {recorded_switch or ''}, the kernel's trace allows only "
                                     + " or ".join(f"{o} {w or ''}".strip() for o, w in sorted(allowed, key=str)))
            if (recorded, recorded_switch) != (outcome, switch):
                press = None
            outcome, switch, source = recorded, recorded_switch, "Snapcue's own edges"
        expected.append((outcome, press))
        counts[outcome] = counts.get(outcome, 0) + 1
        side = trial["sides"][0]
        same = side["outcome"] == outcome and (switch is None or side.get("responded_switch") == switch)
        if not same:
            onset = trial.get("onset") or trial["scheduled_onset"]
            if press is not None:
                where = f" ({press.switch} at onset {(press.t - onset) / 1e6:+.1f} ms, {'kernel' if press.kernel else 'write'} time)"
            else:
                where = f" ({switch})" if switch else ""
            disagreements.append(f"trial {index + 1} ({trial['planned']['kind']}): snapcue {side['outcome']}"
                                 f" {side.get('responded_switch') or ''}, {source} {outcome}{where}".replace("  ", " "))
    judged_by_kernel = len(trials) - len(by_record) - len(not_judged)
    if kernel is not None:
        checks.figure(f"outcomes judged by the kernel's trace: {judged_by_kernel} of {len(trials)}; by Snapcue's own"
                      f" delivered edges where the trace cannot tell: {len(by_record)}"
                      + (f" ({'; '.join(by_record[:6])})" if by_record else "")
                      + f"; not judgeable: {len(not_judged)}" + (f" ({'; '.join(not_judged[:6])})" if not_judged else ""))
    enough = kernel is None or 2 * judged_by_kernel >= len(trials)
    agree = len(trials) - len(disagreements) - len(not_judged)
    checks.check(name, not disagreements and trials and enough,
                 f"{agree}/{len(trials) - len(not_judged)}" + (f" ({len(not_judged)} not judgeable)" if not_judged else "")
                 + ("" if enough else f"; the kernel's trace judged only {judged_by_kernel} of {len(trials)} trials")
                 + ("; " + "; ".join(disagreements[:12]) if disagreements else ""))
    return expected, counts


def judge_presses(checks, trials, presses, station, kernel, flagged_name, kept_name):
    """Bounce and first edges, judged by what the kernel delivered, not by what the athlete meant.

    For every press the kernel timed that decided a trial: Snapcue reports one press for it, stamped with the
    kernel's timestamp of its first delivered edge, when every edge the kernel delivered for it lies within the
    switch's debounce window (a burst the emulation stretched past the window is not judged: the kernel really
    delivered a second press there). A trial is flagged 'bounce' when the kernel delivered more than one edge
    within the window, and never when the kernel delivered no two edges within a window around it.
    Returns the figures' counts."""
    lines = station.switch_lines()
    window = {line: station.debounce_ns(name) for name, line in lines.items()}
    # With the hard interrupts traced, the kernel's timestamps are known to the µs, but Snapcue's own stamps of two
    # edges are not the trace's to the µs (gpiolib stamps inside the handler: STAMP_SLACK); without them only the
    # interrupt thread's reads are, which lag by up to the thread's latency. Either way only what lies within the
    # window (or beyond it) whatever the stamps within those bounds is judged; the rest is not clear-cut.
    slack = STAMP_SLACK if kernel.irq_events or kernel.traced("irq:irq_handler_entry") else 2_000_000

    def stamped(press, i):
        """Where the kernel's timestamp of the press's i-th delivered edge lies: the trace's, or without the
        interrupts, after the line's previous read (the press's write, for its first) and by the thread's read."""
        edge = press.edges[i]
        if edge.exact:
            return edge.t, edge.t
        return (press.write if i == 0 else press.edges[i - 1].hi), edge.hi
    problems, flag_problems = [], []
    counts = {"bursts": 0, "bounced": 0, "merged": 0, "stretched": 0, "unclear": 0, "judged": 0}
    for index, trial in enumerate(trials):
        side = trial["sides"][0]
        if side.get("response") is None or side["outcome"] == "stuck_switch":
            continue
        mine = [p for p in presses if p.switch == side.get("responded_switch") and p.kernel and p.edges]
        press = next((p for p in mine if p.first_edge_bounds()[0] <= side["response"] <= p.first_edge_bounds()[1]), None)
        press = press or next((p for p in mine if abs(p.t - side["response"]) < 5_000_000), None)
        if press is None:
            continue
        if press.unclear:  # the kernel's trace cannot tell what it delivered for this press
            counts["unclear"] += 1
            continue
        debounce = station.debounce_ns(press.switch)
        counts["bursts"] += bool(press.fact.get("bounce"))
        first_lo, first_hi = stamped(press, 0)
        bounds = [stamped(press, i) for i in range(len(press.edges))]
        exact = press.edges[0].exact
        within = [e for e, (lo, hi) in zip(press.edges, bounds) if hi - first_lo < debounce - (slack if exact else US)]
        beyond = [e for e, (lo, hi) in zip(press.edges, bounds) if lo - first_hi >= debounce + (slack if exact else US)]
        if beyond:
            counts["stretched"] += 1
            continue
        if len(within) != len(press.edges):
            counts["unclear"] += 1
            continue
        counts["judged"] += 1
        # Snapcue's presses between this press's write and its release (as the kernel stamped it).
        until = press.release if press.release != math.inf else press.release_write
        reported = [e for e in trial["edges"] if e["kind"] == "press" and e["switch"] == press.switch
                    and press.write - US <= e["t_ns"] < until]
        first = press.edges[0]
        low, high = press.first_edge_bounds()
        if len(reported) != 1:
            problems.append(f"trial {index + 1}: {len(reported)} presses reported for {len(within)} edge(s) the kernel"
                            f" delivered within {debounce / 1e6:g} ms")
        elif not low <= side["response"] <= high:
            problems.append(f"trial {index + 1}: press stamped {side['response']} ns, the kernel's first edge"
                            f" {first.t} ns (in [{low}, {high}])")
        if len(within) >= 2:
            counts["bounced"] += 1
            if "bounce" not in trial["timing"]["flags"]:
                flag_problems.append(f"trial {index + 1}: the kernel delivered {len(within)} edges within"
                                     f" {debounce / 1e6:g} ms, no 'bounce' flag")
        elif press.fact.get("bounce"):
            counts["merged"] += 1
    for index, trial in enumerate(trials):
        if "bounce" not in trial["timing"]["flags"] or not kernel.covers(trial["foreperiod_start"]):
            continue
        # The flag goes to the trial current when Snapcue reads the edges: allow a second either side.
        start = trial["foreperiod_start"] - 1_000_000_000
        end = (trials[index + 1]["foreperiod_start"] if index + 1 < len(trials) else math.inf) + 1_000_000_000
        margin = {line: w + slack for line, w in window.items()}
        if not kernel.close_pairs(lines.values(), margin, start, end):
            flag_problems.append(f"trial {index + 1}: flagged 'bounce', but the kernel delivered no two edges"
                                 " within a debounce window of each other")
    checks.check(kept_name, counts["judged"] > 0 and not problems, "; ".join(problems[:8]) or "no press the kernel timed")
    if counts["bounced"] or flag_problems:
        checks.check(flagged_name, not flag_problems, "; ".join(flag_problems[:8]))
    else:
        checks.skip(flagged_name, f"the kernel delivered no burst as more than one edge ({counts['bursts']} bursts"
                                  f" made, {counts['merged']} merged into one edge by the emulated chip)")
    return counts
