# Runs inside the virtual station's guest: sound cues over ALSA into the
# snd-aloop loopback card, captured on its other side for the host checker
# (check_sound.py). The athlete answers every cue it hears on a gpio-sim line.
set -u
. ./scenario-lib.sh
rm -f /tmp/capture.raw /tmp/capture.raw.times
set -- $(gpiosim-mk sound 4)
CHIP=$1 DIR=$2
cat > sound-station.yaml <<YAML
name: virtual-sound
lights:
  pad: {chip: sound, line: 0}
switches:
  pad: {chip: sound, line: 2, active: low, bias: pull-up}
# 8 periods (40 ms) rather than a Pi's 4: the emulated guest stalls for tens of ms when the host is busy.
sound: {device: "hw:Loopback,0,0", rate: 48000, period: 240, periods: 8}
sounds:
  beep: {tone: 1000Hz, duration: 60ms, level: -6dB, attack: 2ms, release: 5ms}
YAML
cat > sound-drill.yaml <<YAML
name: virtual-sound
version: 1
cues:
  beep: {sound: beep, expect: pad}
  both: {light: pad, sound: beep, expect: pad}
defaults: {foreperiod: {distribution: uniform, min: 300ms, max: 700ms}, timeout: 300ms, intertrial: 100ms}
blocks: [{trials: 40}]
YAML
HOLD=60
cp sound-station.yaml sound-drill.yaml $R/
echo "hold: ${HOLD}ms" > $R/sound-athlete.yaml
# The athlete's ears record the loopback's other side, with the card's position and its CLOCK_MONOTONIC
# time after every period: the checker's own measure of the card's rate and of when each onset was heard.
# Into /tmp (the guest's RAM) while the drill runs, so the share's file system stays out of its way.
# The athlete also answers every cue it hears on the pad (sound_response in its truth), within the timeout.
# The kernel's own record (gpio_trace_start): the edges it delivered for those answers, and the ALSA xruns.
gpio_trace_start
./snapcue-athlete --listen hw:Loopback,1,0 --record /tmp/capture.raw --duration 120 \
  --chip $DIR --respond pad:2 --reaction 150,190,230,170,210 --hold $HOLD --truth $R/sound-truth.jsonl 2> $R/listener.err &
REC=$!
if await_athlete listener /tmp/capture.raw.times $REC; then
  ./snapcue run sound-drill.yaml --station sound-station.yaml --seed 3 --athlete Listener --json > $R/sound-session.json 2> $R/sound-session.err
  echo $? > $R/sound-session.rc
  sleep 0.5
  kill $REC; wait $REC 2>/dev/null
else
  not_run sound-session
fi
gpio_trace_stop sound $CHIP
cp /tmp/capture.raw /tmp/capture.raw.times $R/ 2>/dev/null
# The card's clock on its own, as a station owner would measure it: 20 s of silence, every position reading kept.
./snapcue hardware sound-clock --station sound-station.yaml --seconds 20 --log $R/sound-clock.csv > $R/sound-clock.txt 2>&1
echo $? > $R/sound-clock.rc
ls -l $R/capture.raw
tail -4 $R/sound-session.err
