import HTTPTypes
import Hummingbird

/// Registers routes on a Hummingbird router and answers 405 with `Allow` for a known path asked
/// with a method it does not serve.
struct RouteTable<Context: RequestContext> {
    let router: Router<Context>
    private var methods: [(path: String, methods: [HTTPRequest.Method])] = []

    init(router: Router<Context>) { self.router = router }

    /// Serves `method` on `path` with `handler`.
    mutating func on(
        _ path: String, _ method: HTTPRequest.Method,
        _ handler: @escaping @Sendable (Request, Context) async throws -> Response
    ) {
        router.on(RouterPath(path), method: method) { request, context in try await handler(request, context) }
        if let index = methods.firstIndex(where: { $0.path == path }) {
            methods[index].methods.append(method)
        } else {
            methods.append((path, [method]))
        }
    }

    /// Adds the 405 answers; call once after every route is registered.
    func finish() {
        let all: [HTTPRequest.Method] = [.get, .head, .post, .put, .patch, .delete]
        for (path, served) in methods {
            let allow = served.map(\.rawValue).joined(separator: ", ")
            for method in all where !served.contains(method) {
                router.on(RouterPath(path), method: method) { _, _ -> Response in
                    var response = JSONBody.response(
                        .methodNotAllowed, ErrorBody(error: "Method Not Allowed", message: "Method Not Allowed"))
                    response.headers[.allow] = allow
                    return response
                }
            }
        }
    }
}

/// Turns Hummingbird's own errors (such as the 404 of an unknown path) into Kapacitor's JSON body.
struct ErrorBodyMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch let error as HTTPResponseError {
            let message = error.status.reasonPhrase
            throw APIError(error.status, message.isEmpty ? "\(error.status.code)" : message)
        }
    }
}
