import DrillStore
import Foundation
import Testing

@Suite("Wall-clock text")
struct WallClockTests {
    @Test("ISO 8601 text matches Foundation's formatter, milliseconds included, before and after 1970")
    func isoMatchesFoundation() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        for milliseconds: Int64 in [0, 1, 999, 1_000, 1_764_759_667_123, 1_735_689_599_999, 4_102_444_800_000, -1, -1_001, -86_400_000] {
            let expected = formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
            #expect(WallClock.iso(milliseconds: milliseconds) == expected, "\(milliseconds)")
            #expect(WallClock.milliseconds(iso: WallClock.iso(milliseconds: milliseconds)) == milliseconds)
        }
    }
}
