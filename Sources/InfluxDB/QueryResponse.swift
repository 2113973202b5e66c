import Foundation
import Models

/// The JSON body of `/query`: one result per statement, each with its series or its error.
struct QueryResponse: Decodable {
    var results: [StatementResult]?
    var error: String?

    /// The first error of the response or of one of its statements, as Kapacitor reports it.
    var firstError: String? {
        if let error, !error.isEmpty { return error }
        return results?.lazy.compactMap { $0.error.flatMap { $0.isEmpty ? nil : $0 } }.first
    }

    /// The result of one statement.
    struct StatementResult: Decodable {
        var series: [Series]?
        var error: String?
    }

    /// One series of a result.
    struct Series: Decodable {
        var name: String?
        var tags: [String: String]?
        var columns: [String]?
        var values: [[Cell]]?

        var querySeries: QuerySeries {
            QuerySeries(name: name ?? "", tags: tags ?? [:], columns: columns ?? [], values: (values ?? []).map { $0.map(\.value) })
        }
    }

    /// One cell: integers stay integers (times with `epoch=ns`, counts), other numbers are floats,
    /// arrays (`SHOW SUBSCRIPTIONS` destinations) become their JSON text.
    struct Cell: Decodable {
        var value: FieldValue?

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                value = nil
            } else if let array = try? container.decode([Cell].self) {
                value = .string("[" + array.map { $0.json }.joined(separator: ",") + "]")
            } else if let flag = try? container.decode(Bool.self) {
                value = .bool(flag)
            } else if let integer = try? container.decode(Int64.self) {
                value = .int(integer)
            } else if let number = try? container.decode(Double.self) {
                value = .float(number)
            } else {
                value = .string(try container.decode(String.self))
            }
        }

        /// The cell as JSON text.
        var json: String {
            switch value {
            case nil: return "null"
            case .string(let text)?:
                var quoted = "\""
                for character in text {
                    if character == "\"" || character == "\\" { quoted.append("\\") }
                    quoted.append(character)
                }
                return quoted + "\""
            case .float(let number)?:
                var text = ""
                GoJSON.appendFloat(number, to: &text)
                return text
            case .int(let number)?: return String(number)
            case .uint(let number)?: return String(number)
            case .bool(let flag)?: return flag ? "true" : "false"
            }
        }
    }

    /// Decodes a body, or fails with the body's text when it is no such JSON.
    static func decode(_ body: [UInt8]) throws(InfluxDBError) -> QueryResponse {
        do {
            return try JSONDecoder().decode(QueryResponse.self, from: Data(body))
        } catch {
            throw InfluxDBError("failed to decode JSON: \(String(decoding: body.prefix(200), as: UTF8.self))")
        }
    }
}
