# Runs inside the virtual station's guest: sound cues over ALSA into the
# snd-aloop loopback card, captured on its other side for the host checker
# (check_sound.py). Switches are gpio-sim lines nobody presses.
set -u
R=./results
mkdir -p $R
rm -f /tmp/capture.raw /tmp/capture.raw.times
# The athlete creates its record file just before it starts watching (or listening). Under a busy host its
# 70 MB binary can take seconds to start from the share, so each drill waits for that, not a fixed sleep.
await_athlete() { n=0; while [ ! -e "$1" ] && [ $n -lt 600 ]; do sleep 0.1; n=$((n + 1)); done; }
set -- $(gpiosim-mk sound 4)
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
# The athlete's ears record the loopback's other side, with the card's position and its CLOCK_MONOTONIC
# time after every period: the checker's own measure of the card's rate and of when each onset was heard.
# Into /tmp (the guest's RAM) while the drill runs, so the share's file system stays out of its way.
# The athlete also answers every cue it hears on the pad (sound_response in its truth), within the timeout.
./snapcue-athlete --listen hw:Loopback,1,0 --record /tmp/capture.raw --duration 120 \
  --chip $2 --respond pad:2 --reaction 150,190,230,170,210 --hold 60 --truth $R/sound-truth.jsonl 2> $R/listener.err &
REC=$!
await_athlete /tmp/capture.raw.times
./snapcue run sound-drill.yaml --station sound-station.yaml --seed 3 --athlete Listener --json > $R/sound-session.json 2> $R/sound-session.err
echo $? > $R/sound-session.rc
sleep 0.5
kill $REC; wait $REC 2>/dev/null
cp /tmp/capture.raw /tmp/capture.raw.times $R/
# The card's clock on its own, as a station owner would measure it: 20 s of silence, every position reading kept.
./snapcue hardware sound-clock --station sound-station.yaml --seconds 20 --log $R/sound-clock.csv > $R/sound-clock.txt 2>&1
echo $? > $R/sound-clock.rc
ls -l $R/capture.raw
tail -4 $R/sound-session.err
