import DrillCore
import DrillTesting
import Foundation
import Testing

/// A seeded mutational fuzzer over the shipped profiles and station files, run
/// through the parsers in-process: every input must be decided (parsed, or
/// refused with a located `FILE:LINE[:COL]:` error) without a crash and in
/// under a second. Inputs that were once a problem live in `FuzzRegressions/`
/// and are replayed first.
@Suite("Fuzzed profiles and station files")
struct DocumentFuzzTests {
    static let seed: UInt64 = 20_261_204
    static let profileInputs = 12_000
    static let stationInputs = 6_000

    /// YAML and text pieces that break parsers: anchors, aliases, merge keys, flow brackets, quotes,
    /// tabs, control characters, odd Unicode, huge numbers.
    static let tokens: [String] = [
        "&a ", "*a", "<<: *a", "---", "...", "{", "}", "[", "]", "'", "\"", "\t", ": ", "- ", "? ", "|", ">", "#", "!!str ",
        "!!binary ", "%YAML 1.1\n", "\u{0}", "\u{1B}[2J", "\u{7F}", "\u{FEFF}", "\u{2028}", "é", "😀", "1e400", "-0",
        "99999999999999999999", "0x7fffffffffffffff", "~", "null", "yes", "NaN", ".inf", "\r\n", "\n  ", "&b [*a, *a, *a]",
    ]

    @Test("regression inputs are each refused or parsed, located, quickly")
    func regressions() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("FuzzRegressions").path
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(!files.isEmpty)
        for file in files {
            let path = folder + "/" + file
            try decide(bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))), file: path, asStation: false)
            try decide(bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))), file: path, asStation: true)
        }
    }

    @Test("12 000 mutated profiles and 6 000 mutated station files: no crash, every error located, each under a second")
    func mutations() throws {
        var random = SeededGenerator(seed: Self.seed)
        let profiles = try Self.corpus(packageRoot + "/Profiles")
        let stations = try Self.corpus(packageRoot + "/Hardware/stations")
        var refused = 0
        for index in 0..<(Self.profileInputs + Self.stationInputs) {
            let asStation = index >= Self.profileInputs
            let source = (asStation ? stations : profiles)
            let original = source[Int(random.next() % UInt64(source.count))]
            let mutated = Self.mutate(original, rounds: 1 + Int(random.next() % 4), random: &random)
            if try !decide(bytes: mutated, file: "fuzz-\(index).yaml", asStation: asStation) { refused += 1 }
        }
        // Most mutations break the document; some leave it valid. Both must be decided.
        #expect(refused > (Self.profileInputs + Self.stationInputs) / 2)
    }

    /// Parses `bytes` as a profile or a station. Returns whether it parsed; a refusal must be located.
    @discardableResult
    private func decide(bytes: [UInt8], file: String, asStation: Bool) throws -> Bool {
        let started = ContinuousClock.now
        defer {
            let took = ContinuousClock.now - started
            #expect(took < .seconds(1), "\(file) took \(took) to decide: keep it in FuzzRegressions/\n\(String(decoding: bytes.prefix(400), as: UTF8.self))")
        }
        do {
            let text = try ConfigFile.text(of: bytes, file: file)
            if asStation { _ = try Station.parse(text, file: file) } else { _ = try Profile.parse(text, file: file) }
            return true
        } catch let error as ConfigError {
            let located = error.line != nil && "\(error)".hasPrefix("\(file):\(error.line!)")
            #expect(located, "not located: \(error)\ninput: \(String(decoding: bytes.prefix(400), as: UTF8.self))")
            return false
        }
        // Any other error type escapes and fails the test: parsers throw only ConfigError.
    }

    private static func corpus(_ folder: String) throws -> [[UInt8]] {
        try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".yaml") }.sorted().map {
            [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder + "/" + $0)))
        }
    }

    /// `rounds` random edits: flip a byte, insert a token, delete a span, duplicate a line, swap two lines.
    static func mutate(_ input: [UInt8], rounds: Int, random: inout SeededGenerator) -> [UInt8] {
        var bytes = input
        func position() -> Int { bytes.isEmpty ? 0 : Int(random.next() % UInt64(bytes.count + 1)) }
        for _ in 0..<rounds {
            switch random.next() % 6 {
            case 0 where !bytes.isEmpty:
                let at = min(position(), bytes.count - 1)
                bytes[at] = UInt8(truncatingIfNeeded: random.next())
            case 1, 2:
                let token = tokens[Int(random.next() % UInt64(tokens.count))]
                bytes.insert(contentsOf: Array(token.utf8), at: position())
            case 3 where !bytes.isEmpty:
                let start = min(position(), bytes.count - 1)
                let length = Int(random.next() % 40) + 1
                bytes.removeSubrange(start..<min(bytes.count, start + length))
            case 4:
                var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
                guard !lines.isEmpty else { continue }
                let line = Int(random.next() % UInt64(lines.count))
                lines.insert(lines[line], at: line)
                bytes = Array(lines.joined(separator: [0x0A]))
            default:
                var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
                guard lines.count > 1 else { continue }
                let a = Int(random.next() % UInt64(lines.count)), b = Int(random.next() % UInt64(lines.count))
                lines.swapAt(a, b)
                bytes = Array(lines.joined(separator: [0x0A]))
            }
        }
        return bytes
    }
}
