namespace Segmenta.Core.Experiments;

/// <summary>One treatment arm analysed against the control arm.</summary>
/// <param name="TreatmentArm">The treatment arm's name.</param>
/// <param name="ControlArm">The control arm's name.</param>
/// <param name="Conversion">Conversion rate comparison.</param>
/// <param name="Visit">Visit rate comparison, or <see langword="null"/> when the input has no visit flag.</param>
/// <param name="Revenue">Revenue-per-customer comparison.</param>
/// <param name="BelowPlannedSample">
/// True when a planned sample size was given and either arm has fewer customers: the result is a peek,
/// its p-values are not valid for a stop decision.
/// </param>
public sealed record ArmComparison(
    string TreatmentArm,
    string ControlArm,
    ProportionComparison Conversion,
    ProportionComparison? Visit,
    MeanComparison Revenue,
    bool BelowPlannedSample);
