import Testing
@testable import DrillCore

@Suite("Partner and gate drills: what a coach may write, and the located errors")
struct CueSourceProfileTests {
    func error(_ yaml: String) -> ConfigError? {
        do { _ = try Profile.parse(yaml, file: "p.yaml") } catch let error as ConfigError { return error } catch { return nil }
        return nil
    }

    func stationError(_ yaml: String, station: String) -> ConfigError? {
        do {
            let profile = try Profile.parse(yaml, file: "p.yaml")
            try profile.checkRunnable(on: try Station.parse(station, file: "s.yaml"), file: "p.yaml", text: yaml)
        } catch let error as ConfigError { return error } catch { return nil }
        return nil
    }

    let partnerHead = "name: p\nversion: 1\n"
    let oneBlock = "blocks:\n  - trials: 4\n"

    @Test("'map: same' pairs by position, 'mirror' reverses, a table names the pairs; each partner switch is a cue named after it")
    func maps() throws {
        let same = try Profile.parse(partnerHead + "partner: {map: same, pads: [pa, pb], targets: [a, b]}\n" + oneBlock, file: "p.yaml")
        #expect(same.cues.map { $0.expected["athlete"] } == ["a", "b"])
        let mirror = try Profile.parse(partnerHead + "partner: {map: mirror, pads: [pa, pb], targets: [a, b]}\n" + oneBlock, file: "p.yaml")
        #expect(mirror.cues.map(\.name) == ["pa", "pb"])
        #expect(mirror.cues.map { $0.expected["athlete"] } == ["b", "a"])
        let table = try Profile.parse(partnerHead + "partner: {map: {pa: b, pb: b}, feints: [pc], on: release, light: true}\n" + oneBlock, file: "p.yaml")
        #expect(table.partner == PartnerCues(pads: ["pa", "pb", "pc"], edge: .release, lightsTarget: true, wait: .seconds(60)))
        #expect(table.cues[0].lights == ["b"] && table.cues[2].isNoGo)
        #expect(table.requiredSwitches == ["b", "pa", "pb", "pc"])
        #expect(table.responsePads == ["b"])
    }

    @Test("a partner switch that is also the athlete's is refused at its line, with the fix")
    func partnerPadIsAlsoTarget() throws {
        let found = try #require(error(partnerHead + "partner:\n  map: {pa: a, pb: pa}\n" + oneBlock))
        #expect(found.line == 4)
        #expect(found.problem.contains("'pa' is both the partner's switch and the athlete's"))
        #expect(found.fix?.contains("own pads") == true)
    }

    @Test("a mirror map with a partner switch that has no counterpart is refused at the targets")
    func mirrorWithoutCounterpart() throws {
        let found = try #require(error(partnerHead + "partner:\n  map: mirror\n  pads: [pa, pb, pc]\n  targets: [a, b]\n" + oneBlock))
        #expect(found.line == 6)
        #expect(found.problem.contains("3 partner switches but 2 targets"))
        #expect(found.problem.contains("counterpart"))
    }

    @Test("a partner drill refuses its own cue list and the plan's timing keys, saying the partner chooses")
    func partnerRefusesPlannedKeys() throws {
        let withCues = try #require(error(partnerHead + "partner: {map: {pa: a}}\ncues: {go: {light: a, expect: a}}\n" + oneBlock))
        #expect(withCues.problem.contains("partner's moves"))
        let withForeperiod = try #require(error(partnerHead + "partner: {map: {pa: a}}\ndefaults: {foreperiod: 1s}\n" + oneBlock))
        #expect(withForeperiod.line == 4)
        #expect(withForeperiod.problem.contains("the partner chooses each cue"))
        let twoSides = try #require(error(partnerHead + "sides: [l, r]\npartner: {map: {pa: a}}\n" + oneBlock))
        #expect(twoSides.problem.contains("one athlete"))
    }

    @Test("a gate run needs a start gate, and its keys belong to it")
    func gateRunKeys() throws {
        let noStart = try #require(error(partnerHead + "mode: gate_run\ncues: {l: {light: l, expect: fl}}\n" + oneBlock))
        #expect(noStart.problem.contains("missing required key 'start_gate'"))
        let stray = try #require(error(partnerHead + "start_gate: s\ncues: {l: {light: l, expect: fl}}\n" + oneBlock))
        #expect(stray.problem.contains("'start_gate' only applies with 'mode: gate_run'"))
        let startIsTarget = try #require(error(partnerHead + "mode: gate_run\nstart_gate: fl\ncues: {l: {light: l, expect: fl}}\n" + oneBlock))
        #expect(startIsTarget.problem.contains("also a target"))
        let score = try #require(error(partnerHead + "score: best_each_way\ncues: {l: {light: l, expect: fl}}\n" + oneBlock))
        #expect(score.problem.contains("not a gate run"))
    }

    @Test("a gate run's delay may be 0 ms; odd_split needs a balanced order")
    func delaysAndOddSplit() throws {
        let profile = try Profile.parse(
            partnerHead + "mode: gate_run\nstart_gate: s\ncues: {l: {light: l, expect: fl}}\ndefaults: {foreperiod: 0ms}\n" + oneBlock, file: "p.yaml")
        #expect(profile.blocks[0].rules.foreperiod == .fixed(.zero))
        let zeroElsewhere = try #require(error(partnerHead + "cues: {l: {light: l, expect: fl}}\ndefaults: {foreperiod: 0ms}\n" + oneBlock))
        #expect(zeroElsewhere.problem.contains("greater than zero"))
        let oddSplit = try #require(error(partnerHead + "cues: {l: {light: l, expect: fl}}\ndefaults: {odd_split: random}\n" + oneBlock))
        #expect(oddSplit.problem.contains("balanced"))
        let weighted = try #require(error(
            partnerHead + "cues: {l: {light: l, expect: fl}, r: {light: r, expect: fr, weight: 3}}\ndefaults: {order: balanced, max_repeats: 2, odd_split: random}\n" + oneBlock))
        #expect(weighted.problem.contains("equal weights"))
    }

    let gateDrill = """
        name: y
        version: 1
        mode: gate_run
        start_gate: start
        cues:
          left: {light: left, expect: finish-left}
        blocks:
          - trials: 2
        """

    @Test("a gate run on a station without gates says to add a 'gates:' section, at the start_gate line")
    func stationWithoutGates() throws {
        let station = "name: s\nlights: {left: {}}\nswitches: {start: {}, finish-left: {}}\n"
        let found = try #require(stationError(gateDrill, station: station))
        #expect(found.line == 4)
        #expect(found.problem.contains("'start' is a switch on station 's', not a timing gate"))
        let noStart = try #require(stationError(gateDrill, station: "name: s\nlights: {left: {}}\nswitches: {finish-left: {}}\n"))
        #expect(noStart.fix?.contains("add a 'gates:' section") == true)
    }

    @Test("a gate named as a light is refused: it is a timing gate, not a light")
    func gateUsedAsLight() throws {
        let yaml = gateDrill.replacingOccurrences(of: "light: left", with: "light: finish-left")
        let station = "name: s\nlights: {left: {}}\nswitches: {}\ngates: {start: {}, finish-left: {}}\n"
        let found = try #require(stationError(yaml, station: station))
        #expect(found.problem.contains("'finish-left' is a timing gate on station 's', not a light"))
        #expect(found.line == 6)
    }

    @Test("station files list timing gates under 'gates:'; a name may not be both a switch and a gate")
    func stationGates() throws {
        let station = try Station.parse("name: s\nlights: {l: {}}\nswitches: {a: {}}\ngates: {start: {debounce: 20ms}}\n", file: "s.yaml")
        #expect(station.gates.map(\.name) == ["start"])
        #expect(station.switchSpec(named: "start")?.debounce == .milliseconds(20))
        #expect(throws: ConfigError.self) { try Station.parse("name: s\nlights: {l: {}}\nswitches: {a: {}}\ngates: {a: {}}\n", file: "s.yaml") }
    }
}
