# Runs inside the virtual station's guest (busybox sh, cwd = the share).
# GPIO scenarios against a real kernel gpio-sim chip; results go to ./results
# for the host-side checker (check_gpio.py).
set -u
. ./scenario-lib.sh
rm -f /tmp/jumper.jsonl $R/athletes.txt
# Every drill in the guest is stored here (one commit per trial); a copy comes out with the results.
# (In the guest's tmpfs: SQLite's WAL needs shared memory maps, which the 9p share does not offer.)
export SNAPCUE_DB=/tmp/snapcue/station.db
set -- $(gpiosim-mk snapcue 16)
CHIP=$1 DIR=$2
echo "chip $CHIP at $DIR"
echo "$CHIP" > $R/chip.txt

# Lights pad1-pad4 on lines 0-3 (outputs, active high); switches pad1-pad4 on
# lines 8-11 (inputs, active low with pull-up, as a button to ground); the chip
# is found by its label, as on a Pi 5.
cat > station.yaml <<YAML
name: virtual
description: gpio-sim chip in the virtual station
lights:
  pad1: {chip: snapcue, line: 0, color: red}
  pad2: {chip: snapcue, line: 1, color: green}
  pad3: {chip: snapcue, line: 2, color: blue}
  pad4: {chip: snapcue, line: 3, color: yellow}
switches:
  pad1: {chip: snapcue, line: 8, active: low, bias: pull-up, debounce: 10ms}
  pad2: {chip: snapcue, line: 9, active: low, bias: pull-up, debounce: 10ms}
  pad3: {chip: snapcue, line: 10, active: low, bias: pull-up, debounce: 10ms}
  pad4: {chip: snapcue, line: 11, active: low, bias: pull-up, debounce: 10ms}
aliases: {pad: pad1}
YAML
sed 's/chip: snapcue/chip: no-such-chip/' station.yaml > missing-chip.yaml
# Calibration uses its own station file, as Hardware/WIRING.md advises: the loop
# switch follows the light exactly, so a short debounce (1 ms) fits it.
sed 's/debounce: 10ms/debounce: 1ms/' station.yaml > calibration.yaml

cat > drill.yaml <<YAML
name: virtual-choice
version: 1
cues:
  red: {light: pad1, expect: pad1}
  green: {light: pad2, expect: pad2}
  blue: {light: pad3, expect: pad3}
  yellow: {light: pad4, expect: pad4}
defaults:
  foreperiod: {distribution: uniform, min: 500ms, max: 1200ms}
  timeout: 1500ms
  intertrial: 400ms
  order: balanced
  max_repeats: 2
blocks:
  - trials: 24
YAML
# The checker reads the same files (with a YAML parser), and the athlete's own settings.
cp station.yaml calibration.yaml drill.yaml $R/
HOLD=80 CAL_COUNT=300
cat > $R/athlete.yaml <<YAML
hold: ${HOLD}ms
calibration_cues: $CAL_COUNT
YAML

PAIRS="--pair pad1:0=pad1:8 --pair pad2:1=pad2:9 --pair pad3:2=pad3:10 --pair pad4:3=pad4:11"

echo "== 1. hardware check"
./snapcue hardware check --station station.yaml > $R/check.txt 2>&1; echo $? > $R/check.rc
cat $R/check.txt

echo "== 2. a line held by another program"
gpiomon $CHIP 9 > /dev/null 2>&1 &
HOLDER=$!
sleep 0.5
./snapcue hardware check --station station.yaml > $R/busy.txt 2>&1; echo $? > $R/busy.rc
./snapcue run drill.yaml --station station.yaml --seed 1 > $R/busy-run.txt 2>&1; echo $? > $R/busy-run.rc
kill $HOLDER; wait $HOLDER 2>/dev/null
cat $R/busy.txt $R/busy-run.txt

echo "== 3. a chip that is not there"
./snapcue run drill.yaml --station missing-chip.yaml --seed 1 > $R/missing.txt 2>&1; echo $? > $R/missing.rc
cat $R/missing.txt

echo "== 4. a drill with a virtual athlete (kernel timestamps, active low, bounce)"
# The kernel's own record of the drill (gpio_trace_start): the checker judges Snapcue's edges and its bounce
# flags against the edges the kernel delivered, not against the bounce the athlete meant.
gpio_trace_start
./snapcue-athlete --chip $DIR $PAIRS --reaction 180,230,300,260,210 --bounce-every 4 --bounce-gap 0.5 --hold $HOLD \
  --duration 60 --truth $R/truth.jsonl 2> $R/athlete.err &
ATHLETE=$!
if await_athlete drill $R/truth.jsonl $ATHLETE; then
  ./snapcue run drill.yaml --station station.yaml --seed 7 --athlete Virtual --json > $R/session.json 2> $R/session.err
  echo $? > $R/session.rc
  kill $ATHLETE; wait $ATHLETE 2>/dev/null
else
  not_run session
fi
gpio_trace_stop drill $CHIP
tail -22 $R/session.err

echo "== 5. calibration through a zero-delay jumper"
# The jumper's record goes to /tmp (the guest's RAM): a write to the share per cue would slow it.
gpio_trace_start
./snapcue-athlete --chip $DIR --pair pad1:0=pad1:8 --jumper --duration 60 --truth /tmp/jumper.jsonl 2> $R/jumper.err &
ATHLETE=$!
if await_athlete jumper /tmp/jumper.jsonl $ATHLETE; then
  ./snapcue calibrate --station calibration.yaml --loop pad1:pad1 --count $CAL_COUNT > $R/calibrate.txt 2>&1; echo $? > $R/calibrate.rc
  kill $ATHLETE; wait $ATHLETE 2>/dev/null
else
  not_run calibrate; cp $R/calibrate.err $R/calibrate.txt
fi
gpio_trace_stop calibrate $CHIP
cp /tmp/jumper.jsonl $R/ 2>/dev/null
cat $R/calibrate.txt
cp calibration.yaml.calibration.json $R/ 2>/dev/null

echo "== 5b. an RGB pad: a colour per cue, mixes set together, colour go/no-go"
# pad5 is an RGB pad (red on line 4, green on line 5) with its switch on line 12. The athlete presses
# pad5 when the green line comes on and never for red alone; yellow (red + green) sets both lines.
cat > rgb.yaml <<YAML
name: virtual-rgb
description: an RGB pad on the gpio-sim chip
lights:
  pad5:
    colors:
      red:   {chip: snapcue, line: 4}
      green: {chip: snapcue, line: 5}
switches:
  pad5: {chip: snapcue, line: 12, active: low, bias: pull-up, debounce: 10ms}
YAML
cat > colour.yaml <<YAML
name: virtual-colour
version: 1
score: accuracy
cues:
  green:  {light: {pad5: green}, expect: pad5}
  yellow: {light: {pad5: yellow}, expect: pad5}
  red:    {light: {pad5: red}, nogo: true}
defaults:
  foreperiod: {distribution: uniform, min: 500ms, max: 1000ms}
  timeout: 1500ms
  cue_duration: 700ms
  intertrial: 400ms
  nogo_probability: 0.3
  order: balanced
  max_repeats: 2
blocks:
  - trials: 15
YAML
cp rgb.yaml colour.yaml $R/
./snapcue hardware check --station rgb.yaml > $R/rgb-check.txt 2>&1; echo $? > $R/rgb-check.rc
gpio_trace_start
./snapcue-athlete --chip $DIR --pair pad5green:5=pad5:12 --nogo-light pad5red:4 --reaction 240,280,320 --hold $HOLD \
  --duration 60 --truth $R/colour-truth.jsonl 2> $R/colour-athlete.err &
ATHLETE=$!
if await_athlete colour $R/colour-truth.jsonl $ATHLETE; then
  ./snapcue run colour.yaml --station rgb.yaml --seed 3 --athlete Virtual --json > $R/colour.json 2> $R/colour.err
  echo $? > $R/colour.rc
  kill $ATHLETE; wait $ATHLETE 2>/dev/null
else
  not_run colour
fi
gpio_trace_stop colour $CHIP
tail -8 $R/colour.err

# 5c and 5d: cues from people (a partner, a start gate), on a chip of their own.
[ -f ./cue-source-scenarios.sh ] && sh ./cue-source-scenarios.sh

echo "== 6. the chip disappears mid-drill"
./snapcue-athlete --chip $DIR $PAIRS --reaction 250 --duration 60 --truth $R/unplug-truth.jsonl 2> /dev/null &
ATHLETE=$!
if await_athlete unplug $R/unplug-truth.jsonl $ATHLETE; then
  ./snapcue run drill.yaml --station station.yaml --seed 9 --athlete Virtual --json > $R/unplug.json 2> $R/unplug.err &
  DRILL=$!
  # Pull the chip once three trials are done: however slow start-up is under emulation, not after a fixed
  # time (but at the latest after 120 s, or when the drill has ended). The trials Snapcue had announced by
  # then are the ones it must keep.
  n=0
  until grep -q "trial 3/" $R/unplug.err 2>/dev/null || ! process_running $DRILL || [ $n -ge 1200 ]; do sleep 0.1; n=$((n + 1)); done
  echo 0 > /sys/kernel/config/gpio-sim/snapcue/live 2> $R/unplug-live.err
  grep -c '^ *trial [0-9]*/' $R/unplug.err > $R/unplug-announced.txt
  wait $DRILL; echo $? > $R/unplug.rc
  kill $ATHLETE; wait $ATHLETE 2>/dev/null
else
  not_run unplug
fi
tail -5 $R/unplug.err
cp $SNAPCUE_DB $R/station.db
echo "guest scenarios done"

if [ -f ./sound-scenarios.sh ]; then
  echo "== 7. sound cues into the loopback card"
  sh ./sound-scenarios.sh
fi

if [ -f ./accuracy-scenarios.sh ]; then
  echo "== 8. end-to-end accuracy: a mixed drill, an athlete making every mistake, the floor"
  sh ./accuracy-scenarios.sh
fi
