import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// A minimal SMTP client (RFC 5321) that delivers one message per connection, as Kapacitor's
/// gomail dialer does: implicit TLS on port 465, otherwise EHLO (HELO when refused) and STARTTLS
/// when the server offers it; `AUTH PLAIN` when a username is configured, MAIL/RCPT/DATA, QUIT.
/// Like Go's `net/smtp`, it sends credentials only over TLS or to the local host. `no-verify`
/// skips checking the server's certificate.
struct SMTPClient {
    /// The server and credentials.
    let config: SMTPConfig
    /// The longest a delivery may take.
    var timeout: Duration = .seconds(60)
    /// Whether the connection starts with TLS (SMTPS); gomail's rule is port 465.
    var implicitTLS: Bool

    init(config: SMTPConfig, timeout: Duration = .seconds(60), implicitTLS: Bool? = nil) {
        self.config = config
        self.timeout = timeout
        self.implicitTLS = implicitTLS ?? (config.port == 465)
    }

    /// The TLS context for the server: its certificate checked against the system's roots and
    /// the host name, unless `no-verify`.
    func tlsContext() throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if config.noVerify { configuration.certificateVerification = .none }
        return try NIOSSLContext(configuration: configuration)
    }

    /// Delivers `message` to its recipients.
    func send(_ message: MailMessage, date: Date = Date()) async throws {
        let context = try tlsContext()
        let host = config.host
        let serverName = host.first?.isNumber == true || host.contains(":") ? nil : host
        let implicitTLS = implicitTLS
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(10))
            .connect(host: config.host, port: config.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if implicitTLS {
                        try channel.pipeline.syncOperations.addHandler(
                            NIOSSLClientHandler(context: context, serverHostname: serverName))
                    }
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        let startTLS: @Sendable () async throws -> Void = {
            try await channel.channel.eventLoop.submit {
                try channel.channel.pipeline.syncOperations.addHandler(
                    NIOSSLClientHandler(context: context, serverHostname: serverName), position: .first)
            }.get()
        }
        try await channel.executeThenClose { inbound, outbound in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    var session = SMTPSession(
                        replies: SMTPReplyReader(inbound.makeAsyncIterator()), outbound: outbound,
                        encrypted: implicitTLS, startTLS: startTLS)
                    try await session.deliver(message, date: date, config: config)
                }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    throw HandlerError("smtp: no answer from \(config.host):\(config.port) within \(timeout)")
                }
                try await group.next()
                group.cancelAll()
            }
        }
    }
}

/// One conversation with a server.
private struct SMTPSession {
    var replies: SMTPReplyReader
    let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    /// Whether the conversation runs over TLS.
    var encrypted: Bool
    /// Puts TLS under the conversation after the server accepted STARTTLS.
    let startTLS: @Sendable () async throws -> Void

    mutating func deliver(_ message: MailMessage, date: Date, config: SMTPConfig) async throws {
        try await expect(220, after: nil)
        var extensions = try await hello()
        if !encrypted, extensions.contains(where: { $0.uppercased() == "STARTTLS" }) {
            try await expect(220, after: "STARTTLS")
            try await startTLS()
            encrypted = true
            extensions = try await hello()
        }
        if !config.username.isEmpty {
            guard encrypted || ["localhost", "127.0.0.1", "::1"].contains(config.host) else {
                throw HandlerError("smtp: unencrypted connection: refusing to send credentials to \(config.host)")
            }
            guard extensions.contains(where: { $0.uppercased().hasPrefix("AUTH") && $0.uppercased().contains("PLAIN") }) else {
                throw HandlerError("smtp: server doesn't support AUTH PLAIN")
            }
            let credentials = Data("\0\(config.username)\0\(config.password)".utf8).base64EncodedString()
            try await expect(235, after: "AUTH PLAIN " + credentials)
        }
        try await expect(250, after: "MAIL FROM:<\(Self.address(message.from))>")
        for recipient in message.to {
            try await expect(250, 251, after: "RCPT TO:<\(Self.address(recipient))>")
        }
        try await expect(354, after: "DATA")
        try await expect(250, after: message.data(date: date) + ".")
        try await expect(221, after: "QUIT")
    }

    /// EHLO, or HELO when the server refuses it; the extensions the server announces.
    mutating func hello() async throws -> [String] {
        do {
            return try await expect(250, after: "EHLO localhost")
        } catch {
            try await expect(250, after: "HELO localhost")
            return []
        }
    }

    /// Sends `command` (when given) and reads the reply, failing unless its code is one of
    /// `codes`; returns the reply's lines after the first (EHLO's extensions).
    @discardableResult
    mutating func expect(_ codes: Int..., after command: String?) async throws -> [String] {
        if let command { try await outbound.write(ByteBuffer(string: command + "\r\n")) }
        let (code, lines) = try await replies.next()
        guard codes.contains(code) else {
            let sent = command.map { String($0.prefix(while: { $0 != " " && $0 != "\r" })) } ?? "greeting"
            throw HandlerError("smtp: \(sent): \(code) \(lines.joined(separator: " "))")
        }
        return Array(lines.dropFirst())
    }

    /// The bare address of `mailbox` (`Ops <ops@example.com>` → `ops@example.com`).
    static func address(_ mailbox: String) -> String {
        guard let open = mailbox.lastIndex(of: "<"), let close = mailbox.lastIndex(of: ">"), open < close else {
            return mailbox.trimmingCharacters(in: .whitespaces)
        }
        return String(mailbox[mailbox.index(after: open)..<close])
    }
}

/// Reads SMTP replies — one or more `code-text` lines ending with `code text` — from a byte stream.
struct SMTPReplyReader {
    private var bytes: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    private var pending = ByteBuffer()

    init(_ bytes: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator) { self.bytes = bytes }

    /// The next reply's code and the text of its lines.
    mutating func next() async throws -> (code: Int, lines: [String]) {
        var lines: [String] = []
        while true {
            let line = try await nextLine()
            let bytes = Array(line.utf8)
            guard bytes.count >= 3, let code = Int(String(decoding: bytes[0..<3], as: UTF8.self)) else {
                throw HandlerError("smtp: malformed reply \"\(line)\"")
            }
            lines.append(bytes.count > 4 ? String(decoding: bytes[4...], as: UTF8.self) : "")
            if bytes.count == 3 || bytes[3] != UInt8(ascii: "-") { return (code, lines) }
        }
    }

    private mutating func nextLine() async throws -> String {
        while true {
            if let newline = pending.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) {
                let length = newline - pending.readerIndex
                var line = pending.readString(length: length) ?? ""
                pending.moveReaderIndex(forwardBy: 1)
                if line.hasSuffix("\r") { line.removeLast() }
                return line
            }
            guard var chunk = try await bytes.next() else { throw HandlerError("smtp: connection closed by the server") }
            pending.writeBuffer(&chunk)
        }
    }
}
