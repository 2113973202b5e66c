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
struct HandlerError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}
