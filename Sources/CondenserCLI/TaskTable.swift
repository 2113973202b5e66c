import APIModels
import GoEncoding
import Models

/// The text layouts of `list tasks` and `show`, as the kapacitor CLI prints them.
enum TaskTable {
    /// `ID  Type  Status  Executing  Databases and Retention Policies` with one row per task.
    static func render(_ tasks: [TaskResponse]) -> String {
        let width = max(2, tasks.map(\.id.utf8.count).max() ?? 0) + 1
        var output = row(["ID", "Type", "Status", "Executing", "Databases and Retention Policies"], width)
        for task in tasks.sorted(by: { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }) {
            output += row([task.id, task.type.rawValue, task.status.rawValue, String(task.executing), dbrps(task.dbrps)], width)
        }
        return output
    }

    static func row(_ columns: [String], _ width: Int) -> String {
        pad(columns[0], width) + pad(columns[1], 10) + pad(columns[2], 10) + pad(columns[3], 10) + columns[4] + "\n"
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.utf8.count))
    }

    /// `["telegraf"."autogen" "db"."rp"]`.
    static func dbrps(_ dbrps: [DBRP]) -> String {
        "[" + dbrps.map { "\(GoQuote.quote($0.db)).\(GoQuote.quote($0.rp))" }.joined(separator: " ") + "]"
    }

    /// The `show` layout.
    static func detail(_ task: TaskResponse) -> String {
        var output = """
        ID: \(task.id)
        Error: \(task.error)
        Template: \(task.templateID ?? "")
        Type: \(task.type.rawValue)
        Status: \(task.status.rawValue)
        Executing: \(task.executing)
        Created: \(rfc822(task.created))
        Modified: \(rfc822(task.modified))
        LastEnabled: \(rfc822(task.lastEnabled))
        Databases Retention Policies: \(dbrps(task.dbrps))
        TICKscript:
        \(task.script)

        """
        if !task.vars.isEmpty {
            output += "Vars:\n" + pad("Name", 30) + pad("Type", 10) + "Value\n"
            for (name, variable) in task.vars.sorted(by: { $0.key < $1.key }) {
                let object = variable.objectValue ?? [:]
                output += pad(name, 30) + pad(object["type"]?.stringValue ?? "", 10) + pad(varValue(object), 40) + "\n"
            }
        }
        output += "DOT:\n\(task.dot)\n"
        return output
    }

    static func varValue(_ object: [String: JSONValue]) -> String {
        let type = object["type"]?.stringValue ?? ""
        switch object["value"] {
        case .string(let text)?: return text
        case .int(let number)? where type == "duration": return GoDuration.format(number)
        case .int(let number)?: return String(number)
        case .double(let number)?:
            return number == number.rounded() && number.magnitude < 1e21 ? String(Int64(number)) : String(number)
        case .bool(let flag)?: return String(flag)
        case .array(let items)?:
            return "[" + items.map { item -> String in
                let entry = item.objectValue ?? [:]
                return entry["type"]?.stringValue == "star" ? "*" : entry["value"]?.stringValue ?? ""
            }.joined(separator: ", ") + "]"
        default: return ""
        }
    }

    /// Go's `time.RFC822` (`02 Jan 06 15:04 MST`) of an RFC 3339 time, in the zone it was written
    /// in (`UTC` for `Z`, the numeric offset otherwise).
    static func rfc822(_ text: String) -> String {
        let characters = Array(text)
        guard characters.count >= 20, characters[4] == "-", characters[7] == "-", characters[10] == "T",
              let month = Int(String(characters[5...6])), (1...12).contains(month)
        else { return text }
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let zone: String
        if text.hasSuffix("Z") {
            zone = "UTC"
        } else {
            zone = String(characters.suffix(6).filter { $0 != ":" })
        }
        return "\(String(characters[8...9])) \(months[month - 1]) \(String(characters[2...3])) \(String(characters[11...15])) \(zone)"
    }
}
