import Logging
import Spec

/// What a driver may use during one run: the desired state, what botops owns, and how to reach secrets.
public struct DriverContext: Sendable {
    public let state: DesiredState
    public let inventory: Inventory
    public let secrets: SecretResolver
    public let fingerprinter: Fingerprinter
    public let logger: Logger

    public init(state: DesiredState, inventory: Inventory, secrets: SecretResolver, logger: Logger) {
        self.state = state
        self.inventory = inventory
        self.secrets = secrets
        self.fingerprinter = Fingerprinter(key: inventory.fingerprintKey)
        self.logger = logger
    }

    /// Resolves a secret, turning a failure into a ``ResourceError`` at the reference's location.
    public func resolve(_ reference: SecretReference, for address: ResourceAddress) throws(ResourceError) -> String {
        do {
            return try secrets.resolve(reference)
        } catch {
            throw ResourceError(address: address, code: .secretUnavailable, message: error.message,
                                location: reference.location)
        }
    }
}
