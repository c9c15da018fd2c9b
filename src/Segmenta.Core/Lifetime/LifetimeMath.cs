using System.Globalization;

namespace Segmenta.Core.Lifetime;

/// <summary>Small numerical helpers shared by the lifetime models.</summary>
internal static class LifetimeMath
{
    /// <summary>log(exp(u) + exp(v)) without overflow; -inf when both are -inf.</summary>
    public static double LogAddExp(double u, double v)
    {
        if (double.IsNegativeInfinity(u))
        {
            return v;
        }
        if (double.IsNegativeInfinity(v))
        {
            return u;
        }
        var max = Math.Max(u, v);
        return max + Math.Log(1 + Math.Exp(Math.Min(u, v) - max));
    }

    /// <summary>Throws when a prediction came out non-finite, so callers never see a silent NaN.</summary>
    public static double Finite(double value, string what)
    {
        if (!double.IsFinite(value))
        {
            throw new SegmentaInputException(
                $"{what} is not a finite number for these parameters and inputs; the parameters are probably outside the range where the formula is defined");
        }
        return value;
    }

    /// <summary>Throws unless every parameter is a positive finite number.</summary>
    public static void RequirePositive(string model, params (string Name, double Value)[] parameters)
    {
        foreach (var (name, value) in parameters)
        {
            if (!(value > 0) || !double.IsFinite(value))
            {
                throw new SegmentaInputException(string.Create(
                    CultureInfo.InvariantCulture, $"{model} parameter {name} must be a positive finite number, got {value}"));
            }
        }
    }

    /// <summary>Throws unless a forecast horizon is finite and not negative.</summary>
    public static void RequireHorizon(double t)
    {
        if (!(t >= 0) || !double.IsFinite(t))
        {
            throw new SegmentaInputException(string.Create(
                CultureInfo.InvariantCulture, $"forecast horizon t must be a finite number of at least 0, got {t}"));
        }
    }
}
