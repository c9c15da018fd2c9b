namespace Segmenta.Core.Experiments;

/// <summary>One arm of an A/B/n experiment and its share of the traffic.</summary>
/// <param name="Name">Arm name as reported in assignments and analyses, e.g. <c>control</c> or <c>variant-b</c>.</param>
/// <param name="Weight">Relative weight (any positive number; weights are normalised to sum to 1).</param>
public sealed record ExperimentArm(string Name, double Weight);
