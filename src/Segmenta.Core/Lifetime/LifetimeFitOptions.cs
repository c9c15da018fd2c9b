namespace Segmenta.Core.Lifetime;

/// <summary>Settings for the maximum-likelihood fits of the lifetime models.</summary>
public sealed record LifetimeFitOptions
{
    /// <summary>The defaults: no penalty, tolerance 1e-12, 10,000 iterations, 3 restarts.</summary>
    public static LifetimeFitOptions Default { get; } = new();

    /// <summary>
    /// L2 penalty coefficient added to the mean negative log-likelihood as
    /// <c>Penalizer * sum(theta^2)</c> over the natural parameters, as lifetimes'
    /// <c>penalizer_coef</c>. Default 0 (plain maximum likelihood).
    /// </summary>
    public double Penalizer { get; init; }

    /// <summary>
    /// Relative convergence tolerance of the Nelder-Mead simplex on the mean negative
    /// log-likelihood. Default 1e-12.
    /// </summary>
    public double Tolerance { get; init; } = 1e-12;

    /// <summary>Maximum simplex iterations per start. Default 10,000.</summary>
    public int MaxIterations { get; init; } = 10_000;

    /// <summary>
    /// How many times the simplex is restarted from the best point found; restarts escape the
    /// premature collapse Nelder-Mead is known for. Default 3.
    /// </summary>
    public int Restarts { get; init; } = 3;
}
