# Sourced by the virtual station's guest scenarios (gpio-scenarios.sh, sound-scenarios.sh,
# accuracy-scenarios.sh; busybox sh, cwd = the share): what they share. The checkers on the host
# (stationcheck.py) read what these functions leave in ./results.
R=./results
mkdir -p $R
T=/sys/kernel/tracing
# A Snapcue crash in the guest prints where it happened (Swift's backtracer, shipped beside the binaries).
if [ -x ./swift-backtrace-static ]; then
  export SWIFT_BACKTRACE="enable=yes,interactive=no,color=no,swift-backtrace=$PWD/swift-backtrace-static"
fi

# process_running PID: the process runs (a zombie, not yet reaped, does not count).
process_running() {
  local state
  state=$(sed 's/.*) //' /proc/$1/stat 2>/dev/null | cut -c1)
  [ -n "$state" ] && [ "$state" != Z ]
}

# await_athlete NAME FILE PID: the athlete creates its record file FILE just before it starts watching (or
# listening). Under a busy host its 70 MB binary can take seconds to start from the share, so each drill
# waits for that, not a fixed sleep: up to 60 s, while the athlete runs. Whether it started goes to
# $R/athletes.txt ("NAME: started after S s", else the reason), which the checkers judge. If it never
# starts, the athlete is stopped and the status is 1: the caller does not run its drill (not_run).
await_athlete() {
  local name=$1 file=$2 pid=$3 n=0
  while [ ! -e "$file" ]; do
    if ! process_running "$pid"; then
      wait "$pid" 2>/dev/null
      echo "$name: did not start: it exited (status $?) before creating $file" >> $R/athletes.txt
      return 1
    fi
    if [ $n -ge 600 ]; then
      kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
      echo "$name: did not start: no $file after 60 s (stopped)" >> $R/athletes.txt
      return 1
    fi
    sleep 0.1
    n=$((n + 1))
  done
  echo "$name: started after $((n / 10)).$((n % 10)) s" >> $R/athletes.txt
}

# not_run NAME: the drill whose results are $R/NAME.* was not run (its athlete never started).
not_run() {
  echo "not run: the virtual athlete never started (see athletes.txt)" > $R/$1.err
  echo not-run > $R/$1.rc
}

# gpio_trace_start: the kernel's own record of the GPIO lines, on CLOCK_MONOTONIC (trace clock "mono", the
# clock Snapcue and the athlete read). gpiolib's gpio_value event fires for every set of a line (a light
# onset) and every read of one; a cdev interrupt thread (task irq/N-CONSUMER) reads the line once for each
# edge event it delivers to user space, so those reads are the edges the kernel delivered. irq_handler_entry
# marks the hard interrupt of each line Snapcue (consumer "snapcue") requested: gpiolib stamps the edge there.
# snd_pcm's xrun event (where the kernel has it) marks every ALSA xrun. Status 1 without the gpio_value event.
gpio_trace_start() {
  mount -t tracefs tracefs $T 2>/dev/null
  [ -d $T/events/gpio/gpio_value ] || { echo "scenario: no gpio_value trace event in this kernel" >&2; return 1; }
  echo 0 > $T/tracing_on
  echo mono > $T/trace_clock
  echo 4096 > $T/buffer_size_kb
  # The trace names each task from this cache; the interrupt threads must stay in it.
  echo 4096 > $T/saved_cmdlines_size 2>/dev/null
  echo 0 > $T/events/gpio/gpio_value/filter
  echo 1 > $T/events/gpio/gpio_value/enable
  if [ -d $T/events/irq/irq_handler_entry ]; then
    echo 'name == "snapcue"' > $T/events/irq/irq_handler_entry/filter 2>/dev/null
    echo 1 > $T/events/irq/irq_handler_entry/enable
  fi
  [ -d $T/events/snd_pcm/xrun ] && echo 1 > $T/events/snd_pcm/xrun/enable
  : > $T/trace
  echo 1 > $T/tracing_on
}

# gpio_trace_stop PREFIX CHIP: stops the trace and keeps it for the checkers: PREFIX-gpio-trace.txt, the
# events it had (PREFIX-trace-events.txt), the chip's name (PREFIX-chip.txt) and gpiolib's list of chips with
# their GPIO numbers (PREFIX-gpio-chips.txt: a trace event names a line by its GPIO number, base + offset).
gpio_trace_stop() {
  [ -d $T/events/gpio/gpio_value ] || return 1
  echo 0 > $T/tracing_on
  cat $T/trace > $R/$1-gpio-trace.txt
  cat $T/set_event > $R/$1-trace-events.txt
  echo "$2" > $R/$1-chip.txt
  cat /sys/kernel/debug/gpio > $R/$1-gpio-chips.txt
  echo 0 > $T/events/gpio/gpio_value/enable
  [ -d $T/events/irq/irq_handler_entry ] && echo 0 > $T/events/irq/irq_handler_entry/enable
  [ -d $T/events/snd_pcm/xrun ] && echo 0 > $T/events/snd_pcm/xrun/enable
  : > $T/trace
}
