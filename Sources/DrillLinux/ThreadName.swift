import CGPIOShim

/// Names the calling thread as `top -H`, `ps -L` and /proc show it (the
/// kernel keeps 15 bytes). Foundation's `Thread.name` does not reach the
/// kernel on Linux. The corresponding C call is `prctl(PR_SET_NAME)`.
public func nameCurrentThread(_ name: String) {
    _ = snapcue_name_thread(name)
}
