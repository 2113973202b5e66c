import Alerting
import Foundation
import GoTemplate

/// The `smtp` handler (TICKscript `.email()`): mails each event, its message as the subject and
/// its details as the HTML body, from the `[smtp]` section's sender to the handler's recipients —
/// `to` plus the non-empty results of the `to-field` templates — or the section's `to` when
/// there are none.
struct SMTPHandler: AlertHandler {
    /// The options of Kapacitor's `smtp.HandlerConfig`.
    struct Options: Decodable {
        var to: [String]?
        /// Go templates over the event's data (`{{index .Tags "owner"}}`), each giving one address.
        var toTemplates: [String]?

        enum CodingKeys: String, CodingKey {
            case to
            case toTemplates = "to-field"
        }
    }

    let config: SMTPConfig
    let to: [String]
    let toTemplates: [Template]

    func handle(_ event: Event) async throws {
        guard config.enabled else { throw HandlerError("failed to send email: service is not enabled", permanent: true) }
        var recipients = to
        let data = AlertBody.eventDataValue(event)
        for template in toTemplates {
            if let address = try? template.render(data), !address.isEmpty { recipients.append(address) }
        }
        if recipients.isEmpty { recipients = config.to }
        guard !recipients.isEmpty else { throw HandlerError("not sending email, no recipients defined") }
        let message = MailMessage(from: config.from, to: recipients, subject: event.state.message, html: event.state.details)
        do {
            try await SMTPClient(config: config).send(message)
        } catch let error as HandlerError {
            throw error
        } catch {
            throw HandlerError("smtp: failed to send email via \(config.host):\(config.port): \(error)")
        }
    }
}

/// The `smtp` kind.
struct SMTPHandlerKind: HandlerKind {
    let kind = "smtp"

    func makeHandler(options: Data, environment: HandlerEnvironment) throws -> any AlertHandler {
        let options = try JSONDecoder().decode(SMTPHandler.Options.self, from: options)
        var templates: [Template] = []
        for (index, text) in (options.toTemplates ?? []).enumerated() {
            do {
                templates.append(try Template(parsing: text, name: String(index)))
            } catch {
                throw HandlerError("bad template in email address template: \(error.message)")
            }
        }
        return SMTPHandler(config: try SMTPConfig.load(from: environment), to: options.to ?? [], toTemplates: templates)
    }
}
