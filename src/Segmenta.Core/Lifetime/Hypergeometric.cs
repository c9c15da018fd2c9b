using MathNet.Numerics;

namespace Segmenta.Core.Lifetime;

/// <summary>
/// Gauss hypergeometric function 2F1(a, b; c; z) for the real arguments the lifetime models need
/// (0 &lt;= z &lt; 1, c not a non-positive integer).
/// </summary>
internal static class Hypergeometric
{
    // Beyond this z the power series needs thousands of terms; the 1 - z connection formula
    // converges geometrically in (1 - z) instead.
    private const double SeriesLimit = 0.9;

    private const int MaxTerms = 2_000_000;

    /// <summary>2F1(a, b; c; z); NaN only when the arguments are outside the supported domain.</summary>
    public static double Hyp2F1(double a, double b, double c, double z)
    {
        if (z == 0)
        {
            return 1;
        }
        if (!(z > 0 && z < 1) || IsNonPositiveInteger(c))
        {
            return double.NaN;
        }
        if (z <= SeriesLimit)
        {
            return Series(a, b, c, z);
        }
        var m = c - a - b;
        // The connection formula divides by Gamma at non-positive integers when c - a - b is an
        // integer; the (slower) series is exact there, so fall back to it.
        if (Math.Abs(m - Math.Round(m)) < 1e-6 || IsNonPositiveInteger(c - a) || IsNonPositiveInteger(c - b))
        {
            return Series(a, b, c, z);
        }
        var w = 1 - z;
        // Abramowitz & Stegun 15.3.6, evaluated with log-gamma and explicit signs so large
        // arguments do not overflow.
        var (l1, s1) = LogAbsGamma(c);
        var (l2, s2) = LogAbsGamma(m);
        var (l3, s3) = LogAbsGamma(c - a);
        var (l4, s4) = LogAbsGamma(c - b);
        var (l5, s5) = LogAbsGamma(-m);
        var (l6, s6) = LogAbsGamma(a);
        var (l7, s7) = LogAbsGamma(b);
        var f1 = Series(a, b, 1 - m, w);
        var f2 = Series(c - a, c - b, m + 1, w);
        var t1 = s1 * s2 * s3 * s4 * Math.Exp(l1 + l2 - l3 - l4) * f1;
        var t2 = s1 * s5 * s6 * s7 * Math.Exp(l1 + l5 - l6 - l7 + m * Math.Log(w)) * f2;
        var result = t1 + t2;
        // Heavy cancellation between the two terms makes the result unreliable; the series is
        // slow here but exact.
        return Math.Abs(result) < 1e-8 * Math.Max(Math.Abs(t1), Math.Abs(t2)) ? Series(a, b, c, z) : result;
    }

    /// <summary>The defining power series sum_n (a)_n (b)_n / ((c)_n n!) z^n, summed until terms are negligible.</summary>
    public static double Series(double a, double b, double c, double z)
    {
        double term = 1, sum = 1;
        for (var n = 0; n < MaxTerms; n++)
        {
            term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            sum += term;
            // Past n = |c| every later term ratio is below 1 for z < 1 (eventually tending to z),
            // so a negligible term means the tail is below double precision.
            if (Math.Abs(term) <= 1e-17 * Math.Abs(sum) && n + c > 0)
            {
                return sum;
            }
            if (term == 0)
            {
                return sum; // a or b is a non-positive integer: the series terminates
            }
        }
        return double.NaN;
    }

    private static bool IsNonPositiveInteger(double v) => v <= 0 && Math.Abs(v - Math.Round(v)) < 1e-12;

    private static (double LogAbs, double Sign) LogAbsGamma(double v)
    {
        if (v > 0)
        {
            return (SpecialFunctions.GammaLn(v), 1);
        }
        // Reflection: Gamma(v) Gamma(1 - v) = pi / sin(pi v).
        var sin = Math.Sin(Math.PI * v);
        return (Math.Log(Math.PI) - Math.Log(Math.Abs(sin)) - SpecialFunctions.GammaLn(1 - v), Math.Sign(sin));
    }
}
