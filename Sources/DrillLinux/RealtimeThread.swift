import CGPIOShim
#if canImport(Glibc)
import Glibc
#endif

/// Makes the calling thread (the cue thread) as punctual as the system allows:
/// SCHED_FIFO, memory locked against page faults, 1 ns timer slack, and
/// optionally pinned to one CPU. Each step that is refused is reported with
/// how to allow it; the drill runs either way, and every trial records its
/// own lateness.
public enum RealtimeThread {
    /// What was granted and what was refused.
    public struct Report: Sendable {
        public var granted: [String] = []
        public var refused: [String] = []

        /// One or two plain lines for the user.
        public var summary: String {
            var lines: [String] = []
            if !granted.isEmpty { lines.append("real-time: " + granted.joined(separator: ", ")) }
            if !refused.isEmpty {
                lines.append("real-time: not permitted: " + refused.joined(separator: "; ")
                    + ". Cue timing is still measured and flagged, but may be late under load. To allow it: use the systemd unit in Hardware/systemd (LimitRTPRIO, LimitMEMLOCK), or 'sudo setcap cap_sys_nice,cap_ipc_lock+ep <snapcue binary>', or add '@gpio - rtprio 90' and '@gpio - memlock unlimited' to /etc/security/limits.conf and log in again.")
            }
            return lines.joined(separator: "\n")
        }
    }

    /// Configures the calling thread. The corresponding C functions are
    /// `pthread_setschedparam`, `mlockall`, `prctl(PR_SET_TIMERSLACK)` and
    /// `pthread_setaffinity_np`.
    public static func configureCurrentThread(priority: Int32 = 80, cpu: Int? = nil, lockMemory: Bool = true) -> Report {
        var report = Report()
        var parameters = sched_param(sched_priority: priority)
        let scheduled = pthread_setschedparam(pthread_self(), SCHED_FIFO, &parameters)
        if scheduled == 0 {
            report.granted.append("SCHED_FIFO priority \(priority)")
        } else {
            report.refused.append("SCHED_FIFO (\(String(cString: strerror(scheduled))))")
        }
        if lockMemory {
            if mlockall(MCL_CURRENT | MCL_FUTURE) == 0 {
                report.granted.append("memory locked")
            } else {
                report.refused.append("mlockall (\(String(cString: strerror(errno))))")
            }
        }
        if snapcue_set_timer_slack(1) == 0 { report.granted.append("timer slack 1 ns") }
        if let cpu {
            let pinned = snapcue_pin_to_cpu(Int32(cpu))
            if pinned == 0 {
                report.granted.append("pinned to CPU \(cpu)")
            } else {
                report.refused.append("pinning to CPU \(cpu) (\(String(cString: strerror(pinned))))")
            }
        }
        return report
    }

    /// Keeps every thread of this process that exists now off `cpu`, and with
    /// them the threads they start later (a new thread inherits its creator's
    /// affinity): call it before starting servers, so the cue thread, pinned
    /// to `cpu` when it starts, has that CPU to itself. Returns one line for
    /// the user saying what was done. The corresponding C function is
    /// `sched_setaffinity`, for each entry of /proc/self/task.
    public static func reserveCPU(_ cpu: Int) -> String {
        let online = sysconf(Int32(_SC_NPROCESSORS_ONLN))
        guard cpu >= 0, cpu < online, online > 1 else {
            return "real-time: CPU \(cpu) not reserved: this machine has CPUs 0 to \(online - 1), and a reserved CPU needs at least one other; choose another --cpu"
        }
        guard let tasks = opendir("/proc/self/task") else {
            return "real-time: CPU \(cpu) not reserved: cannot list /proc/self/task (\(String(cString: strerror(errno))))"
        }
        defer { closedir(tasks) }
        var failures: Set<String> = []
        var moved = 0
        while let entry = readdir(tasks) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard let tid = Int32(name) else { continue }
            let result = snapcue_keep_thread_off_cpu(tid, Int32(cpu))
            if result == 0 { moved += 1 } else { failures.insert(String(cString: strerror(result))) }
        }
        if failures.isEmpty { return "real-time: CPU \(cpu) reserved for the cue thread (the other \(moved) threads kept off it)" }
        return "real-time: CPU \(cpu) only partly reserved (\(failures.sorted().joined(separator: ", "))): cue timing may suffer under web load"
    }
}
