import Alerting
import APIModels
import Hummingbird
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension CondenserAPI {
    static let serviceTestsPath = "/kapacitor/v1/service-tests"

    /// Registers the service-test routes.
    func addServiceTestRoutes<Context: RequestContext>(_ routes: inout RouteTable<Context>) {
        routes.on(Self.serviceTestsPath, .get) { request, _ in try self.listServiceTests(request) }
        routes.on("\(Self.serviceTestsPath)/:name", .get) { _, context in
            try self.getServiceTest(context.parameters.require("name"))
        }
        routes.on("\(Self.serviceTestsPath)/:name", .post) { request, context in
            var request = request
            return try await self.runServiceTest(&request, name: context.parameters.require("name"))
        }
    }

    /// GET `/kapacitor/v1/service-tests` with `pattern` (default `*`): the tests whose names match.
    func listServiceTests(_ request: Request) throws -> Response {
        let text = request.uri.queryParameters["pattern"].map(String.init) ?? ""
        let pattern = text.isEmpty ? "*" : text
        guard Glob.isValid(pattern) else { throw APIError(.badRequest, "bad pattern: syntax error in pattern") }
        let services = serviceTesters.all.filter { Glob.matches(pattern, $0.name) }.map(Self.serviceTest)
        return JSONBody.response(.ok, ServiceTests(link: Link(href: Self.serviceTestsPath), services: services))
    }

    /// GET `/kapacitor/v1/service-tests/{name}`.
    func getServiceTest(_ name: String) throws -> Response {
        JSONBody.response(.ok, Self.serviceTest(try tester(name)))
    }

    /// POST `/kapacitor/v1/service-tests/{name}`: runs the test with the body's options over the
    /// defaults; the outcome is a 200 either way.
    func runServiceTest(_ request: inout Request, name: String) async throws -> Response {
        let tester = try tester(name)
        let body = Data(try await request.collectBody(upTo: 1 << 20).readableBytesView)
        do {
            _ = try JSONDecoder().decode(JSONValue.self, from: body)
        } catch {
            let reason = body.isEmpty ? "EOF" : "invalid JSON"
            throw APIError(.badRequest, "failed to decode JSON body:\(reason)")
        }
        let failure = await ServiceTesters.run(tester, posted: body)
        return JSONBody.response(.ok, ServiceTestResult(success: failure == nil, message: failure ?? ""))
    }

    private func tester(_ name: String) throws(APIError) -> ServiceTester {
        guard !name.isEmpty else { throw APIError(.badRequest, "must provide service name") }
        guard let tester = serviceTesters.test(named: name) else { throw APIError(.notFound, "service \"\(name)\" not found") }
        return tester
    }

    static func serviceTest(_ tester: ServiceTester) -> ServiceTest {
        let options = (try? JSONDecoder().decode(JSONValue.self, from: tester.options())) ?? .object([:])
        return ServiceTest(link: Link(href: "\(serviceTestsPath)/\(tester.name)"), name: tester.name, options: options)
    }
}
