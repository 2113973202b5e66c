import APIModels
import Engine
import Hummingbird
import Models
import Storage
import TICKscript
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension CondenserAPI {
    /// The fields a task list may be narrowed to with `fields=`.
    static let taskFields: Set<String> = [
        "link", "id", "template-id", "type", "dbrps", "script", "vars", "dot", "status", "executing", "error",
        "stats", "created", "modified", "last-enabled",
    ]

    /// POST `/kapacitor/v1/tasks`.
    func createTask(_ request: Request) async throws -> Response {
        var request = request
        let options = try await JSONBody.decode(TaskOptions.self, from: &request)
        var engineRequest = Self.engineRequest(options)
        if (engineRequest.id ?? "").isEmpty { engineRequest.id = UUID().uuidString.lowercased() }
        let info = try engine { () throws(EngineError) in try taskMaster.create(engineRequest) }
        return JSONBody.response(.ok, Self.taskResponse(info, rawScript: false))
    }

    /// GET `/kapacitor/v1/tasks/{id}`.
    func getTask(_ request: Request, id: String) throws -> Response {
        let rawScript = try Self.checkTaskQuery(request)
        let info = try engine { () throws(EngineError) in try taskMaster.task(id) }
        let labels = request.uri.queryParameters["dot-view"] == "labels"
        return JSONBody.response(.ok, Self.taskResponse(info, rawScript: rawScript, labels: labels))
    }

    /// GET `/kapacitor/v1/tasks/{id}/{endpoint}`: what the running task's httpOut node serves.
    func httpOut(task id: String, endpoint: String) throws -> Response {
        guard let body = taskMaster.httpOut(task: id, endpoint: endpoint) else {
            throw APIError(.notFound, "not found")
        }
        return JSONBody.response(.ok, text: body)
    }

    /// PATCH `/kapacitor/v1/tasks/{id}`: a merge of the fields sent.
    func updateTask(_ request: Request, id: String) async throws -> Response {
        var request = request
        let options = try await JSONBody.decode(TaskOptions.self, from: &request)
        let info = try engine { () throws(EngineError) in
            do throws(EngineError) {
                return try taskMaster.update(id, Self.engineRequest(options))
            } catch {
                if case .notFound = error { throw .notFound("task does not exist, cannot update") }
                throw error
            }
        }
        return JSONBody.response(.ok, Self.taskResponse(info, rawScript: false))
    }

    /// DELETE `/kapacitor/v1/tasks/{id}`: 204 whether or not the task existed.
    func deleteTask(id: String) throws -> Response {
        try engine { () throws(EngineError) in try taskMaster.delete(id) }
        return Response(status: .noContent)
    }

    /// POST `/kapacitor/v1/sideload/reload`: reads every sideload source's files again; 500 with
    /// the first failure, as Kapacitor.
    func reloadSideload() throws -> Response {
        do throws(EngineError) {
            try taskMaster.sideload.reload()
        } catch {
            throw APIError(.internalServerError, error.description)
        }
        return Response(status: .noContent)
    }

    /// GET `/kapacitor/v1/tasks` with `pattern`, `fields`, `offset` and `limit`.
    func listTasks(_ request: Request) throws -> Response {
        let rawScript = try Self.checkTaskQuery(request)
        let list = try ListQuery(request, known: Self.taskFields, defaults: Self.taskFields)
        let tasks = try engine { () throws(EngineError) in try taskMaster.tasks() }
        let entries = list.page(tasks) { $0.record.id }.map { Self.listEntry($0, fields: list.fields, rawScript: rawScript) }
        return JSONBody.response(.ok, ["tasks": JSONValue.array(entries)])
    }

    // MARK: Conversions

    static func engineRequest(_ options: TaskOptions) -> TaskRequest {
        TaskRequest(
            id: options.id, templateID: options.templateID, type: options.type, dbrps: options.dbrps,
            script: options.script, status: options.status,
            varsJSON: options.vars.flatMap { $0.isEmpty ? nil : JSONBody.text($0) })
    }

    static func taskResponse(_ info: TaskInfo, rawScript: Bool, labels: Bool = false) -> TaskResponse {
        let record = info.record
        return TaskResponse(
            link: Link(href: "/kapacitor/v1/tasks/\(record.id)"), id: record.id, templateID: record.templateID,
            type: record.type, dbrps: record.dbrps, script: script(record.script, raw: rawScript), vars: vars(record.vars),
            dot: info.dot(labels: labels), status: record.status, executing: info.executing, error: info.error,
            stats: stats(info), created: record.created.rfc3339Nano, modified: record.modified.rfc3339Nano,
            lastEnabled: lastEnabled(record))
    }

    static func listEntry(_ info: TaskInfo, fields: Set<String>, rawScript: Bool) -> JSONValue {
        let record = info.record
        var object: [String: JSONValue] = [:]
        func put(_ key: String, _ value: @autoclosure () -> JSONValue) {
            if fields.contains(key) { object[key] = value() }
        }
        put("link", .object(["rel": .string("self"), "href": .string("/kapacitor/v1/tasks/\(record.id)")]))
        put("id", .string(record.id))
        if !record.templateID.isEmpty { put("template-id", .string(record.templateID)) }
        put("type", .string(record.type.rawValue))
        put("dbrps", .array(record.dbrps.map { .object(["db": .string($0.db), "rp": .string($0.rp)]) }))
        put("script", .string(script(record.script, raw: rawScript)))
        put("vars", .object(vars(record.vars)))
        put("dot", .string(info.dot))
        put("status", .string(record.status.rawValue))
        put("executing", .bool(info.executing))
        put("error", .string(info.error))
        put("stats", info.executing ? stats(info) : .null)
        put("created", .string(record.created.rfc3339Nano))
        put("modified", .string(record.modified.rfc3339Nano))
        put("last-enabled", .string(lastEnabled(record)))
        return .object(object)
    }

    /// Vars stored as JSON text, as the API's object.
    static func vars(_ text: String) -> [String: JSONValue] {
        JSONBody.value([String: JSONValue].self, from: text) ?? [:]
    }

    static func lastEnabled(_ record: TaskRecord) -> String {
        record.lastEnabled == 0 ? "0001-01-01T00:00:00Z" : record.lastEnabled.rfc3339Nano
    }

    /// Kapacitor's `stats`: the task's throughput and each node's statistics while it runs.
    static func stats(_ info: TaskInfo) -> JSONValue {
        guard let execution = info.execution else { return .object([:]) }
        let nodes = execution.nodeStats.mapValues { stats in JSONValue.object(stats.mapValues { .int($0) }) }
        return .object([
            "task-stats": .object(["throughput": .double(execution.throughput), "dropped": .int(execution.dropped)]),
            "node-stats": .object(nodes),
        ])
    }

    /// The script as Kapacitor returns it: formatted by `tickfmt` unless `script-format=raw`.
    static func script(_ script: String, raw: Bool) -> String {
        raw ? script : (try? Formatter.format(script)) ?? script
    }

    /// Checks the query parameters GET and list take; returns whether `script-format=raw`.
    static func checkTaskQuery(_ request: Request) throws -> Bool {
        let query = request.uri.queryParameters
        if let format = query["script-format"], !["", "formatted", "raw"].contains(format) {
            throw APIError(.badRequest, "invalid script-format parameter \"\(format)\"")
        }
        if let view = query["dot-view"], !["", "attributes", "labels"].contains(view) {
            throw APIError(.badRequest, "invalid dot-view parameter \"\(view)\"")
        }
        return query["script-format"] == "raw"
    }

    static func integerParameter(_ value: Substring?, name: String, default fallback: Int) throws -> Int {
        guard let value, !value.isEmpty else { return fallback }
        guard let number = Int(value) else {
            throw APIError(
                .badRequest,
                "invalid \(name) parameter \"\(value)\" must be an integer: strconv.ParseInt: parsing \"\(value)\": invalid syntax")
        }
        return number
    }

    /// Runs an engine call, mapping its error to the status Kapacitor answers with.
    func engine<T>(_ body: () throws(EngineError) -> T) throws(APIError) -> T {
        do {
            return try body()
        } catch {
            switch error {
            case .invalid(let message), .conflict(let message): throw APIError(.badRequest, message)
            case .notFound(let message): throw APIError(.notFound, message)
            case .storage(let message), .failed(let message): throw APIError(.internalServerError, message)
            }
        }
    }
}
