/// The station's icon: a lit pad.
enum Icon {
    static let svg = #"""
    <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="#0f1419"/><circle cx="32" cy="32" r="18" fill="#37c871"/><circle cx="32" cy="32" r="8" fill="#e8edf2"/></svg>
    """#
}
