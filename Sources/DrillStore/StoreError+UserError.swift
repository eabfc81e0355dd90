import DrillCore

extension StoreError: UserError {
    public var headline: String { message }
    public var kind: UserErrorKind {
        switch self.category {
        case .database: .unavailable
        case .notFound: .notFound
        case .invalidInput: .invalidInput
        case .conflict: .conflict
        }
    }
}
