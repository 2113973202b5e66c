import Alerting
import Models
import TICKscript

/// An alert node's level conditions and their resets, one compiled lambda each shared by every
/// group (Kapacitor keeps one stateful expression per level, not per group).
struct AlertConditions {
    /// By level: the condition raising it (index 0, OK, is never set).
    private let levels: [Lambda?]
    /// By level: the condition that must hold before leaving it for a lower level.
    private let resets: [Lambda?]

    init(_ node: AlertNode, clock: any WallClock) throws(PipelineError) {
        func compile(_ expression: Node?, _ name: String) throws(PipelineError) -> Lambda? {
            guard let expression else { return nil }
            do {
                return try Lambda(expression, clock: clock)
            } catch {
                throw PipelineError("Failed to compile stateful expression for \(name): \(error.message)", at: error.offset ?? expression.offset)
            }
        }
        levels = [nil, try compile(node.info, "info"), try compile(node.warn, "warn"), try compile(node.crit, "crit")]
        resets = [
            nil,
            node.info == nil ? nil : try compile(node.infoReset, "infoReset"),
            node.warn == nil ? nil : try compile(node.warnReset, "warnReset"),
            node.crit == nil ? nil : try compile(node.critReset, "critReset"),
        ]
    }

    /// The level of a point while the alert is at `current`, as Kapacitor's `determineLevel`: the
    /// highest level from `current` up whose condition holds; else `current` while its reset does
    /// not hold; else the highest lower level whose condition holds; else OK. Evaluation errors go to
    /// `report` and count as false.
    func level(
        fields: Fields, tags: Tags, time: Timestamp, current: AlertLevel, report: (String) -> Void
    ) -> AlertLevel {
        func holds(_ lambda: Lambda, _ what: String, _ level: AlertLevel) -> Bool? {
            do {
                return try lambda.evaluateBool(fields: fields, tags: tags, time: time)
            } catch {
                report("error evaluating \(what) for level \(level): \(error.message)")
                return nil
            }
        }
        func firstMatch(from start: AlertLevel, above stop: AlertLevel) -> AlertLevel? {
            var raw = start.rawValue
            while raw > stop.rawValue {
                if let lambda = levels[raw], let level = AlertLevel(rawValue: raw), holds(lambda, "expression", level) == true {
                    return level
                }
                raw -= 1
            }
            return nil
        }
        // The current level's condition counts as higher: while it holds, no reset is looked at.
        if let higher = firstMatch(from: .critical, above: AlertLevel(rawValue: current.rawValue - 1) ?? .ok) {
            return higher
        }
        if let reset = resets[current.rawValue], holds(reset, "reset expression", current) == false { return current }
        return firstMatch(from: current, above: .ok) ?? .ok
    }
}
