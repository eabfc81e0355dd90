# Runs inside the virtual station's guest: a mixed drill (choice, no-go,
# catch trials) against the virtual athlete, which makes every kind of
# mistake on purpose and measures the station's floor on two spare lines.
# TRIALS (default 150) sets the drill's length. Results go to ./results.
set -u
TRIALS=${TRIALS:-150}
R=./results
mkdir -p $R
# The athlete creates its record file just before it starts watching (or listening). Under a busy host its
# 70 MB binary can take seconds to start from the share, so each drill waits for that, not a fixed sleep.
await_athlete() { n=0; while [ ! -e "$1" ] && [ $n -lt 600 ]; do sleep 0.1; n=$((n + 1)); done; }
set -- $(gpiosim-mk accuracy 16)
CHIP=$1 DIR=$2
# The kernel's own record of every light onset: gpiolib's gpio_value trace event fires as the line is
# set, on CLOCK_MONOTONIC (trace clock "mono"), the clock Snapcue and the athlete read. It is the
# truth for onsets, Snapcue's and the floor light's alike; the GPIO number maps to a line through
# the chip's base in debugfs.
T=/sys/kernel/tracing
mount -t tracefs tracefs $T 2>/dev/null
if [ -d $T/events/gpio/gpio_value ]; then
  echo 0 > $T/tracing_on; echo mono > $T/trace_clock; echo 4096 > $T/buffer_size_kb
  echo 'get == 0' > $T/events/gpio/gpio_value/filter; echo 1 > $T/events/gpio/gpio_value/enable
  : > $T/trace; echo 1 > $T/tracing_on
else
  echo "accuracy: no gpio_value trace event in this kernel; onsets are judged by Snapcue's own record" >&2
fi
cat > accuracy-station.yaml <<YAML
name: virtual-accuracy
lights:
  pad1: {chip: accuracy, line: 0}
  pad2: {chip: accuracy, line: 1}
  pad3: {chip: accuracy, line: 2}
  pad4: {chip: accuracy, line: 3}
  stop: {chip: accuracy, line: 4, color: red}
switches:
  pad1: {chip: accuracy, line: 8, active: low, bias: pull-up, debounce: 10ms}
  pad2: {chip: accuracy, line: 9, active: low, bias: pull-up, debounce: 10ms}
  pad3: {chip: accuracy, line: 10, active: low, bias: pull-up, debounce: 10ms}
  pad4: {chip: accuracy, line: 11, active: low, bias: pull-up, debounce: 10ms}
YAML
cat > accuracy-drill.yaml <<YAML
name: virtual-mixed
version: 1
cues:
  red: {light: pad1, expect: pad1}
  green: {light: pad2, expect: pad2}
  blue: {light: pad3, expect: pad3}
  yellow: {light: pad4, expect: pad4}
  stop: {light: stop, nogo: true}
defaults:
  foreperiod: {distribution: uniform, min: 500ms, max: 900ms}
  timeout: 1s
  anticipation: 100ms
  intertrial: 200ms
  nogo_probability: 0.15
  catch_probability: 0.08
blocks: [{trials: $TRIALS}]
YAML
./snapcue-athlete --chip $DIR --chip-label accuracy \
  --pair pad1:0=pad1:8 --pair pad2:1=pad2:9 --pair pad3:2=pad3:10 --pair pad4:3=pad4:11 --nogo-light stop:4 \
  --reaction 170,210,250,290,230,190 --mistakes --pause 200 --min-foreperiod 500 --bounce-every 7 --bounce-gap 0.5 \
  --floor-line 15 --floor-light 14 --duration $((TRIALS * 3 + 30)) --seed 5 --truth $R/accuracy-truth.jsonl 2> $R/accuracy-athlete.err &
ATHLETE=$!
await_athlete $R/accuracy-truth.jsonl
./snapcue run accuracy-drill.yaml --station accuracy-station.yaml --seed 11 --athlete Virtual --json > $R/accuracy-session.json 2> $R/accuracy-session.err
echo $? > $R/accuracy-session.rc
kill $ATHLETE; wait $ATHLETE 2>/dev/null
if [ -d $T/events/gpio/gpio_value ]; then
  echo 0 > $T/tracing_on; cat $T/trace > $R/accuracy-gpio-trace.txt
  echo "$CHIP" > $R/accuracy-chip.txt; cat /sys/kernel/debug/gpio > $R/accuracy-gpio-chips.txt
  cp accuracy-station.yaml $R/
fi
tail -24 $R/accuracy-session.err
