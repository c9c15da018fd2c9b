using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace Segmenta.Core.Lifetime;

/// <summary>
/// The shared fitting machinery: Nelder-Mead on log-parameters (so every parameter stays positive
/// without constraints) and standard errors from a central-difference Hessian.
/// </summary>
internal static class MaximumLikelihood
{
    // Returned for parameter values where the likelihood is not finite, so the simplex moves away.
    private const double Infeasible = 1e300;

    /// <summary>
    /// Minimises <paramref name="meanNegLogLik"/> (a function of the natural parameters) and returns
    /// the natural parameters, the iteration count and whether the last start converged.
    /// </summary>
    public static (double[] Theta, int Iterations, bool Converged) Minimize(
        Func<double[], double> meanNegLogLik,
        double[] start,
        LifetimeFitOptions options,
        string model)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!(options.Tolerance > 0) || options.MaxIterations < 1 || options.Restarts < 0 || !(options.Penalizer >= 0))
        {
            throw new SegmentaInputException(
                $"invalid fit options for {model}: tolerance must be positive, max iterations at least 1, restarts and penalizer not negative");
        }
        var objective = ObjectiveFunction.Value(v =>
        {
            var theta = new double[v.Count];
            var penalty = 0.0;
            for (var i = 0; i < theta.Length; i++)
            {
                theta[i] = Math.Exp(v[i]);
                penalty += theta[i] * theta[i];
            }
            var f = meanNegLogLik(theta) + options.Penalizer * penalty;
            return double.IsFinite(f) ? f : Infeasible;
        });
        var point = Vector<double>.Build.Dense(start.Select(v => Math.Log(v)).ToArray());
        var iterations = 0;
        var converged = false;
        var best = double.PositiveInfinity;
        for (var attempt = 0; attempt <= options.Restarts; attempt++)
        {
            var simplex = new NelderMeadSimplex(options.Tolerance, options.MaxIterations);
            // A fresh simplex of half a log-unit around the best point so far.
            var step = Vector<double>.Build.Dense(point.Count, attempt == 0 ? 0.5 : 0.1);
            MinimizationResult result;
            try
            {
                result = simplex.FindMinimum(objective, point, step);
                converged = true;
            }
            catch (MaximumIterationsException)
            {
                // A flat ridge (e.g. a dropout parameter drifting to a boundary) can keep the simplex
                // from meeting a 1e-12 tolerance; settle for a looser one rather than for nothing.
                iterations += options.MaxIterations;
                try
                {
                    result = new NelderMeadSimplex(Math.Max(options.Tolerance, 1e-8), options.MaxIterations * 5).FindMinimum(objective, point, step);
                    converged = false;
                }
                catch (MaximumIterationsException)
                {
                    converged = false;
                    continue;
                }
            }
            iterations += result.Iterations;
            var value = result.FunctionInfoAtMinimum.Value;
            var improved = value < best - 1e-13 * Math.Abs(best);
            if (value < best)
            {
                best = value;
                point = result.MinimizingPoint;
            }
            if (attempt > 0 && !improved)
            {
                break; // a restart found nothing better: the optimum is stable
            }
        }
        if (!(best < Infeasible))
        {
            throw new SegmentaInputException(
                $"cannot fit {model}: the likelihood is not finite anywhere the optimiser searched; check the input for extreme values");
        }
        return (point.Select(v => Math.Exp(v)).ToArray(), iterations, converged);
    }

    /// <summary>
    /// Standard errors sqrt(diag(H^-1)) with H the central-difference Hessian of the total negative
    /// log-likelihood in the natural parameters; all NaN when H is not positive definite.
    /// </summary>
    public static double[] StandardErrors(Func<double[], double> totalNegLogLik, double[] theta)
    {
        var k = theta.Length;
        // Relative step near eps^(1/4), the optimum for second differences.
        var h = theta.Select(t => 1e-4 * Math.Max(Math.Abs(t), 1e-3)).ToArray();
        double F(int i, double di, int j, double dj)
        {
            var p = (double[])theta.Clone();
            p[i] += di;
            p[j] += dj;
            return totalNegLogLik(p);
        }
        var hess = Matrix<double>.Build.Dense(k, k);
        var f0 = totalNegLogLik(theta);
        for (var i = 0; i < k; i++)
        {
            hess[i, i] = (F(i, h[i], i, 0) - 2 * f0 + F(i, -h[i], i, 0)) / (h[i] * h[i]);
            for (var j = 0; j < i; j++)
            {
                var v = (F(i, h[i], j, h[j]) - F(i, h[i], j, -h[j]) - F(i, -h[i], j, h[j]) + F(i, -h[i], j, -h[j]))
                    / (4 * h[i] * h[j]);
                hess[i, j] = v;
                hess[j, i] = v;
            }
        }
        var nan = Enumerable.Repeat(double.NaN, k).ToArray();
        if (!hess.Enumerate().All(double.IsFinite))
        {
            return nan;
        }
        try
        {
            var inverse = hess.Cholesky().Solve(Matrix<double>.Build.DenseIdentity(k));
            var se = Enumerable.Range(0, k).Select(i => Math.Sqrt(inverse[i, i])).ToArray();
            return se.All(double.IsFinite) ? se : nan;
        }
        catch (ArgumentException)
        {
            return nan; // not positive definite
        }
    }
}
