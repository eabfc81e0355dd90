import Hummingbird

/// The trainer's secret: starting and stopping drills, adding athletes and
/// uploading profiles need it; reading does not.
struct TrainerToken: Sendable {
    private let secret: [UInt8]

    init(_ secret: String) {
        self.secret = Array(secret.utf8)
    }

    /// The other header a client may send instead of `Authorization: Bearer TOKEN`, lowercased.
    static let header = "x-snapcue-token"

    /// Throws 401 when the request carries no token, 403 when it carries a wrong one.
    func verify(_ request: Request) throws {
        let offered: String?
        if let authorization = request.headers[.authorization], authorization.lowercased().hasPrefix("bearer ") {
            offered = String(authorization.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
        } else {
            offered = request.headers.first { $0.name.canonicalName == Self.header }?.value
        }
        guard let offered, !offered.isEmpty else {
            throw WebError(
                .unauthorized, "this is a trainer action: it needs the station's trainer token",
                fix: "send 'Authorization: Bearer TOKEN' (the token given to 'snapcue serve' with --token or SNAPCUE_TOKEN)")
        }
        guard Self.constantTimeEqual(Array(offered.utf8), secret) else {
            throw WebError(.forbidden, "the trainer token is wrong", fix: "use the token 'snapcue serve' was started with")
        }
    }

    /// Compares without stopping at the first difference, so timing tells nothing.
    private static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for index in 0..<max(a.count, b.count) {
            difference |= (index < a.count ? a[index] : 0) ^ (index < b.count ? b[index] : 0)
        }
        return difference == 0
    }
}
