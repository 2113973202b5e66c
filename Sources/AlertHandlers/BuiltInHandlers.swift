import Alerting

/// The alert handler kinds Condenser offers; the server passes this list to the engine.
public enum BuiltInHandlers {
    /// The `kafka` kind, whose producers the kafka service test shares.
    static let kafka = KafkaHandlerKind()
    /// The `mqtt` kind, whose broker connections the mqtt service test shares.
    static let mqtt = MQTTHandlerKind()

    /// Every built-in kind.
    public static let all = HandlerKinds([
        LogHandlerKind(),
        PostHandlerKind(),
        TCPHandlerKind(),
        ExecHandlerKind(),
        SMTPHandlerKind(),
        kafka,
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
        mqtt,
        SNMPTrapHandlerKind(),
    ])

    /// Closes the handlers' long-lived connections (MQTT brokers get a DISCONNECT); the server
    /// calls it once its tasks have stopped.
    public static func shutdown() async {
        await mqtt.clients.disconnectAll()
    }
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
