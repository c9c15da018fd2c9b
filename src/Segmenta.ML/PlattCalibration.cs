namespace Segmenta.ML;

/// <summary>
/// Platt scaling: P(y = 1 | s) = 1 / (1 + exp(A·s + B)) for a raw score s, fitted by maximum likelihood
/// with Platt's smoothed targets (N₊ + 1)/(N₊ + 2) and 1/(N₋ + 2), by the Newton method with
/// backtracking of Lin, Lin and Weng (2007), "A note on Platt's probabilistic outputs for support
/// vector machines".
/// </summary>
/// <param name="A">Slope (negative when higher scores mean more likely).</param>
/// <param name="B">Offset.</param>
public sealed record PlattCalibration(double A, double B)
{
    /// <summary>The calibrated probability of raw score <paramref name="score"/>.</summary>
    public double Probability(double score)
    {
        var f = A * score + B;
        // The two algebraically equal forms, each used where it cannot overflow.
        return f >= 0 ? Math.Exp(-f) / (1 + Math.Exp(-f)) : 1 / (1 + Math.Exp(f));
    }

    /// <summary>Fits A and B to <paramref name="scores"/> and their outcomes.</summary>
    public static PlattCalibration Fit(IReadOnlyList<double> scores, IReadOnlyList<bool> outcomes)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(outcomes);
        var n = scores.Count;
        var s = scores.ToArray();
        var positives = outcomes.Count(o => o);
        var negatives = n - positives;
        var hi = (positives + 1.0) / (positives + 2.0);
        var lo = 1 / (negatives + 2.0);
        var t = new double[n];
        for (var i = 0; i < n; i++)
        {
            t[i] = outcomes[i] ? hi : lo;
        }

        // −log-likelihood with targets t: Σ (1 − t)·f + log(1 + e^−f) for f = a·s + b, in the form that cannot overflow.
        double Objective(double a, double b)
        {
            var sum = 0.0;
            for (var i = 0; i < n; i++)
            {
                var f = (s[i] * a) + b;
                sum += f >= 0 ? (t[i] * f) + Math.Log(1 + Math.Exp(-f)) : ((t[i] - 1) * f) + Math.Log(1 + Math.Exp(f));
            }
            return sum;
        }

        const double sigma = 1e-12;
        var A = 0.0;
        var B = Math.Log((negatives + 1.0) / (positives + 1.0));
        var value = Objective(A, B);
        for (var iteration = 0; iteration < 100; iteration++)
        {
            double h11 = sigma, h22 = sigma, h21 = 0, g1 = 0, g2 = 0;
            for (var i = 0; i < n; i++)
            {
                // p = 1 / (1 + e^f), q = 1 − p, from one exponential of −|f|.
                var f = (s[i] * A) + B;
                var e = Math.Exp(-Math.Abs(f));
                var p = f >= 0 ? e / (1 + e) : 1 / (1 + e);
                var d2 = p * (1 - p);
                h11 += s[i] * s[i] * d2;
                h22 += d2;
                h21 += s[i] * d2;
                var d1 = t[i] - p;
                g1 += s[i] * d1;
                g2 += d1;
            }
            var det = (h11 * h22) - (h21 * h21);
            var dA = -((h22 * g1) - (h21 * g2)) / det;
            var dB = -((-h21 * g1) + (h11 * g2)) / det;
            var gd = (g1 * dA) + (g2 * dB);
            // Converged: the gradient is (near) zero, or the Newton step would gain less than the sum's own
            // rounding (on a million rows the absolute gradient never gets under Lin et al.'s 1e-5, and the
            // line search would halve its step 30 times for nothing).
            if ((Math.Abs(g1) < 1e-5 && Math.Abs(g2) < 1e-5) || -gd < 1e-12 * Math.Max(1, Math.Abs(value)))
            {
                break;
            }
            var step = 1.0;
            while (step >= 1e-10)
            {
                var next = Objective(A + (step * dA), B + (step * dB));
                if (next < value + (1e-4 * step * gd))
                {
                    A += step * dA;
                    B += step * dB;
                    value = next;
                    break;
                }
                step /= 2;
            }
            if (step < 1e-10)
            {
                break;
            }
        }
        return new PlattCalibration(A, B);
    }
}
