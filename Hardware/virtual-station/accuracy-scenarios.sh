# Runs inside the virtual station's guest: a mixed drill (choice, no-go,
# catch trials) against the virtual athlete, which makes every kind of
# mistake on purpose and measures the station's floor on two spare lines.
# TRIALS (default 150) sets the drill's length. Results go to ./results.
set -u
TRIALS=${TRIALS:-150}
. ./scenario-lib.sh
set -- $(gpiosim-mk accuracy 16)
CHIP=$1 DIR=$2
# The kernel's own record (gpio_trace_start): every light onset (the truth for onsets, Snapcue's and the
# floor light's alike) and every edge it delivered, by which the checker times the athlete's presses.
gpio_trace_start || echo "accuracy: onsets are judged by Snapcue's own record, presses by the athlete's writes" >&2
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
HOLD=80 FLOOR_LINE=15 FLOOR_LIGHT=14
cp accuracy-station.yaml accuracy-drill.yaml $R/
cat > $R/accuracy-athlete.yaml <<YAML
hold: ${HOLD}ms
floor_line: $FLOOR_LINE
floor_light: $FLOOR_LIGHT
YAML
./snapcue-athlete --chip $DIR --chip-label accuracy \
  --pair pad1:0=pad1:8 --pair pad2:1=pad2:9 --pair pad3:2=pad3:10 --pair pad4:3=pad4:11 --nogo-light stop:4 \
  --reaction 170,210,250,290,230,190 --mistakes --pause 200 --min-foreperiod 500 --bounce-every 7 --bounce-gap 0.5 \
  --hold $HOLD --floor-line $FLOOR_LINE --floor-light $FLOOR_LIGHT --duration $((TRIALS * 3 + 30)) --seed 5 \
  --truth $R/accuracy-truth.jsonl 2> $R/accuracy-athlete.err &
ATHLETE=$!
if await_athlete accuracy $R/accuracy-truth.jsonl $ATHLETE; then
  ./snapcue run accuracy-drill.yaml --station accuracy-station.yaml --seed 11 --athlete Virtual --json > $R/accuracy-session.json 2> $R/accuracy-session.err
  echo $? > $R/accuracy-session.rc
  kill $ATHLETE; wait $ATHLETE 2>/dev/null
else
  not_run accuracy-session
fi
gpio_trace_stop accuracy $CHIP
tail -24 $R/accuracy-session.err
