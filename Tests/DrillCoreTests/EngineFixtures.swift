import DrillCore

extension MonotonicInstant {
    static func + (lhs: MonotonicInstant, rhs: Int64) -> MonotonicInstant { MonotonicInstant(nanoseconds: lhs.nanoseconds + rhs) }
}

let ms: Int64 = 1_000_000

/// One pad, fixed 1 s foreperiod, 1 s timeout, 100 ms anticipation threshold.
let simpleDrill = """
    name: simple
    version: 1
    cues:
      go: {light: pad, expect: pad}
    defaults:
      foreperiod: 1s
      timeout: 1s
      anticipation: 100ms
      intertrial: 500ms
    blocks:
      - trials: 3
    """
