import DrillCore
import Foundation
import Testing

/// Writes `bytes` to a new temporary file; its path.
func temporaryFile(_ bytes: [UInt8], suffix: String = ".yaml") throws -> String {
    let path = NSTemporaryDirectory() + "snapcue-hostile-\(UUID().uuidString)\(suffix)"
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
}

/// Whether `error` is a located error, `FILE:LINE[:COL]: error: …`.
func isLocated(_ error: any Error, in file: String) -> Bool {
    let text = "\(error)"
    guard text.hasPrefix(file + ":") else { return false }
    let place = text.dropFirst(file.count + 1).prefix { $0 != " " }
    return place.split(separator: ":").first.flatMap { Int($0) } != nil
}

@Suite("Hostile profile and station files")
struct HostileDocumentTests {
    /// 360 bytes of nested aliases: 9^9 values once expanded.
    static let aliasBomb: String = {
        var lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
        for level in 1...8 {
            let previous = "*a\(level - 1)"
            lines.append("a\(level): &a\(level) [\(Array(repeating: previous, count: 9).joined(separator: ", "))]")
        }
        lines.append("name: bomb\nversion: 1\ndescription: *a8")
        return lines.joined(separator: "\n")
    }()

    @Test("a YAML alias bomb is refused at a place in the file, in well under a second")
    func aliasBomb() throws {
        let started = ContinuousClock.now
        #expect {
            try Profile.parse(Self.aliasBomb, file: "bomb.yaml")
        } throws: { error in
            isLocated(error, in: "bomb.yaml") && "\(error)".contains("expands to more than")
        }
        #expect {
            try Station.parse(Self.aliasBomb, file: "bomb-station.yaml")
        } throws: { error in isLocated(error, in: "bomb-station.yaml") }
        // Not a timing goal: a bomb took 11 s before; anything near a second means the budget failed.
        #expect(ContinuousClock.now - started < .seconds(3))
    }

    @Test("a file that is not UTF-8 is refused at the line and column of the first bad byte")
    func notUTF8() throws {
        let path = try temporaryFile(Array("name: caf".utf8) + [0xE9] + Array("\nversion: 1\n".utf8))
        #expect {
            try Profile.load(path: path)
        } throws: { error in "\(error)".hasPrefix("\(path):1:10: error:") && "\(error)".contains("not UTF-8") }
    }

    @Test("a control character is refused with its place first, not buried in the message")
    func controlCharacter() throws {
        let path = try temporaryFile(Array("name: ok\nversion: 1\ntitle: \"a\u{1}b\"\n".utf8))
        #expect {
            try Profile.load(path: path)
        } throws: { error in "\(error)".hasPrefix("\(path):3:") && "\(error)".contains("U+0001") }
    }

    @Test("a file over 1 MB is refused at line 1 before it is parsed")
    func oversize() throws {
        let path = try temporaryFile(Array(repeating: UInt8(ascii: "#"), count: 1_000_001))
        #expect {
            try Profile.load(path: path)
        } throws: { error in "\(error)".hasPrefix("\(path):1:1: error:") && "\(error)".contains("1 MB") }
    }

    @Test("a folder given as a profile or station says it is a folder; a missing station points at Hardware/stations")
    func foldersAndMissingFiles() throws {
        let folder = NSTemporaryDirectory()
        #expect { try Profile.load(path: folder) } throws: { error in "\(error)".contains("is a folder") || "\(error)".contains("this is a folder") }
        #expect { try Station.load("/nonexistent.yaml") } throws: { error in "\(error)".contains("Hardware/stations") && !"\(error)".contains("Profiles/") }
    }

    @Test("a profile checked against a station points at the line of the name the station lacks")
    func stationCompatibilityIsLocated() throws {
        let text = """
            name: colours
            version: 1
            cues:
              go: {light: pad, expect: pad}
              white:
                light: white
                expect: pad
            blocks:
              - trials: 4
            """
        let path = try temporaryFile(Array(text.utf8))
        let profile = try Profile.load(path: path)
        let station = try Station.parse("name: one\nlights:\n  pad: {chip: gpiochip0, line: 17}\nswitches:\n  pad: {chip: gpiochip0, line: 27}\n", file: "one.yaml")
        #expect {
            try profile.checkRunnable(on: station, file: path)
        } throws: { error in "\(error)".hasPrefix("\(path):6:") && "\(error)".contains("needs light 'white'") }
    }
}
