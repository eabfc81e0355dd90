import DrillCore

/// Where a stored session stands, as the `session.status` column holds it.
public enum SessionStatus: String, Codable, Sendable, CaseIterable {
    /// A drill is writing it now (or its process died; the next open marks it aborted).
    case running
    /// Every planned trial ran.
    case complete
    /// Ended early: stopped by the user, a station fault, or the program ending mid-drill.
    case aborted

    /// The status a drill's end is stored as.
    public init(_ end: DrillEnd) { self = end == .complete ? .complete : .aborted }

    /// A status read from a file or database, or an error naming the unknown word.
    static func parse(_ text: String, place: String) throws -> SessionStatus {
        guard let status = SessionStatus(rawValue: text) else {
            throw StoreError("\(place): session status '\(text)' is not one of \(allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return status
    }
}

/// What a station is, as the `station.kind` column holds it.
public enum StationKind: String, Codable, Sendable, CaseIterable {
    /// The simulated station (terminal, virtual athlete).
    case sim
    /// A station wired to GPIO lines (and ALSA sound).
    case gpio

    /// The kind of `station`.
    public init(_ station: Station) { self = station.isSimulated ? .sim : .gpio }
}
