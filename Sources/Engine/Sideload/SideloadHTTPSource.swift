import AsyncHTTPClient
import Foundation
import NIOCore
import Pipeline
import Yams

/// An `http(s)` sideload source, as Kapacitor's: a GET (with the named endpoint's basic auth)
/// answered by a JSON object whose keys are the paths a node's `order` names and whose values
/// are objects of keys to values. A failed reload keeps the values it had (Kapacitor empties them).
final class SideloadHTTPSource: LoadableSideloadSource {
    /// Kapacitor's limit on the GET.
    static let timeout: TimeAmount = .seconds(10)

    let url: String
    let endpoint: HTTPPostEndpoint?
    let cache = SideloadCache()

    init(url: String, endpoint: HTTPPostEndpoint?) {
        self.url = url
        self.endpoint = endpoint
    }

    func load() throws(EngineError) {
        var request: HTTPClient.Request
        do {
            request = try HTTPClient.Request(url: url, method: .GET)
        } catch {
            throw .failed("failed to generate request to update sideload cache for source \"\(url)\": \(error)")
        }
        if let authorization = endpoint?.basicAuthorization { request.headers.add(name: "Authorization", value: authorization) }
        let body: String
        do {
            // Defining a task is synchronous, as in Kapacitor; the GET itself runs on NIO's event loops.
            let response = try HTTPClient.shared.execute(request: request, deadline: .now() + Self.timeout).wait()
            body = response.body.map { String(buffer: $0) } ?? ""
        } catch {
            throw .failed("\(error)")
        }
        let failure = "failed to load body to update sideload cache for source \"\(url)\": failed to unmarshal json values in response body"
        let document: Any?
        do {
            document = try Yams.load(yaml: body)
        } catch {
            throw .failed("\(failure): \(error)")
        }
        guard let map = document as? [AnyHashable: Any] else { throw .failed("\(failure): not an object of paths") }
        var files: [String: [String: SideloadValue]] = [:]
        for (path, values) in map {
            guard let path = path.base as? String, let values = values as? [AnyHashable: Any] else {
                throw .failed("\(failure): the value of each path must be an object")
            }
            files[path] = SideloadDirectory.values(of: values)
        }
        cache.replace(with: files)
    }
}
