namespace Segmenta.Core.Lifetime;

/// <summary>How a maximum-likelihood fit went.</summary>
/// <param name="LogLikelihood">Log-likelihood at the fitted parameters (summed over customers, without the penalty).</param>
/// <param name="CustomerCount">Customers (total weight) the model was fitted on.</param>
/// <param name="DistinctGroups">Distinct input patterns the likelihood was evaluated on after grouping identical customers.</param>
/// <param name="Iterations">Simplex iterations over all starts.</param>
/// <param name="Converged">False when the last start stopped at the iteration limit.</param>
/// <param name="ParameterNames">Names of the parameters in the order of <paramref name="Estimates"/>.</param>
/// <param name="Estimates">The fitted parameters.</param>
/// <param name="StandardErrors">
/// Standard errors from the inverse of the numerical Hessian of the negative log-likelihood at the
/// estimates; NaN for all when the Hessian is not positive definite (the estimate is then not a
/// well-defined maximum).
/// </param>
public sealed record FitDiagnostics(
    double LogLikelihood,
    double CustomerCount,
    int DistinctGroups,
    int Iterations,
    bool Converged,
    IReadOnlyList<string> ParameterNames,
    IReadOnlyList<double> Estimates,
    IReadOnlyList<double> StandardErrors);
