import CompressNIO
import Foundation
import LineProtocol
import Models
import NIOCore
import ZIPFoundation

/// Kapacitor's recording files on disk: a stream recording (`.srpl`) is gzip-compressed
/// database, retention-policy and line-protocol lines (nanosecond times); a batch recording
/// (`.brpl`) is a zip archive with one entry per query node (`0`, `1`, …) of JSON batch objects.
/// Files Kapacitor wrote replay here and the other way round.
enum RecordingArchive {
    /// Writes a stream recording as points arrive, compressing as it goes.
    final class StreamWriter {
        private let handle: FileHandle
        private let compressor: any NIOCompressor
        private var line: [UInt8] = []

        /// Creates (or truncates) the file at `path`.
        init(path: String) throws(EngineError) {
            guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
                throw .failed("failed to create recording file: \(path)")
            }
            self.handle = handle
            compressor = CompressionAlgorithm.gzip().compressor
            compressor.window = ByteBufferAllocator().buffer(capacity: 64 * 1024)
            do { try compressor.startStream() } catch { throw .failed("failed to start compression: \(error)") }
        }

        /// Appends `points`: each one's database, retention policy and line.
        func write(_ points: [Point]) throws(EngineError) {
            line.removeAll(keepingCapacity: true)
            for point in points {
                line += point.database.utf8
                line.append(UInt8(ascii: "\n"))
                line += point.retentionPolicy.utf8
                line.append(UInt8(ascii: "\n"))
                LineProtocolSerializer.append(point, to: &line)
            }
            try compress(flush: .no)
        }

        /// Ends the gzip stream and closes the file.
        func finish() throws(EngineError) {
            line.removeAll()
            try compress(flush: .finish)
            do {
                try compressor.finishStream()
                try handle.close()
            } catch {
                throw .failed("failed to close recording file: \(error)")
            }
        }

        private func compress(flush: CompressNIOFlush) throws(EngineError) {
            var buffer = ByteBuffer(bytes: line)
            do {
                try buffer.compressStream(with: compressor, flush: flush) { window in
                    try handle.write(contentsOf: Data(window.readableBytesView))
                }
            } catch {
                throw .failed("failed to write recording: \(error)")
            }
        }
    }

    /// The points of the stream recording at `path`, in file order.
    static func streamPoints(path: String) throws(EngineError) -> [Point] {
        guard let data = FileManager.default.contents(atPath: path) else { throw .failed("data source open: cannot read \(path)") }
        var buffer = ByteBuffer(bytes: data)
        let text: String
        do {
            let plain = try buffer.decompress(with: .gzip(), maxSize: 1 << 34)
            text = String(buffer: plain)
        } catch {
            throw .failed("data source open: \(error)")
        }
        return try RecordingFiles.streamPoints(text, precision: .nanoseconds)
    }

    /// Writes a batch recording at `path`: entry `n` holds `batches[n]`, one JSON object a line.
    static func writeBatches(_ batches: [[Batch]], path: String) throws(EngineError) {
        do {
            try? FileManager.default.removeItem(atPath: path)
            let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
            for (index, entry) in batches.enumerated() {
                var text = ""
                for batch in entry { text += RecordingFiles.json(batch) + "\n" }
                let data = Data(text.utf8)
                try archive.addEntry(
                    with: String(index), type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate
                ) { position, size in data.subdata(in: Int(position)..<Int(position) + size) }
            }
        } catch {
            throw .failed("failed to write batch recording: \(error)")
        }
    }

    /// The entries of the batch recording at `path` in query order, each as text.
    static func batchFiles(path: String) throws(EngineError) -> [String] {
        do {
            let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
            var entries: [(index: Int, text: String)] = []
            for entry in archive {
                var data = Data()
                _ = try archive.extract(entry) { data.append($0) }
                entries.append((Int(entry.path) ?? entries.count, String(decoding: data, as: UTF8.self)))
            }
            return entries.sorted { $0.index < $1.index }.map(\.text)
        } catch {
            throw .failed("data source open: \(error)")
        }
    }
}
