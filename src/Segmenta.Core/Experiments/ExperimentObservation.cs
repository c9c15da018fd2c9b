namespace Segmenta.Core.Experiments;

/// <summary>
/// One customer's row of an experiment table (the shape the CLI reads from any CSV):
/// the arm, whether the customer converted, the revenue, and optionally whether the customer visited.
/// </summary>
/// <param name="Arm">Arm name, e.g. <c>Mens E-Mail</c>.</param>
/// <param name="Converted">True when the customer converted in the measurement window.</param>
/// <param name="Revenue">Revenue in the window (0 for non-buyers; must be finite).</param>
/// <param name="Visited">Whether the customer visited; <see langword="null"/> when the table has no visit column.</param>
public readonly record struct ExperimentObservation(string Arm, bool Converted, double Revenue, bool? Visited = null);
