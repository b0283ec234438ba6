/// What a driver's apply needs of a declaration beyond its canonical value: secret *references* (never
/// secrets), flags such as a webhook's `dropPendingUpdates`, a container's deployable form. The driver
/// makes it in `desired(in:)` from the resource's own declaration and reads it back in `apply`, so
/// apply never looks a declaration up; Codable because it is data, nothing else.
public protocol DesiredInput: Sendable, Hashable, Codable {}
