import APIModels
import Hummingbird

extension CondenserAPI {
    static let configPath = "/kapacitor/v1/config"

    func addConfigRoutes<Context: RequestContext>(_ routes: inout RouteTable<Context>) {
        routes.on(Self.configPath, .get) { _, _ in self.configSections() }
        routes.on(Self.configPath + "/:section", .get) { request, context in
            let section = try context.parameters.require("section")
            // `/config/smtp/` names the unnamed element of a single section.
            if request.uri.path.hasSuffix("/") { return try self.configElement(section, "") }
            return try self.configSection(section)
        }
        routes.on(Self.configPath + "/:section/:element", .get) { _, context in
            try self.configElement(context.parameters.require("section"), context.parameters.require("element"))
        }
        let refuse: @Sendable (Request, Context) async throws -> Response = { _, _ in
            throw APIError(.forbidden, "config overrides are not supported by Condenser: change the configuration file and restart")
        }
        routes.on(Self.configPath + "/:section", .post, refuse)
        routes.on(Self.configPath + "/:section/:element", .post, refuse)
    }

    /// GET `/kapacitor/v1/config`: every overridable section.
    func configSections() -> Response {
        var sections: [String: JSONValue] = [:]
        for section in config.sections { sections[section.name] = Self.json(section) }
        return JSONBody.response(.ok, ["link": Self.link(Self.configPath), "sections": .object(sections)])
    }

    /// GET `/kapacitor/v1/config/{section}`; an unnamed element is `/config/{section}/`.
    func configSection(_ name: String) throws -> Response {
        guard let section = config.sections.first(where: { $0.name == name }) else {
            throw APIError(.notFound, "unknown section: \(name)")
        }
        return JSONBody.response(.ok, Self.json(section))
    }

    /// GET `/kapacitor/v1/config/{section}/{element}`.
    func configElement(_ sectionName: String, _ id: String) throws -> Response {
        guard let section = config.sections.first(where: { $0.name == sectionName }),
              let element = section.elements.first(where: { $0.id == id })
        else { throw APIError(.notFound, "unknown section/element: \(sectionName)/\(id)") }
        return JSONBody.response(.ok, Self.json(element, in: section.name))
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
