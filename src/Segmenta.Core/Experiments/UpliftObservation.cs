namespace Segmenta.Core.Experiments;

/// <summary>One customer's row for uplift evaluation.</summary>
/// <param name="Treated">True for the treatment group, false for control.</param>
/// <param name="Outcome">The binary outcome (converted, visited, ...).</param>
/// <param name="Score">The model's predicted uplift (higher = target first); must not be NaN.</param>
public readonly record struct UpliftObservation(bool Treated, bool Outcome, double Score);
