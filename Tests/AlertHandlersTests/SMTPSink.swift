import NIOCore
import Synchronization

/// A tiny SMTP server for tests: answers every command of a plain session (EHLO with
/// `AUTH PLAIN`, AUTH, MAIL, RCPT, DATA, QUIT) positively and records commands and messages.
final class SMTPSink: Sendable {
    /// One received mail: the envelope and the DATA text (lines joined with CRLF).
    struct Mail: Sendable {
        var commands: [String]
        var data: String
    }

    let mails = Mutex<[Mail]>([])
    /// The reply to `RCPT TO` commands.
    let rcptReply: String

    init(rcptReply: String = "250 OK") { self.rcptReply = rcptReply }

    /// Runs `body` with the sink's port while it listens.
    func serving<T: Sendable>(_ body: @Sendable (Int) async throws -> T) async throws -> T {
        try await LineServer.serving(session: { connection in try await self.session(connection) }, body)
    }

    private func session(_ connection: LineServer.Connection) async throws {
        try await connection.executeThenClose { inbound, outbound in
            var lines = LineReader(inbound.makeAsyncIterator())
            var mail = Mail(commands: [], data: "")
            func reply(_ text: String) async throws { try await outbound.write(ByteBuffer(string: text + "\r\n")) }
            try await reply("220 sink ESMTP")
            while let line = try await lines.next() {
                mail.commands.append(line)
                let verb = line.split(separator: " ").first.map { $0.uppercased() } ?? ""
                switch verb {
                case "EHLO": try await reply("250-sink\r\n250 AUTH PLAIN LOGIN")
                case "AUTH": try await reply("235 2.7.0 Authentication successful")
                case "RCPT": try await reply(rcptReply)
                case "DATA":
                    try await reply("354 go ahead")
                    var data: [String] = []
                    while let dataLine = try await lines.next(), dataLine != "." { data.append(dataLine) }
                    mail.data = data.joined(separator: "\r\n")
                    try await reply("250 queued")
                case "QUIT":
                    try await reply("221 bye")
                    mails.withLock { $0.append(mail) }
                    return
                default: try await reply("250 OK")
                }
            }
        }
    }
}

/// Lines (without CRLF) from a byte stream.
struct LineReader {
    private var bytes: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    private var pending = ByteBuffer()

    init(_ bytes: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator) { self.bytes = bytes }

    /// The next line, nil at the end of the stream.
    mutating func next() async throws -> String? {
        while true {
            if let newline = pending.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) {
                var line = pending.readString(length: newline - pending.readerIndex) ?? ""
                pending.moveReaderIndex(forwardBy: 1)
                if line.hasSuffix("\r") { line.removeLast() }
                return line
            }
            guard var chunk = try await bytes.next() else { return nil }
            pending.writeBuffer(&chunk)
        }
    }
}
