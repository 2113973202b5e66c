import APIModels
import ArgumentParser
import Client
import Models

/// `define-template <template ID>`: creates the template or updates the fields given; the server
/// reloads every task created from it.
struct DefineTemplate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "define-template", abstract: "Create/update a template.")

    @Argument(help: "The template ID.") var id: String
    @Option(name: .customLong("tick", withSingleDash: true), help: "Path to the TICKscript") var tick: String?
    @Option(name: .customLong("type", withSingleDash: true), help: "The template type (stream|batch)") var type: String?

    func run() async throws {
        let client = Session.client
        var options = TemplateOptions()
        options.type = type.flatMap(TaskType.init(rawValue:)).flatMap { $0 == .invalid ? nil : $0 }
        if let tick { options.script = try readText(tick) }
        if (try? await client.template(id)) != nil {
            _ = try await client.updateTemplate(id, options)
        } else {
            options.id = id
            _ = try await client.createTemplate(options)
        }
    }
}

/// `show-template <template ID>`.
struct ShowTemplate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show-template", abstract: "Display detailed information about a template.")
    @Argument(help: "The template ID.") var id: String

    func run() async throws {
        print(TemplateTable.detail(try await Session.client.template(id)), terminator: "")
    }
}

/// The text layouts of `list templates` and `show-template`, as the kapacitor CLI prints them.
enum TemplateTable {
    /// `ID  Type  Vars` with one row per template, its vars' names sorted and joined by commas.
    static func render(_ templates: [TemplateResponse]) -> String {
        let width = max(2, templates.map(\.id.utf8.count).max() ?? 0) + 1
        var output = TaskTable.pad("ID", width) + TaskTable.pad("Type", 10) + TaskTable.pad("Vars", 40) + "\n"
        for template in templates.sorted(by: { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }) {
            let vars = template.vars.keys.sorted().joined(separator: ",")
            output += TaskTable.pad(template.id, width) + TaskTable.pad(template.type.rawValue, 10) + TaskTable.pad(vars, 40) + "\n"
        }
        return output
    }

    /// The `show-template` layout; a var without a default value shows `<required>`.
    static func detail(_ template: TemplateResponse) -> String {
        var output = """
        ID: \(template.id)
        Error: \(template.error)
        Type: \(template.type.rawValue)
        Created: \(TaskTable.rfc822(template.created))
        Modified: \(TaskTable.rfc822(template.modified))
        TICKscript:
        \(template.script)
        Vars:

        """
        output += row("Name", "Type", "Default Value", "Description")
        for (name, variable) in template.vars.sorted(by: { $0.key < $1.key }) {
            let object = variable.objectValue ?? [:]
            let value = object["value"].map { $0 == .null ? "<required>" : TaskTable.varValue(object) } ?? "<required>"
            output += row(name, object["type"]?.stringValue ?? "", value, object["description"]?.stringValue ?? "")
        }
        return output + "DOT:\n\(template.dot)\n"
    }

    static func row(_ name: String, _ type: String, _ value: String, _ description: String) -> String {
        TaskTable.pad(name, 30) + TaskTable.pad(type, 10) + TaskTable.pad(value, 40) + TaskTable.pad(description, 40) + "\n"
    }
}
