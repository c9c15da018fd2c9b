namespace Segmenta.Core.Experiments;

/// <summary>Settings of an <see cref="ArmAssigner"/>: the experiment's salt, its arms and the global control group.</summary>
public sealed record ArmAssignerOptions
{
    /// <summary>The salt used for the global control group when none is given: <c>segmenta-global-control</c>.</summary>
    public const string DefaultGlobalControlSalt = "segmenta-global-control";

    /// <summary>
    /// The experiment salt (required, non-empty). Two experiments with different salts split the same customers
    /// independently; re-using a salt reproduces the same split.
    /// </summary>
    public required string ExperimentSalt { get; init; }

    /// <summary>The arms with their weights (required, at least one; names unique, weights positive and finite).</summary>
    public required IReadOnlyList<ExperimentArm> Arms { get; init; }

    /// <summary>
    /// Percentage (0 to 100) of all customers kept out of every campaign as a global control group.
    /// Default 0 (no global control group).
    /// </summary>
    public double GlobalControlPercent { get; init; }

    /// <summary>
    /// Salt of the global control group, independent of the experiment salt so the same customers are held out
    /// across all experiments. Default <see cref="DefaultGlobalControlSalt"/>; change it only to re-draw the group.
    /// </summary>
    public string GlobalControlSalt { get; init; } = DefaultGlobalControlSalt;
}
