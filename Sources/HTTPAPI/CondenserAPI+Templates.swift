import APIModels
import Engine
import Hummingbird
import Models
import TICKscript
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension CondenserAPI {
    /// The fields a template list may be narrowed to with `fields=`.
    static let templateFields: Set<String> = ["link", "id", "type", "script", "vars", "dot", "error", "created", "modified"]
    /// The fields a template list has by default: all but `vars`, as in Kapacitor.
    static let defaultTemplateFields = templateFields.subtracting(["vars"])

    /// POST `/kapacitor/v1/templates`.
    func createTemplate(_ request: Request) async throws -> Response {
        var request = request
        var options = try await JSONBody.decode(TemplateOptions.self, from: &request)
        if (options.id ?? "").isEmpty { options.id = UUID().uuidString.lowercased() }
        let engineRequest = TemplateRequest(id: options.id, type: options.type, script: options.script)
        let info = try engine { () throws(EngineError) in try taskMaster.createTemplate(engineRequest) }
        return JSONBody.response(.ok, Self.templateResponse(info, rawScript: false))
    }

    /// GET `/kapacitor/v1/templates/{id}`.
    func getTemplate(_ request: Request, id: String) throws -> Response {
        let rawScript = try Self.checkTaskQuery(request)
        let info = try engine { () throws(EngineError) in try taskMaster.template(id) }
        return JSONBody.response(.ok, Self.templateResponse(info, rawScript: rawScript))
    }

    /// PATCH `/kapacitor/v1/templates/{id}`: a merge of the fields sent; re-renders its tasks.
    func updateTemplate(_ request: Request, id: String) async throws -> Response {
        var request = request
        let options = try await JSONBody.decode(TemplateOptions.self, from: &request)
        let engineRequest = TemplateRequest(id: options.id, type: options.type, script: options.script)
        let info = try engine { () throws(EngineError) in try taskMaster.updateTemplate(id, engineRequest) }
        return JSONBody.response(.ok, Self.templateResponse(info, rawScript: false))
    }

    /// DELETE `/kapacitor/v1/templates/{id}`: 204 whether or not the template existed.
    func deleteTemplate(id: String) throws -> Response {
        try engine { () throws(EngineError) in try taskMaster.deleteTemplate(id) }
        return Response(status: .noContent)
    }

    /// GET `/kapacitor/v1/templates` with `pattern`, `fields`, `offset` and `limit`.
    func listTemplates(_ request: Request) throws -> Response {
        let rawScript = try Self.checkTaskQuery(request)
        let list = try ListQuery(request, known: Self.templateFields, defaults: Self.defaultTemplateFields)
        let templates = try engine { () throws(EngineError) in try taskMaster.templates() }
        let entries = list.page(templates) { $0.record.id }.map { Self.listEntry($0, fields: list.fields, rawScript: rawScript) }
        return JSONBody.response(.ok, ["templates": JSONValue.array(entries)])
    }

    // MARK: Conversions

    static func templateResponse(_ info: TemplateInfo, rawScript: Bool) -> TemplateResponse {
        let record = info.record
        return TemplateResponse(
            link: Link(href: "/kapacitor/v1/templates/\(record.id)"), id: record.id, type: record.type,
            script: script(record.script, raw: rawScript), vars: vars(info.varsJSON), dot: info.dot, error: "",
            created: record.created.rfc3339Nano, modified: record.modified.rfc3339Nano)
    }

    static func listEntry(_ info: TemplateInfo, fields: Set<String>, rawScript: Bool) -> JSONValue {
        let record = info.record
        var object: [String: JSONValue] = [:]
        func put(_ key: String, _ value: @autoclosure () -> JSONValue) {
            if fields.contains(key) { object[key] = value() }
        }
        put("link", .object(["rel": .string("self"), "href": .string("/kapacitor/v1/templates/\(record.id)")]))
        put("id", .string(record.id))
        put("type", .string(record.type.rawValue))
        put("script", .string(script(record.script, raw: rawScript)))
        put("vars", .object(vars(info.varsJSON)))
        put("dot", .string(info.dot))
        put("error", .string(""))
        put("created", .string(record.created.rfc3339Nano))
        put("modified", .string(record.modified.rfc3339Nano))
        return .object(object)
    }
}
