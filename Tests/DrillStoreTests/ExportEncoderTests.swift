import Testing
@testable import DrillStore

@Suite("Export encoding")
struct ExportEncoderTests {
    @Test("integers are written as Swift prints them, negatives and the extremes included", arguments: [
        0, 7, -7, 10, 99, 100, -100, 1_000_000_007, 9_999_999_999_999_999, Int64.max, Int64.min, Int64.min + 1,
    ] as [Int64])
    func decimal(_ number: Int64) {
        var out: [UInt8] = []
        ExportEncoder.appendDecimal(number, to: &out)
        #expect(String(decoding: out, as: UTF8.self) == String(number))
    }

    @Test("the per-session columns lead the row, so each session's part is encoded once")
    func perSessionColumnsFirst() {
        let count = ExportColumns.perSessionCount
        #expect(count > 0)
        #expect(ExportColumns.all.filter(\.perSession).count == count)
        #expect(ExportColumns.all[..<count].allSatisfy { $0.perSession })
    }
}
