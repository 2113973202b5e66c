import HTTPTypes
import Hummingbird
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Wraps the router with what every Kapacitor response has: `/kapacitor/v1preview` falling back to
/// `/kapacitor/v1`, authentication, the version and request-ID headers, and errors as
/// `{"error": "..."}`.
struct KapacitorResponder<Next: HTTPResponder>: HTTPResponder where Next.Context: RequestContext {
    typealias Context = Next.Context
    let next: Next
    let authenticator: Authenticator

    func respond(to request: Request, context: Context) async throws -> Response {
        var response: Response
        do {
            if let clean = Self.cleanPath(request.uri.path) {
                // Go's mux sends a client to the clean path rather than serving an unclean one.
                let query = request.uri.query.map { "?" + $0 } ?? ""
                response = Response(status: .movedPermanently, headers: [.location: clean + query])
            } else {
                let rewritten = Self.rewritingPreview(request)
                if let user = try await authenticator.authorize(rewritten, path: rewritten.uri.path) {
                    response = try await Authenticator.$current.withValue(user) {
                        try await next.respond(to: rewritten, context: context)
                    }
                } else {
                    response = try await next.respond(to: rewritten, context: context)
                }
            }
        } catch let error as APIError {
            response = try error.response(from: request, context: context)
        } catch {
            response = try APIError(.internalServerError, "\(error)").response(from: request, context: context)
        }
        response.headers[.kapacitorVersion] = ServerIdentity.version
        response.headers[.requestID] = UUID().uuidString.lowercased()
        if response.headers[.contentType] == nil { response.headers[.contentType] = JSONBody.contentType }
        return response
    }

    /// The clean form of `path` when it is not clean — an empty, `.` or `..` segment, which the
    /// router would read differently from authorization — keeping a trailing slash, as Go's
    /// `net/http` cleans; nil when it is clean.
    static func cleanPath(_ path: String) -> String? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        let inner = path.hasSuffix("/") ? segments.dropLast() : segments[...]
        guard inner.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) else { return nil }
        var clean: [Substring] = []
        for segment in inner where !segment.isEmpty && segment != "." {
            if segment == ".." { _ = clean.popLast() } else { clean.append(segment) }
        }
        let joined = "/" + clean.joined(separator: "/")
        return path.hasSuffix("/") && joined != "/" ? joined + "/" : joined
    }

    /// Maps `/kapacitor/v1preview/...` onto `/kapacitor/v1/...`, as Kapacitor's preview fallback does.
    static func rewritingPreview(_ request: Request) -> Request {
        let path = request.head.path ?? ""
        let preview = "/kapacitor/v1preview"
        guard path.hasPrefix(preview) else { return request }
        var head = request.head
        head.path = "/kapacitor/v1" + path.dropFirst(preview.count)
        return Request(head: head, body: request.body)
    }
}

extension HTTPField.Name {
    /// Kapacitor's version header.
    static let kapacitorVersion = HTTPField.Name("X-Kapacitor-Version")!
    /// A unique ID per request.
    static let requestID = HTTPField.Name("Request-Id")!
}
