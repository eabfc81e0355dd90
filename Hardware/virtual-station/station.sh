#!/bin/bash
# station.sh - Snapcue's virtual station: Debian's 6.1 kernel under qemu with gpio-sim + snd-aloop
# loaded, run a command file inside the guest, print its output, exit with its status.
#
# usage: station.sh [options] CMDFILE [FILE_OR_DIR ...]
#   CMDFILE          shell script run in the guest by busybox sh, cwd = the share (/mnt)
#   FILE_OR_DIR ...  copied into the share next to cmd.sh; the shared libraries of every
#                    ELF among them (found with ldd) are copied into the initramfs
# options:
#   --accel tcg|kvm  default tcg (kvm does not boot a stock kernel on PVM hosts)
#   --smp N          default 2        --mem MB   default 512
#   --timeout S      default 300 (qemu is killed after that)
#   --keep-share     do not wipe the share dir before the run
# env: SNAPCUE_STATION_CACHE (default ~/.cache/snapcue-virtual-station) holds the cache (kernel, module, initramfs parts) and run/.
# Results: guest writes anything it likes into /mnt (= $HIL_DIR/run/share on the host);
#          stdout+stderr of CMDFILE are printed here and saved as run/share/.out;
#          the serial console is saved as run/console.log.
set -euo pipefail

HIL_DIR=${SNAPCUE_STATION_CACHE:-$HOME/.cache/snapcue-virtual-station}
ACCEL=tcg SMP=2 MEM=512 TIMEOUT=300 KEEP=0
while [ $# -gt 0 ]; do
  case "$1" in
    --accel) ACCEL=$2; shift 2;;
    --smp) SMP=$2; shift 2;;
    --mem) MEM=$2; shift 2;;
    --timeout) TIMEOUT=$2; shift 2;;
    --keep-share) KEEP=1; shift;;
    -h|--help) sed -n '2,20p' "$0"; exit 0;;
    --) shift; break;;
    -*) echo "station.sh: unknown option $1" >&2; exit 2;;
    *) break;;
  esac
done
[ $# -ge 1 ] || { echo "usage: station.sh [options] CMDFILE [FILE_OR_DIR ...]" >&2; exit 2; }
CMDFILE=$1; shift
[ -f "$CMDFILE" ] || { echo "station.sh: no such command file: $CMDFILE" >&2; exit 2; }

CACHE=$HIL_DIR/cache
RUN=$HIL_DIR/run
mkdir -p "$CACHE" "$RUN"
log() { echo "station: $*" >&2; }
T_START=$(date +%s.%N)

# ---------------------------------------------------------------- 1. packages
need_pkgs=()
for p in qemu-system-x86 busybox-static cpio xz-utils alsa-utils gpiod libgpiod-dev \
         libasound2-dev gcc make libc6-dev kmod; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || need_pkgs+=("$p")
done
if [ ${#need_pkgs[@]} -gt 0 ] || [ ! -f "$CACHE/kver" ]; then
  log "apt-get update"
  apt-get update -qq >/dev/null
fi
if [ ! -f "$CACHE/kver" ]; then
  # the ABI name of the kernel that linux-image-amd64 currently points at, e.g. 6.1.0-56-amd64
  apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-[0-9]/{sub("linux-image-","",$2); print $2; exit}' > "$CACHE/kver"
fi
KVER=$(cat "$CACHE/kver")
[ -n "$KVER" ] || { log "cannot determine kernel version"; rm -f "$CACHE/kver"; exit 1; }
dpkg-query -W -f='${Status}' "linux-headers-$KVER" 2>/dev/null | grep -q 'install ok installed' || need_pkgs+=("linux-headers-$KVER")
if [ ${#need_pkgs[@]} -gt 0 ]; then
  log "installing: ${need_pkgs[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_pkgs[@]}" >/dev/null
fi

# ---------------------------------------------------------------- 2. guest kernel (not installed on the host)
# Kept: vmlinux, the config, and only the modules the guest loads (+ their deps).
MODS_WANTED="configfs snd-aloop snd-dummy snd-hrtimer 9p 9pnet_virtio virtio_pci"
KDIR=$CACHE/kernel-$KVER
if [ ! -f "$KDIR/vmlinux" ] || [ ! -d "$KDIR/modules" ]; then
  log "fetching linux-image-$KVER"
  rm -rf "$KDIR"; mkdir -p "$KDIR/debs" "$KDIR/root"
  (cd "$KDIR/debs" && apt-get download -qq "linux-image-$KVER" 2>/dev/null)
  dpkg-deb -x "$KDIR"/debs/linux-image-"$KVER"_*.deb "$KDIR/root"
  depmod -b "$KDIR/root" "$KVER"
  cp "$KDIR/root/boot/config-$KVER" "$KDIR/"
  ALL=$KDIR/root/lib/modules/$KVER SEL=$KDIR/modules/lib/modules/$KVER
  mkdir -p "$SEL"
  for mod in $MODS_WANTED; do
    line=$(grep -E "(^|/)${mod}\.ko:" "$ALL/modules.dep") || { log "module $mod not in $KVER"; exit 1; }
    for p in ${line%%:*} ${line#*:}; do mkdir -p "$SEL/$(dirname "$p")"; cp "$ALL/$p" "$SEL/$p"; done
  done
  cp "$ALL"/modules.order "$ALL"/modules.builtin "$ALL"/modules.builtin.modinfo "$SEL/"
  # Uncompressed ELF vmlinux: qemu boots it via its PVH entry point, which skips the
  # real-mode setup + xz decompressor (about 5 s under TCG).
  VMLINUZ=$KDIR/root/boot/vmlinuz-$KVER
  off=$(LC_ALL=C grep -abo $'\xfd7zXZ' "$VMLINUZ" | head -1 | cut -d: -f1)
  tail -c +$((off + 1)) "$VMLINUZ" | xz -dc --single-stream > "$KDIR/vmlinux.tmp" 2>/dev/null || true
  [ "$(head -c 4 "$KDIR/vmlinux.tmp" | od -An -c | tr -d ' ')" = '177ELF' ] || { log "vmlinux extraction failed"; exit 1; }
  rm -rf "$KDIR/root" "$KDIR/debs"
  mv "$KDIR/vmlinux.tmp" "$KDIR/vmlinux"
fi

# ---------------------------------------------------------------- 3. gpio-sim.ko, built out of tree
# Debian's 6.1 config has "# CONFIG_GPIO_SIM is not set" (and no IRQ_SIM), so build
# drivers/gpio/gpio-sim.c + kernel/irq/irq_sim.c from linux-source-6.1 as one module.
GSIM=$CACHE/gpio-sim-$KVER
if [ ! -f "$GSIM/gpio-sim.ko" ]; then
  log "building gpio-sim.ko for $KVER"
  rm -rf "$GSIM"; mkdir -p "$GSIM/src"
  SRCVER=$(dpkg-query -W -f='${Version}' "linux-headers-$KVER")
  (cd "$GSIM/src" && apt-get download -qq "linux-source-6.1=$SRCVER" 2>/dev/null || apt-get download -qq linux-source-6.1 2>/dev/null)
  dpkg-deb --fsys-tarfile "$GSIM"/src/linux-source-6.1_*.deb | tar -x -O ./usr/src/linux-source-6.1.tar.xz \
    | tar -xJ -C "$GSIM/src" linux-source-6.1/drivers/gpio/gpio-sim.c linux-source-6.1/drivers/gpio/gpiolib.h \
                               linux-source-6.1/kernel/irq/irq_sim.c
  cp "$GSIM/src/linux-source-6.1/drivers/gpio/gpio-sim.c" "$GSIM/gpio-sim-main.c"
  cp "$GSIM/src/linux-source-6.1/drivers/gpio/gpiolib.h" "$GSIM/src/linux-source-6.1/kernel/irq/irq_sim.c" "$GSIM/"
  # irq_to_desc() is not exported to modules; generic_handle_irq() is, and does the same here
  sed -i 's/handle_simple_irq(irq_to_desc(irqnum));/generic_handle_irq(irqnum);/' "$GSIM/irq_sim.c"
  grep -q 'generic_handle_irq(irqnum)' "$GSIM/irq_sim.c"
  printf 'obj-m := gpio-sim.o\ngpio-sim-y := gpio-sim-main.o irq_sim.o\n' > "$GSIM/Makefile"
  make -s -C "/lib/modules/$KVER/build" M="$GSIM" modules >"$GSIM/build.log" 2>&1 || { cat "$GSIM/build.log" >&2; exit 1; }
  rm -rf "$GSIM/src"
fi

# ---------------------------------------------------------------- 4. initramfs
# base part (busybox, modules, alsa/gpiod tools + libs, init) is cached; a small
# per-run part with the payload's libraries is appended (the kernel unpacks
# concatenated cpio archives in order).
copy_with_libs() {  # copy_with_libs DESTROOT ELF... : copy the ELFs' shared libraries (by ldd)
  local dest=$1; shift
  local f lib
  for f in "$@"; do
    ldd "$f" 2>/dev/null | awk '/=> \//{print $3} /^[ \t]*\//{print $1}' | while read -r lib; do
      [ -e "$dest$lib" ] && continue
      mkdir -p "$dest$(dirname "$lib")"
      cp -L "$lib" "$dest$lib"
      # A library from outside the system folders (libgpiod 2 built in the checkout) also goes where
      # the loader looks by default: its own path may be hidden in the guest (/tmp is a tmpfs there).
      case "$lib" in
        /lib/*|/lib64/*|/usr/*) ;;
        *) mkdir -p "$dest/usr/lib/x86_64-linux-gnu"; cp -L "$lib" "$dest/usr/lib/x86_64-linux-gnu/$(basename "$lib")" ;;
      esac
    done
  done
}
BASE=$CACHE/initramfs-base-$KVER.cpio
if [ ! -f "$BASE" ] || [ "$0" -nt "$BASE" ]; then
  log "building base initramfs"
  R=$CACHE/initramfs-root; rm -rf "$R"
  mkdir -p "$R"/{bin,sbin,usr/bin,usr/sbin,proc,sys,dev,tmp,mnt,etc,root,run,usr/share,usr/local/bin}
  ln -s usr/lib "$R/lib"; mkdir -p "$R/usr/lib" "$R/usr/lib64"; ln -s usr/lib64 "$R/lib64"
  cp /bin/busybox "$R/bin/busybox"
  for a in $(/bin/busybox --list); do [ -e "$R/bin/$a" ] || ln -s busybox "$R/bin/$a"; done
  # modules: the selection kept in step 2, plus gpio-sim.ko, then depmod
  M=$R/lib/modules/$KVER; mkdir -p "$M/extra"
  cp -a "$KDIR/modules/lib/modules/$KVER/." "$M/"
  cp "$GSIM/gpio-sim.ko" "$M/extra/"
  depmod -b "$R" "$KVER"
  # user-space tools + their libraries; alsa-lib needs its config tree
  tools=(/usr/bin/aplay /usr/bin/arecord /usr/bin/amixer /usr/bin/speaker-test
         /usr/bin/gpiodetect /usr/bin/gpioinfo /usr/bin/gpioget /usr/bin/gpioset /usr/bin/gpiomon)
  for t in "${tools[@]}"; do cp "$t" "$R/usr/bin/"; done
  copy_with_libs "$R" "${tools[@]}" /usr/lib/x86_64-linux-gnu/libgpiod.so.2 /usr/lib/x86_64-linux-gnu/libasound.so.2
  cp -a /usr/share/alsa "$R/usr/share/"
  echo 'root:x:0:0:root:/root:/bin/sh' > "$R/etc/passwd"; echo 'root:x:0:' > "$R/etc/group"
  cat > "$R/usr/local/bin/gpiosim-mk" <<'EOF'
#!/bin/sh
# gpiosim-mk NAME NUM_LINES : create + activate a gpio-sim chip via configfs.
# prints: "<gpiochipN> <sysfs dir with sim_gpioK/{pull,value}>"
set -e
n=$1; lines=${2:-8}; c=/sys/kernel/config/gpio-sim/$n
mkdir "$c"; mkdir "$c/bank0"
echo "$lines" > "$c/bank0/num_lines"
echo "$n" > "$c/bank0/label"
echo 1 > "$c/live"
dev=$(cat "$c/dev_name"); chip=$(cat "$c/bank0/chip_name")
echo "$chip /sys/devices/platform/$dev/$chip"
EOF
  chmod +x "$R/usr/local/bin/gpiosim-mk"
  cat > "$R/init" <<'EOF'
#!/bin/sh
export PATH=/usr/local/bin:/bin:/sbin:/usr/bin:/usr/sbin HOME=/root
mount -t proc proc /proc; mount -t sysfs sysfs /sys; mount -t devtmpfs devtmpfs /dev
mkdir -p /dev/pts /dev/shm; mount -t devpts devpts /dev/pts; mount -t tmpfs tmpfs /dev/shm; mount -t tmpfs tmpfs /tmp
for m in configfs gpio-sim snd-aloop snd-dummy virtio_pci 9pnet_virtio 9p; do
  modprobe $m 2>/tmp/modprobe.err || { echo "HIL: modprobe $m failed: $(cat /tmp/modprobe.err)"; }
done
mount -t configfs configfs /sys/kernel/config
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
if ! mount -t 9p -o trans=virtio,version=9p2000.L,msize=262144 hil /mnt; then
  echo "HIL: 9p mount failed"; poweroff -f
fi
echo "HIL: guest ready at uptime $(cut -d' ' -f1 /proc/uptime)s (kernel $(uname -r))"
cd /mnt
{ sh ./cmd.sh; echo $? > /mnt/.rc; } 2>&1 | tee /mnt/.out
sync
echo "HIL: guest done at uptime $(cut -d' ' -f1 /proc/uptime)s rc=$(cat /mnt/.rc)"
poweroff -f
EOF
  chmod +x "$R/init"
  (cd "$R" && find . | LC_ALL=C sort | cpio -o -H newc --quiet > "$BASE.tmp") && mv "$BASE.tmp" "$BASE"
fi

# ---------------------------------------------------------------- 5. share + payload
SHARE=$RUN/share
[ $KEEP = 1 ] || rm -rf "$SHARE"
mkdir -p "$SHARE"
cp "$CMDFILE" "$SHARE/cmd.sh"
rm -f "$SHARE/.rc" "$SHARE/.out"
P=$RUN/payload-root; rm -rf "$P"; mkdir -p "$P"
elfs=()
for f in "$@"; do
  cp -a "$f" "$SHARE/"
  while IFS= read -r -d '' g; do
    head -c 4 "$g" 2>/dev/null | grep -q $'\x7fELF' && elfs+=("$g")
  done < <(find "$f" -type f -print0)
done
[ ${#elfs[@]} -gt 0 ] && copy_with_libs "$P" "${elfs[@]}"
# (libraries the base already has are simply unpacked again over themselves)
if [ -d "$P/usr" ] || [ -d "$P/lib" ] || [ -d "$P/lib64" ]; then
  # normalise merged-/usr paths (/lib -> /usr/lib, /lib64 -> /usr/lib64)
  for d in lib lib64; do [ -d "$P/$d" ] && { mkdir -p "$P/usr/$d"; cp -a "$P/$d/." "$P/usr/$d/"; rm -rf "${P:?}/$d"; }; done
fi
INITRD=$RUN/initrd.cpio
cp "$BASE" "$INITRD"
if [ -n "$(ls -A "$P")" ]; then (cd "$P" && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc --quiet >> "$INITRD"); fi

# ---------------------------------------------------------------- 6. boot
case $ACCEL in
  kvm) ACC=(-accel kvm -cpu host,-arch-capabilities) ;;   # does not boot a stock kernel on PVM hosts (use tcg)
  tcg) ACC=(-accel tcg -cpu max) ;;
  *) log "bad --accel $ACCEL"; exit 2;;
esac
T_BOOT=$(date +%s.%N)
set +e
timeout "$TIMEOUT" qemu-system-x86_64 -M q35 "${ACC[@]}" -smp "$SMP" -m "$MEM" \
  -kernel "$KDIR/vmlinux" -initrd "$INITRD" \
  -append "console=ttyS0 quiet panic=-1 tsc=reliable" \
  -virtfs "local,path=$SHARE,mount_tag=hil,security_model=none,id=hil" \
  -display none -serial "file:$RUN/console.log" -monitor none -nodefaults -no-user-config -no-reboot
qrc=$?
set -e
T_END=$(date +%s.%N)

if [ -f "$SHARE/.out" ]; then cat "$SHARE/.out"; else log "no output file; serial console follows"; cat "$RUN/console.log"; fi
grep -E '^HIL:' "$RUN/console.log" >&2 || true
[ "$qrc" = 124 ] && log "TIMEOUT: qemu killed after ${TIMEOUT}s"
rc=$(cat "$SHARE/.rc" 2>/dev/null || echo 255)
awk -v q="$qrc" -v r="$rc" -v a="$T_START" -v b="$T_BOOT" -v e="$T_END" -v s="$SHARE" \
  'BEGIN{printf "station: qemu rc=%s guest rc=%s; qemu wall %.2fs, total wall %.2fs; share: %s\n", q, r, e-b, e-a, s}' >&2
exit "$rc"
