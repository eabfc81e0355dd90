import Testing
@testable import DrillCore

@Suite("Switch tracker: debounce, untrusted edge types, resync")
struct SwitchTrackerTests {
    func at(_ microseconds: Int64) -> MonotonicInstant { MonotonicInstant(nanoseconds: microseconds * 1000) }

    @Test("a bouncing press is one press, stamped with the first edge")
    func bounceKeepsFirstEdge() {
        var tracker = SwitchTracker(name: "pad", debounce: .milliseconds(5), initiallyPressed: false)
        #expect(tracker.event(at: at(1000), reportedActive: true) == SwitchEdge(switchName: "pad", kind: .press, timestamp: at(1000)))
        #expect(tracker.event(at: at(1400), reportedActive: false) == nil)
        #expect(tracker.event(at: at(1900), reportedActive: true) == nil)
        #expect(tracker.isPressed)
        #expect(tracker.takeFlags() == [.bounce])
    }

    @Test("an edge after the debounce window is a new edge")
    func afterDebounce() {
        var tracker = SwitchTracker(name: "pad", debounce: .milliseconds(5), initiallyPressed: false)
        _ = tracker.event(at: at(0), reportedActive: true)
        #expect(tracker.event(at: at(5000), reportedActive: false)?.kind == .release)
    }

    @Test("a mis-typed edge still flips the state, and is flagged")
    func misTypedEdge() {
        var tracker = SwitchTracker(name: "pad", debounce: .milliseconds(5), initiallyPressed: false)
        // The kernel read the level late and called the press a falling edge.
        #expect(tracker.event(at: at(100), reportedActive: false)?.kind == .press)
        #expect(tracker.needsResync)
        #expect(tracker.takeFlags() == [.droppedEdges])
    }

    @Test("when bounce leaves the line in another state, the resync corrects it")
    func resyncCorrectsState() {
        var tracker = SwitchTracker(name: "pad", debounce: .milliseconds(5), initiallyPressed: false)
        _ = tracker.event(at: at(0), reportedActive: true)
        _ = tracker.event(at: at(2000), reportedActive: false)  // a 2 ms tap: the release hides in the bounce window
        #expect(tracker.resyncDue == at(5000))
        let correction = tracker.resync(level: false, at: at(5100))
        #expect(correction == SwitchEdge(switchName: "pad", kind: .release, timestamp: at(5100)))
        #expect(!tracker.isPressed && !tracker.needsResync)
    }

    @Test("a resync that agrees changes nothing")
    func resyncAgrees() {
        var tracker = SwitchTracker(name: "pad", debounce: .milliseconds(5), initiallyPressed: false)
        _ = tracker.event(at: at(0), reportedActive: true)
        _ = tracker.event(at: at(1000), reportedActive: true)
        #expect(tracker.resync(level: true, at: at(6000)) == nil)
        #expect(tracker.takeFlags() == [.bounce])
    }

    @Test("a gap in the kernel's sequence numbers counts as dropped edges")
    func sequenceGap() {
        var tracker = SwitchTracker(name: "pad", debounce: .milliseconds(5), initiallyPressed: false)
        _ = tracker.event(at: at(0), reportedActive: true, sequence: 1)
        _ = tracker.event(at: at(10_000), reportedActive: false, sequence: 4)
        #expect(tracker.dropped == 2)
        #expect(tracker.takeFlags() == [.droppedEdges])
    }
}

@Suite("Station aliases")
struct StationAliasTests {
    @Test("an alias gives a light and a switch another name on the same line")
    func alias() throws {
        let station = try Station.parse("""
            name: four
            lights: {pad1: {chip: gpiochip0, line: 5, color: red}}
            switches: {pad1: {chip: gpiochip0, line: 17, active: low, bias: pull-up}}
            aliases: {pad: pad1}
            """, file: "four.yaml")
        #expect(station.light(named: "pad")?.gpio == station.light(named: "pad1")?.gpio)
        #expect(station.switchSpec(named: "pad")?.gpio?.line == .offset(17))
        let profile = try Profile.parse(minimalProfile, file: "p.yaml")
        try profile.checkRunnable(on: station, file: "p.yaml")
    }

    @Test("an alias of nothing is an error at the alias")
    func aliasOfNothing() throws {
        #expect(throws: ConfigError.self) {
            try Station.parse("name: s\nlights: {a: {}}\nswitches: {a: {}}\naliases: {pad: nope}\n", file: "s.yaml")
        }
    }
}
