import Alerting

/// The alert handler kinds Condenser offers; the server passes this list to the engine.
public enum BuiltInHandlers {
    /// Every built-in kind.
    public static let all = HandlerKinds([
        LogHandlerKind(),
        PostHandlerKind(),
        TCPHandlerKind(),
        ExecHandlerKind(),
        SMTPHandlerKind(),
        KafkaHandlerKind(),
        SlackHandlerKind(),
        PagerDuty2HandlerKind(),
        PagerDutyHandlerKind(),
        OpsGenie2HandlerKind(),
        OpsGenieHandlerKind(),
        VictorOpsHandlerKind(),
        TeamsHandlerKind(),
        TelegramHandlerKind(),
        PushoverHandlerKind(),
        DiscordHandlerKind(),
        TalkHandlerKind(),
        BigPandaHandlerKind(),
        ServiceNowHandlerKind(),
        AlertaHandlerKind(),
        ZenossHandlerKind(),
        SensuHandlerKind(),
    ])
}

/// A handler's failure: a bad option or a failed delivery, in words for the log and stats.
struct HandlerError: DeliveryError, CustomStringConvertible {
    let description: String
    /// Whether retrying cannot help (a disabled service, a request the peer rejects as invalid).
    let isPermanent: Bool

    init(_ description: String, permanent: Bool = false) {
        self.description = description
        isPermanent = permanent
    }
}
