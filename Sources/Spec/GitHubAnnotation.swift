/// One GitHub Actions workflow command (`::error file=…,line=…,col=…,title=…::message`): printed on
/// standard output in a workflow, it shows the message on that line of the pull request's diff.
///
/// Values are escaped as the runner expects (`%`, CR and LF everywhere; `:` and `,` in properties too),
/// so a message can never end the command early or forge another one.
public struct GitHubAnnotation: Sendable, Hashable {
    public enum Level: String, Sendable {
        case error, warning, notice
    }

    public var level: Level
    public var file: String?
    public var line: Int?
    public var column: Int?
    public var title: String?
    public var message: String

    public init(_ level: Level, file: String? = nil, line: Int? = nil, column: Int? = nil, title: String? = nil,
                message: String) {
        self.level = level
        self.file = file
        self.line = line
        self.column = column
        self.title = title
        self.message = message
    }

    /// At `location`, with its file put after `pathPrefix` (the configuration's folder in the repository).
    public init(_ level: Level, at location: SourceLocation?, pathPrefix: String = "", title: String? = nil,
                message: String) {
        self.init(level, file: location.map { pathPrefix + $0.file }, line: location?.line, column: location?.column,
                  title: title, message: message)
    }

    /// The workflow command, one line.
    public var command: String {
        var properties: [String] = []
        if let file { properties.append("file=" + Self.escapeProperty(file)) }
        if let line { properties.append("line=\(line)") }
        if let column { properties.append("col=\(column)") }
        if let title { properties.append("title=" + Self.escapeProperty(title)) }
        let head = properties.isEmpty ? level.rawValue : level.rawValue + " " + properties.joined(separator: ",")
        return "::\(head)::\(Self.escapeData(message))"
    }

    static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25")
            .replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
