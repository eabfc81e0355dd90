# Runs inside the virtual station's guest (busybox sh, cwd = the share), after gpio-scenarios.sh's drills:
# cues that come from people. Two independent virtual people on one gpio-sim chip: a partner who presses
# their pads on their own irregular schedule, and an athlete who watches the partner's pads (not Snapcue)
# and answers on their own. Then a gate run: the athlete breaks the start gate on their own schedule and
# answers the light that follows. Results go to ./results for check_cue_sources.py.
set -u
. ./scenario-lib.sh
set -- $(gpiosim-mk people 16)
CHIP=$1 DIR=$2
echo "people chip $CHIP at $DIR"

# The athlete's pads on lines 8-9, the partner's on 4-5 (inputs, active low, as buttons to ground); two
# lights on 0-1; timing gates on 10-12 (an IR beam's receiver pulls its output low while the beam is broken).
cat > people.yaml <<YAML
name: people
description: a partner and an athlete, and a Y of timing gates, on a gpio-sim chip
lights:
  left:  {chip: people, line: 0, color: green}
  right: {chip: people, line: 1, color: green}
switches:
  left:          {chip: people, line: 8, active: low, bias: pull-up, debounce: 10ms}
  right:         {chip: people, line: 9, active: low, bias: pull-up, debounce: 10ms}
  partner-left:  {chip: people, line: 4, active: low, bias: pull-up, debounce: 10ms}
  partner-right: {chip: people, line: 5, active: low, bias: pull-up, debounce: 10ms}
gates:
  finish-left:   {chip: people, line: 10, active: low, bias: pull-up, debounce: 10ms}
  finish-right:  {chip: people, line: 11, active: low, bias: pull-up, debounce: 10ms}
  start:         {chip: people, line: 12, active: low, bias: pull-up, debounce: 10ms}
YAML
cat > partner.yaml <<YAML
name: virtual-partner
version: 1
partner:
  map: mirror
  pads: [partner-left, partner-right]
  targets: [left, right]
  wait: 30s
defaults:
  timeout: 1500ms
  anticipation: 100ms
  intertrial: 300ms
blocks:
  - trials: 10
YAML
cat > gates.yaml <<YAML
name: virtual-gates
version: 1
mode: gate_run
start_gate: start
cues:
  left:  {light: left, expect: finish-left}
  right: {light: right, expect: finish-right}
defaults:
  foreperiod: {distribution: uniform, min: 0ms, max: 400ms}
  timeout: 1500ms
  anticipation: 100ms
  intertrial: 300ms
  order: balanced
blocks:
  - trials: 6
YAML
cp people.yaml partner.yaml gates.yaml $R/

echo "== 5c. a partner's move is the cue: two independent virtual people"
gpio_trace_start
./snapcue-athlete --chip $DIR --tap partner-left:4 --tap partner-right:5 --tap-every 1400,2400 --tap-hold 100 \
  --duration 120 --truth $R/partner-truth.jsonl --seed 21 2> $R/partner.err &
PARTNER=$!
./snapcue-athlete --chip $DIR --cues-active-low --pair partner-left:4=right:9 --pair partner-right:5=left:8 \
  --reaction 220,260,300,240 --hold 80 --duration 120 --truth $R/partner-athlete.jsonl --seed 22 2> $R/partner-athlete.err &
ATHLETE=$!
if await_athlete partner $R/partner-truth.jsonl $PARTNER && await_athlete partner-athlete $R/partner-athlete.jsonl $ATHLETE; then
  ./snapcue run partner.yaml --station people.yaml --seed 5 --athlete Virtual --partner Sam --json > $R/partner.json 2> $R/partner-run.err
  echo $? > $R/partner.rc
else
  not_run partner
fi
kill $PARTNER $ATHLETE 2>/dev/null; wait $PARTNER $ATHLETE 2>/dev/null
gpio_trace_stop partner $CHIP
tail -6 $R/partner-run.err

echo "== 5d. a gate run: the athlete's own start triggers the light"
gpio_trace_start
./snapcue-athlete --chip $DIR --pair left:0=finish-left:10 --pair right:1=finish-right:11 --tap start:12 \
  --tap-every 2200,3200 --tap-hold 40 --reaction 250,300,280 --hold 60 --duration 120 --truth $R/gates-truth.jsonl --seed 23 \
  2> $R/gates-athlete.err &
ATHLETE=$!
if await_athlete gates $R/gates-truth.jsonl $ATHLETE; then
  ./snapcue run gates.yaml --station people.yaml --seed 6 --athlete Virtual --json > $R/gates.json 2> $R/gates-run.err
  echo $? > $R/gates.rc
  kill $ATHLETE; wait $ATHLETE 2>/dev/null
else
  not_run gates
fi
gpio_trace_stop gates $CHIP
tail -6 $R/gates-run.err
