import ArgumentParser

/// `--state`: the state store a command reads instead of the one the configuration names.
struct StateOption: ParsableArguments {
    @Option(help: ArgumentHelp("The state to read: file:PATH, postgres or postgres://URL.",
                               discussion: "Default: .botops/state.json in the configuration folder (in the current folder with --repo).",
                               valueName: "store"))
    var state: String?
}
