import Foundation
import APIModels
import Hummingbird

extension CondenserAPI {
    static let configPath = "/kapacitor/v1/config"

    func addConfigRoutes<Context: RequestContext>(_ routes: inout RouteTable<Context>) {
        routes.on(Self.configPath, .get) { request, _ in
            if request.uri.path.hasSuffix("/") {
                throw APIError(.badRequest, "section not specified, do you have an extra trailing '/'?")
            }
            return try self.configSections()
        }
        routes.on(Self.configPath + "/:section", .get) { request, context in
            let section = try context.parameters.require("section")
            // `/config/smtp/` names the unnamed element of a single section.
            if request.uri.path.hasSuffix("/") { return try self.configElement(section, "") }
            return try self.configSection(section)
        }
        routes.on(Self.configPath + "/:section/:element", .get) { _, context in
            try self.configElement(context.parameters.require("section"), context.parameters.require("element"))
        }
        routes.on(Self.configPath, .post) { request, _ in
            guard config.isEnabled else { throw APIError(.forbidden, "config override service is not enabled") }
            guard request.uri.path.hasSuffix("/") else { throw APIError(.badRequest, "no section specified") }
            throw APIError(.badRequest, "failed to apply update: invalid update action: must provide section name")
        }
        routes.on(Self.configPath + "/:section", .post) { request, context in
            try await self.updateConfig(request, section: context.parameters.require("section"), element: "",
                                        hasElement: request.uri.path.hasSuffix("/"))
        }
        routes.on(Self.configPath + "/:section/:element", .post) { request, context in
            try await self.updateConfig(request, section: context.parameters.require("section"),
                                        element: context.parameters.require("element"), hasElement: true)
        }
    }

    /// The configuration now; a 403 when the override service is off.
    func currentConfig() throws(APIError) -> ConfigView {
        guard config.isEnabled else { throw APIError(.forbidden, "config override service is not enabled") }
        return try config.view()
    }

    /// GET `/kapacitor/v1/config`: every overridable section.
    func configSections() throws(APIError) -> Response {
        var sections: [String: JSONValue] = [:]
        for section in try currentConfig().sections { sections[section.name] = Self.json(section) }
        return JSONBody.response(.ok, ["link": Self.link(Self.configPath), "sections": .object(sections)])
    }

    /// GET `/kapacitor/v1/config/{section}`; an unnamed element is `/config/{section}/`.
    func configSection(_ name: String) throws(APIError) -> Response {
        guard let section = try currentConfig().sections.first(where: { $0.name == name }) else {
            throw APIError(.notFound, "unknown section: \(name)")
        }
        return JSONBody.response(.ok, Self.json(section))
    }

    /// GET `/kapacitor/v1/config/{section}/{element}`.
    func configElement(_ sectionName: String, _ id: String) throws(APIError) -> Response {
        guard let section = try currentConfig().sections.first(where: { $0.name == sectionName }),
              let element = section.elements.first(where: { $0.id == id })
        else { throw APIError(.notFound, "unknown section/element: \(sectionName)/\(id)") }
        return JSONBody.response(.ok, Self.json(element, in: section.name))
    }

    /// POST `/kapacitor/v1/config/{section}[/{element}]`: 204 once the update is stored and applied.
    func updateConfig(_ request: Request, section: String, element: String, hasElement: Bool) async throws -> Response {
        guard config.isEnabled else { throw APIError(.forbidden, "config override service is not enabled") }
        let body = try await request.body.collect(upTo: 1 << 20)
        let action: ConfigUpdateAction
        do {
            action = try JSONDecoder().decode(ConfigUpdateAction.self, from: Data(buffer: body))
        } catch {
            throw APIError(.badRequest, "failed to decode JSON:\(Self.describe(error, decoding: "updateAction"))")
        }
        try await config.update(section: section, element: element, hasElement: hasElement, action)
        return Response(status: .noContent)
    }

    static func json(_ section: ConfigView.Section) -> JSONValue {
        .object([
            "link": link(configPath + "/" + section.name),
            "elements": section.elements.isEmpty ? .null : .array(section.elements.map { json($0, in: section.name) }),
        ])
    }

    static func json(_ element: ConfigView.Element, in section: String) -> JSONValue {
        .object([
            "link": link(configPath + "/" + section + "/" + element.id),
            "options": .object(element.options),
            "redacted": element.redacted.isEmpty ? .null : .array(element.redacted.map { .string($0) }),
        ])
    }

    static func link(_ href: String) -> JSONValue { .object(["rel": .string("self"), "href": .string(href)]) }
}
