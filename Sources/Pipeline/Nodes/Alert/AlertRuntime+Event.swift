import Alerting
import Models

extension AlertRuntime {
    /// The alert ID of data of `name`, `group` and `tags`, from the `.id()` template.
    func renderID(name: String, group: GroupID, tags: Tags) throws(NodeError) -> String {
        try render(.id, templateData(name: name, group: group, tags: tags))
    }

    /// An event with its message and details rendered.
    func makeEvent(
        id: String, name: String, group: GroupID, tags: Tags, fields: Fields, level: AlertLevel, time: Timestamp,
        duration: Int64, result: [Row]
    ) throws(NodeError) -> Event {
        var data = templateData(name: name, group: group, tags: tags)
        data.id = id
        data.fields = fields
        data.level = level
        data.time = time
        data.duration = duration
        data.message = try render(.message, data)
        let details = try render(.details, data)
        return Event(
            topic: anonymousTopic ?? topic ?? "",
            state: EventState(id: id, message: data.message, details: details, time: time, duration: duration, level: level),
            data: EventData(
                name: name, taskName: context.taskName, category: node.category, group: data.group, tags: tags,
                fields: fields, result: result, recoverable: !node.noRecoveries))
    }

    private func templateData(name: String, group: GroupID, tags: Tags) -> AlertTemplateData {
        AlertTemplateData(
            name: name, taskName: context.taskName, group: group == .none ? "nil" : group.rawValue, tags: tags,
            serverInfo: context.serverInfo)
    }

    private func render(_ stage: AlertTemplateData.Stage, _ data: AlertTemplateData) throws(NodeError) -> String {
        do {
            return try templates.render(stage, data)
        } catch {
            throw NodeError(error.message)
        }
    }
}

/// An alert node's statistics, with Kapacitor's names.
struct AlertCounts {
    var triggered: Int64 = 0
    var inhibited: Int64 = 0
    var oks: Int64 = 0
    var infos: Int64 = 0
    var warns: Int64 = 0
    var crits: Int64 = 0
    var dropped: Int64 = 0

    /// Counts an event of `level` sent.
    mutating func count(_ level: AlertLevel) {
        triggered += 1
        switch level {
        case .ok: oks += 1
        case .info: infos += 1
        case .warning: warns += 1
        case .critical: crits += 1
        }
    }

    /// The statistics as Kapacitor names them.
    var statistics: [String: Int64] {
        [
            "alerts_triggered": triggered, "alerts_inhibited": inhibited, "oks_triggered": oks,
            "infos_triggered": infos, "warns_triggered": warns, "crits_triggered": crits, "events_dropped": dropped,
        ]
    }
}
