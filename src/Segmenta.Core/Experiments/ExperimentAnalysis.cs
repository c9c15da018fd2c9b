namespace Segmenta.Core.Experiments;

/// <summary>The result of <see cref="ExperimentAnalyzer.Analyze"/>.</summary>
/// <param name="ControlArm">The control arm's name.</param>
/// <param name="ConfidenceLevel">Confidence level of every interval, e.g. 0.95.</param>
/// <param name="Arms">Per-arm figures, ordered by arm name (ordinal).</param>
/// <param name="Comparisons">Each non-control arm against the control, ordered by arm name (ordinal).</param>
/// <param name="Warnings">Human-readable warnings (e.g. peeking before the planned sample size).</param>
public sealed record ExperimentAnalysis(
    string ControlArm,
    double ConfidenceLevel,
    IReadOnlyList<ArmSummary> Arms,
    IReadOnlyList<ArmComparison> Comparisons,
    IReadOnlyList<string> Warnings);
