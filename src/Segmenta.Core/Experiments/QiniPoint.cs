namespace Segmenta.Core.Experiments;

/// <summary>A point of a Qini curve.</summary>
/// <param name="Targeted">Customers targeted so far (x axis): the top <c>Targeted</c> by score.</param>
/// <param name="IncrementalOutcomes">Incremental outcomes (y axis): Y_t − Y_c·N_t/N_c among them (0 for the second term when N_c = 0).</param>
public sealed record QiniPoint(double Targeted, double IncrementalOutcomes);
