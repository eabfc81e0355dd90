/// Plain words for the figures the pages show, beside the figures: one definition of each.
enum Glossary {
    enum Term {
        case speed, minimalDetectableChange, dPrime, interquartileRange, lapses, timeOnTask

        var name: String {
            switch self {
            case .speed: "Speed (1/s)"
            case .minimalDetectableChange: "Smallest real change (MDC95)"
            case .dPrime: "d′"
            case .interquartileRange: "IQR"
            case .lapses: "Lapses"
            case .timeOnTask: "Time on task (ms/min)"
            }
        }

        var meaning: String {
            switch self {
            case .speed:
                "1 ÷ the reaction time, averaged over the hits: 4.00 /s is 250 ms. Higher is faster. One slow, distracted trial moves it less than it moves the mean time."
            case .minimalDetectableChange:
                "How far this athlete's median must move from one session to the next before it is more than their day-to-day ups and downs (95 % sure). A smaller change may be noise. It needs three sessions."
            case .dPrime:
                "How well the athlete tells go cues from no-go cues, from the hits and the presses on no-go cues together: 0 is guessing, 1 fair, 2 or more good. Pressing less often does not raise it."
            case .interquartileRange:
                "The spread of the middle half of the reaction times. Smaller is steadier."
            case .lapses:
                "Hits slower than the drill's lapse time: moments of lost attention."
            case .timeOnTask:
                "How much the reaction time drifted per minute of the drill: above 0, the athlete slowed as it went on."
            }
        }
    }

    /// The terms and their meanings, as a small list for under a table or a figure.
    static func html(_ terms: [Term]) -> String {
        guard !terms.isEmpty else { return "" }
        let items = terms.map { "<div><dt>\(escapeHTML($0.name))</dt><dd>\(escapeHTML($0.meaning))</dd></div>" }
        return "<dl class=\"explain\">\(items.joined())</dl>\n"
    }
}
