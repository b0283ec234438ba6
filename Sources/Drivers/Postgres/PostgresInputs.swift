import Reconciler
import Spec

/// What writing a Schedule's row needs beyond its value: the declaration (its cron expression gives the
/// next run when the row is written).
struct ScheduleInput: DesiredInput {
    let schedule: Schedule
}

/// What writing a Booster's row needs beyond its value: the declaration.
struct BoosterInput: DesiredInput {
    let booster: Booster
}
