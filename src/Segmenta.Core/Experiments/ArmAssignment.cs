namespace Segmenta.Core.Experiments;

/// <summary>Where one customer lands in an experiment.</summary>
/// <param name="CustomerId">The customer id that was hashed.</param>
/// <param name="Arm">The arm name, or <see langword="null"/> when the customer is in the global control group.</param>
/// <param name="IsGlobalControl">True when the customer is held out of all campaigns.</param>
/// <param name="Bucket">The customer's uniform hash position in [0, 1) for this experiment's salt.</param>
public sealed record ArmAssignment(string CustomerId, string? Arm, bool IsGlobalControl, double Bucket);
