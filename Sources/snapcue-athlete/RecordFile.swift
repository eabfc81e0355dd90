import Foundation

/// A file the athlete writes as it goes (its truth, a recording). It is
/// created empty when opened, just before the athlete starts watching or
/// listening: the guest's scripts wait for it to exist.
final class RecordFile {
    let path: String
    private let handle: FileHandle

    init(path: String) throws {
        self.path = path
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw AthleteError("cannot write \(path)")
        }
        self.handle = handle
    }

    func write(_ data: Data) { handle.write(data) }

    /// One JSON object on a line, keys sorted.
    func record(_ fields: [String: Any]) {
        guard let data = try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]) else { return }
        handle.write(data + Data("\n".utf8))
    }

    func close() throws { try handle.close() }
}
