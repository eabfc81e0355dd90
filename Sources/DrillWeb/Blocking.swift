import Dispatch

/// Runs blocking work (parsing a profile, opening a station's devices) on a
/// thread of its own, so the server's request tasks never wait behind it: two
/// slow uploads must not make `GET /api/live` slow.
enum Blocking {
    private static let queue = DispatchQueue(label: "snapcue-web-blocking", qos: .userInitiated, attributes: .concurrent)

    /// `body`'s result, computed off the concurrency pool.
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try body() }) }
        }
    }
}
