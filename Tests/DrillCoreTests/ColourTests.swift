import DrillTesting
import Testing
@testable import DrillCore

@Suite("Colours: RGB pads, mixes, and a colour per cue")
struct ColourTests {
    let rgbStation = """
        name: rgb
        lights:
          pad1:
            colors:
              red:   {chip: gpiochip0, line: 5}
              green: {chip: gpiochip0, line: 6}
              blue:  {chip: gpiochip0, line: 13}
          pad2: {color: green, chip: gpiochip0, line: 26}
        switches:
          pad1: {chip: gpiochip0, line: 17}
          pad2: {chip: gpiochip0, line: 27}
        """

    @Test("an RGB pad shows its colours and their mixes on the right lines; a single-colour light only its own")
    func rgbPadOutputs() throws {
        let station = try Station.parse(rgbStation, file: "rgb.yaml")
        let pad1 = try #require(station.light(named: "pad1"))
        #expect(pad1.color == "red" && !station.isSimulated)
        #expect(pad1.outputs(showing: "green")?.map(\.gpio?.line) == [.offset(6)])
        #expect(pad1.outputs(showing: "yellow")?.map(\.color) == ["red", "green"])
        #expect(pad1.outputs(showing: "white")?.count == 3)
        #expect(pad1.outputs(showing: nil)?.map(\.color) == ["red"])
        #expect(pad1.outputs(showing: "orange") == nil)
        let pad2 = try #require(station.light(named: "pad2"))
        #expect(pad2.outputs(showing: "green")?.count == 1)
        #expect(pad2.outputs(showing: "red") == nil)
    }

    @Test("a light with both 'color' and 'colors' is refused at its line", arguments: [
        "  pad1: {color: red, colors: [red, green]}\n",
        "  pad1: {colors: [red, red]}\n",
        "  pad1: {colors: []}\n",
    ])
    func badColourLights(_ light: String) throws {
        let text = "name: s\nlights:\n" + light + "switches:\n  pad1: {key: '1'}\n"
        do {
            _ = try Station.parse(text, file: "s.yaml")
            Issue.record("accepted: \(light)")
        } catch {
            #expect("\(error)".hasPrefix("s.yaml:3:"))
        }
    }

    @Test("an RGB pad's colour lines must share a chip and an 'active' setting: one request sets them together")
    func rgbLinesShareChipAndActive() throws {
        for changed in [
            rgbStation.replacingOccurrences(of: "green: {chip: gpiochip0, line: 6}", with: "green: {chip: gpiochip1, line: 6}"),
            rgbStation.replacingOccurrences(of: "green: {chip: gpiochip0, line: 6}", with: "green: {chip: gpiochip0, line: 6, active: low}"),
        ] {
            do {
                _ = try Station.parse(changed, file: "rgb.yaml")
                Issue.record("accepted a pad whose colour lines differ")
            } catch {
                #expect("\(error)".hasPrefix("rgb.yaml:5:") && "\(error)".contains("differ in 'chip' or 'active'"))
            }
        }
    }

    @Test("two colour lines on one GPIO line are refused")
    func sharedColourLine() throws {
        let text = rgbStation.replacingOccurrences(of: "line: 13}", with: "line: 6}")
        #expect(throws: (any Error).self) { try Station.parse(text, file: "rgb.yaml") }
    }

    @Test("a cue names a colour per light; the engine asks for those colours at onset")
    func cueColoursReachTheRunner() throws {
        var harness = try EngineHarness("""
            name: c
            version: 1
            cues:
              pick: {light: {pad1: green, pad2: red}, expect: pad1}
            defaults: {foreperiod: 1s, timeout: 1s}
            blocks:
              - trials: 1
            """)
        harness.start()
        _ = try harness.nextOnset()
        #expect(harness.presentedCues[0].lightColors == ["pad1": "green", "pad2": "red"])
        #expect(harness.presentedCues[0].lights == ["pad1", "pad2"])
    }

    @Test("a profile asking a pad for a colour the station cannot show is refused at the cue's line")
    func stationCannotShowColour() throws {
        let text = """
            name: c
            version: 1
            cues:
              pick: {light: {pad2: red}, expect: pad2}
            blocks:
              - trials: 1
            """
        let profile = try Profile.parse(text, file: "c.yaml")
        let station = try Station.parse(rgbStation, file: "rgb.yaml")
        do {
            try profile.checkRunnable(on: station, file: "c.yaml", text: text)
            Issue.record("accepted red on a green-only light")
        } catch {
            #expect("\(error)".hasPrefix("c.yaml:4:"))
            #expect("\(error)".contains("cannot show red"))
        }
        let onRGB = try Profile.parse(text.replacingOccurrences(of: "pad2: red", with: "pad1: yellow").replacingOccurrences(of: "expect: pad2", with: "expect: pad1"), file: "c.yaml")
        try onRGB.checkRunnable(on: station, file: "c.yaml")
    }
}
