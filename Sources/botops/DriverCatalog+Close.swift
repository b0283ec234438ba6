import Drivers

extension DriverCatalog {
    /// Shuts the catalog's connections at the end of a command. A failure here changes nothing the command
    /// did or reports (the connections go with the process), so it is only logged at debug level.
    func close() async {
        do {
            try await shutdown()
        } catch {
            CommandLogging.logger(verbose: false).debug("closing connections", metadata: ["error": "\(error)"])
        }
    }
}
