using System.Security.Cryptography;

namespace Segmenta.Core.Campaigns;

/// <summary>
/// Unique single-use coupon codes drawn from the operating system's cryptographic random generator, from an
/// alphabet without look-alike characters (no 0/O, 1/I/L, 2/Z, 5/S, 8/B), so a code read aloud or typed from
/// print is not mistaken. 25 symbols × 8 characters ≈ 1.5 × 10¹¹ codes, so guessing a live code is hopeless.
/// </summary>
public static class CouponCodeGenerator
{
    /// <summary>The 25 symbols codes are made of.</summary>
    public const string Alphabet = "ACDEFGHJKMNPQRTUVWXY34679";

    /// <summary>Random characters per code (after the prefix).</summary>
    public const int DefaultLength = 8;

    /// <summary>
    /// <paramref name="count"/> new codes <c>PREFIX-XXXXXXXX</c>, distinct from each other and from <paramref name="taken"/>.
    /// </summary>
    public static IReadOnlyList<string> Generate(string prefix, int count, ISet<string>? taken = null, int length = DefaultLength)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (count < 0)
        {
            throw new SegmentaInputException($"code count {count} must be 0 or more");
        }
        if (length < 6)
        {
            throw new SegmentaInputException($"code length {length} must be at least 6");
        }
        var head = prefix.Length == 0 ? "" : prefix.ToUpperInvariant() + "-";
        var seen = new HashSet<string>(taken ?? new HashSet<string>(), StringComparer.Ordinal);
        var codes = new List<string>(count);
        while (codes.Count < count)
        {
            var code = head + new string(RandomNumberGenerator.GetItems<char>(Alphabet, length));
            if (seen.Add(code))
            {
                codes.Add(code);
            }
        }
        return codes;
    }

    /// <summary>The form codes are matched in: trimmed, upper case (so <c>welcome-ab3c…</c> typed by hand still counts).</summary>
    public static string Normalise(string code) => code.Trim().ToUpperInvariant();
}
