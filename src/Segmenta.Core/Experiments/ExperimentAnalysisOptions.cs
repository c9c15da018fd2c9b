namespace Segmenta.Core.Experiments;

/// <summary>Settings of <see cref="ExperimentAnalyzer.Analyze"/>.</summary>
public sealed record ExperimentAnalysisOptions
{
    /// <summary>Name of the control arm (required; must occur in the rows).</summary>
    public required string ControlArm { get; init; }

    /// <summary>Confidence level of all intervals, in (0, 1). Default 0.95.</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>Interval for the difference of two proportions. Default <see cref="DifferenceIntervalMethod.Newcombe"/>.</summary>
    public DifferenceIntervalMethod DifferenceInterval { get; init; } = DifferenceIntervalMethod.Newcombe;

    /// <summary>Bootstrap resamples for the revenue difference interval; 0 turns the bootstrap off. Default 2000.</summary>
    public int BootstrapResamples { get; init; } = 2000;

    /// <summary>
    /// Planned customers per arm (e.g. from <see cref="SampleSizePlanner.SampleSizePerArm"/>); when set and an arm has
    /// fewer, the comparison is flagged as a peek. Default <see langword="null"/> (no check).
    /// </summary>
    public int? PlannedSamplePerArm { get; init; }
}
