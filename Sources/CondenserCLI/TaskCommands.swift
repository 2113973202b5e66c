import APIModels
import ArgumentParser
import Client
import Models

/// `define <task ID>`: creates the task (disabled) or updates the fields given; reloads it when enabled.
struct Define: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create/update a task.")

    @Argument(help: "The task ID.") var id: String
    @Option(name: .customLong("tick", withSingleDash: true), help: "Path to the TICKscript") var tick: String?
    @Option(name: .customLong("type", withSingleDash: true), help: "The task type (stream|batch)") var type: String?
    @Option(name: .customLong("template", withSingleDash: true), help: "Optional template ID") var template: String?
    @Option(name: .customLong("vars", withSingleDash: true), help: "Optional path to a JSON vars file") var vars: String?
    @Option(
        name: .customLong("dbrp", withSingleDash: true),
        help: "A database and retention policy pair of the form \"db\".\"rp\" the quotes are optional. The flag can be specified multiple times.")
    var dbrp: [String] = []
    @Flag(name: .customLong("no-reload", withSingleDash: true), help: "Do not reload the task even if it is enabled")
    var noReload = false
    @Option(
        name: .customLong("file", withSingleDash: true),
        help: "Optional path to a JSON template task file. If id is given in the task file, it must match the Task id given on the command line.")
    var file: String?

    func validate() throws {
        for value in dbrp { _ = try parseDBRP(value) }
    }

    func run() async throws {
        let client = Session.client
        var options = TaskOptions()
        options.type = type.flatMap(TaskType.init(rawValue:)).flatMap { $0 == .invalid ? nil : $0 }
        options.templateID = template
        if !dbrp.isEmpty { options.dbrps = try dbrp.map(parseDBRP) }
        if let tick { options.script = try readText(tick) }
        if let vars { options.vars = try readVars(vars) }
        if let file {
            let definition = try readTaskFile(file)
            if let fileID = definition.id, !fileID.isEmpty, fileID != id {
                throw ClientError("Task id given on command line does not match id in \(file)")
            }
            options = TaskOptions(id: id, templateID: definition.templateID, dbrps: definition.dbrps, vars: definition.vars)
        }
        let existing = try? await client.task(id)
        if let existing {
            _ = try await client.updateTask(id, options)
            if !noReload && existing.status == .enabled {
                _ = try await client.updateTask(id, TaskOptions(status: .disabled))
                _ = try await client.updateTask(id, TaskOptions(status: .enabled))
            }
        } else {
            options.id = id
            if file == nil { options.status = .disabled }
            _ = try await client.createTask(options)
        }
    }
}

/// `enable`, `disable` and `reload` take task IDs or glob patterns.
struct Enable: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Enable and start running a task with live data.")
    @Argument(help: "Task IDs or patterns.") var ids: [String]
    func validate() throws { if ids.isEmpty { throw ValidationError("Must pass at least one task ID") } }
    func run() async throws { try await setStatus(.enabled, ids) }
}

struct Disable: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Stop running a task.")
    @Argument(help: "Task IDs or patterns.") var ids: [String]
    func validate() throws { if ids.isEmpty { throw ValidationError("Must pass at least one task ID") } }
    func run() async throws { try await setStatus(.disabled, ids) }
}

struct Reload: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Reload a running task with an updated task definition.")
    @Argument(help: "Task IDs or patterns.") var ids: [String]
    func validate() throws { if ids.isEmpty { throw ValidationError("Must pass at least one task ID") } }
    func run() async throws {
        try await setStatus(.disabled, ids)
        try await setStatus(.enabled, ids)
    }
}

func setStatus(_ status: TaskStatus, _ patterns: [String]) async throws {
    let client = Session.client
    for pattern in patterns {
        let tasks: [TaskResponse]
        do {
            tasks = try await client.listTasks(pattern: pattern)
        } catch let error as ClientError {
            throw ClientError("listing tasks: \(error.description)")
        }
        for task in tasks {
            do {
                _ = try await client.updateTask(task.id, TaskOptions(status: status))
            } catch let error as ClientError {
                throw ClientError("\(status == .enabled ? "enabling" : "disabling") task \(task.id): \(error.description)")
            }
        }
    }
}

/// `delete tasks ID...`, `delete templates ID...`, `delete topics ID...` or
/// `delete topic-handlers TOPIC ID...`.
struct Delete: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Delete tasks, templates, recordings, replays, topics or topic handlers.")
    @Argument(help: "What to delete: tasks, templates, recordings, replays, topics or topic-handlers.") var kind: String
    @Argument(help: "IDs or patterns; for topic-handlers, the topic ID first.") var ids: [String] = []

    func validate() throws {
        guard ["tasks", "templates", "recordings", "replays", "topics", "topic-handlers"].contains(kind) else {
            throw ValidationError(
                "cannot delete '\(kind)' did you mean 'tasks', 'templates', 'recordings', 'replays', 'topics' or 'topic-handlers'?")
        }
        if ids.isEmpty { throw ValidationError("Must pass at least one ID") }
        if kind == "topic-handlers" && ids.count < 2 { throw ValidationError("Must pass a topic ID and at least one handler ID") }
    }

    func run() async throws {
        let client = Session.client
        if kind == "topics" { return try await deleteTopics(ids) }
        if kind == "topic-handlers" { return try await deleteTopicHandlers(topic: ids[0], Array(ids.dropFirst())) }
        for pattern in ids {
            if kind == "recordings" {
                for recording in try await client.listRecordings(pattern: pattern) { try await client.deleteRecording(recording.id) }
            } else if kind == "replays" {
                for replay in try await client.listReplays(pattern: pattern) { try await client.deleteReplay(replay.id) }
            } else if kind == "templates" {
                for template in try await client.listTemplates(pattern: pattern, fields: ["link"]) {
                    try await client.deleteTemplate(template.id)
                }
            } else {
                for task in try await client.listTasks(pattern: pattern) { try await client.deleteTask(task.id) }
            }
        }
    }
}

/// `list tasks [PATTERN...]`: Kapacitor's table of tasks (or of templates, topics, topic handlers
/// or service tests).
struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List information about tasks, templates, recordings, replays, topics, topic handlers or service tests.")
    @Argument(help: "What to list: tasks, templates, recordings, replays, topics, topic-handlers or service-tests.") var kind: String
    @Argument(help: "IDs or patterns; for topic-handlers, a topic pattern first.") var patterns: [String] = []

    func validate() throws {
        guard ["tasks", "templates", "recordings", "replays", "topics", "topic-handlers", "service-tests"].contains(kind) else {
            throw ValidationError(
                "cannot list '\(kind)' did you mean 'tasks', 'recordings', 'replays', 'topics', 'topic-handlers' or 'service-tests'?")
        }
    }

    func run() async throws {
        if kind == "topics" { return print(try await listTopics(patterns), terminator: "") }
        if kind == "topic-handlers" { return print(try await listTopicHandlers(patterns), terminator: "") }
        if kind == "service-tests" { return print(try await listServiceTests(patterns), terminator: "") }
        if kind == "recordings" {
            var recordings: [RecordingResponse] = []
            for pattern in patterns.isEmpty ? [""] : patterns { recordings += try await Session.client.listRecordings(pattern: pattern) }
            return print(ReplayTable.recordings(recordings), terminator: "")
        }
        if kind == "replays" {
            var replays: [ReplayResponse] = []
            for pattern in patterns.isEmpty ? [""] : patterns { replays += try await Session.client.listReplays(pattern: pattern) }
            return print(ReplayTable.replays(replays), terminator: "")
        }
        if kind == "templates" {
            var templates: [TemplateResponse] = []
            for pattern in patterns.isEmpty ? [""] : patterns {
                templates += try await Session.client.listTemplates(pattern: pattern, fields: ["type", "vars"])
            }
            print(TemplateTable.render(templates), terminator: "")
            return
        }
        var tasks: [TaskResponse] = []
        for pattern in patterns.isEmpty ? [""] : patterns { tasks += try await Session.client.listTasks(pattern: pattern) }
        print(TaskTable.render(tasks), terminator: "")
    }
}

/// `show TASK_ID`.
struct Show: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Display detailed information about a task.")
    @Argument(help: "The task ID.") var id: String

    func run() async throws {
        print(TaskTable.detail(try await Session.client.task(id)), terminator: "")
    }
}

struct Version: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Displays the Condenser version info.")
    func run() { print("Condenser OSS \(CLIVersion.current) (Kapacitor API 1.8)") }
}

/// The version the CLI reports.
enum CLIVersion {
    static let current = "0.1.0"
}
