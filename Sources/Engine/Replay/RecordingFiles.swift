import Foundation
import LineProtocol
import Models

/// Kapacitor's recording files: `.srpl` (stream: database, retention policy and a line-protocol
/// point, three lines per record) and `.brpl` (batch: a sequence of JSON batch objects).
public enum RecordingFiles {
    /// The points of a stream recording, in file order, with integer times in `precision`.
    public static func streamPoints(_ text: String, precision: Precision) throws(EngineError) -> [Point] {
        var points: [Point] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var index = 0
        while index + 2 < lines.count {
            let database = String(lines[index]), retentionPolicy = String(lines[index + 1])
            let parser = LineProtocolParser(precision: precision, database: database, retentionPolicy: retentionPolicy)
            let result = parser.parse(String(lines[index + 2]))
            if let error = result.errors.first { throw .invalid("recording line \(index + 3): \(error)") }
            points += result.points
            index += 3
        }
        return points
    }

    /// The batches of a batch recording, without empty ones, as Kapacitor decodes them: numbers
    /// are floats, points without tags take the batch's, the group is made of the batch's tags.
    public static func batches(_ text: String) throws(EngineError) -> [Batch] {
        var batches: [Batch] = []
        for object in jsonObjects(text) {
            let record: BatchRecord
            do {
                record = try JSONDecoder().decode(BatchRecord.self, from: Data(object.utf8))
            } catch {
                throw .invalid("invalid batch recording object: \(error)")
            }
            let tags = Tags(record.tags ?? [:])
            let dimensions = Dimensions(byName: record.byname ?? false, tagNames: tags.map(\.key))
            var batch = Batch(
                name: record.name ?? "", group: dimensions.groupID(name: record.name ?? "", tags: tags), tags: tags,
                dimensions: dimensions, tmax: try record.tmax.map(time) ?? 0
            )
            for point in record.points ?? [] {
                let pointTags = Tags(point.tags ?? [:])
                let fields = (point.fields ?? [:]).sorted { $0.key < $1.key }.compactMap { key, field in
                    field.value.map { Field(key, $0) }
                }
                batch.points.append(BatchPoint(time: try time(point.time), fields: Fields(fields), tags: pointTags.isEmpty ? tags : pointTags))
            }
            if !batch.points.isEmpty { batches.append(batch) }
        }
        return batches
    }

    static func time(_ text: String) throws(EngineError) -> Timestamp {
        guard let time = Timestamp(rfc3339: text) else { throw .invalid("invalid time \"\(text)\" in batch recording") }
        return time
    }

    /// One batch object of a `.brpl` file.
    struct BatchRecord: Decodable {
        var name: String?
        var tmax: String?
        var byname: Bool?
        var tags: [String: String]?
        var points: [PointRecord]?
    }

    /// One point of a batch object.
    struct PointRecord: Decodable {
        var time: String
        var fields: [String: JSONField]?
        var tags: [String: String]?
    }

    /// A field value as Go decodes JSON into `interface{}`: numbers are float64; null is no value.
    struct JSONField: Decodable {
        var value: FieldValue?

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                value = nil
            } else if let bool = try? container.decode(Bool.self) {
                value = .bool(bool)
            } else if let number = try? container.decode(Double.self) {
                value = .float(number)
            } else {
                value = .string(try container.decode(String.self))
            }
        }
    }

    /// The top-level JSON objects of a text holding several, on any lines.
    static func jsonObjects(_ text: String) -> [Substring] {
        var objects: [Substring] = []
        var depth = 0
        var inString = false
        var escaped = false
        var start: String.Index?
        for index in text.indices {
            let character = text[index]
            if inString {
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { inString = false }
                continue
            }
            switch character {
            case "\"": inString = true
            case "{":
                if depth == 0 { start = index }
                depth += 1
            case "}":
                depth -= 1
                if depth == 0, let begin = start { objects.append(text[begin...index]) }
            default: break
            }
        }
        return objects
    }
}
