namespace Segmenta.Engine.Simulation;

/// <summary>A session decided in the planning phase of a person, emitted later in time order.</summary>
/// <param name="Time">Start, in days from the period start (negative = before the period).</param>
/// <param name="Kind">0 = ordinary, 1 = signup session, 2 = session opened by a message click.</param>
/// <param name="Offered">Whether the session was (randomly) offered a coupon.</param>
/// <param name="Converts">Whether the session ends in a purchase.</param>
/// <param name="Campaign">Campaign index for message-click sessions, otherwise -1.</param>
internal readonly record struct PlannedSession(double Time, byte Kind, bool Offered, bool Converts, int Campaign);
