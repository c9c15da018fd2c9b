using System.Security.Cryptography;
using System.Text;

namespace Segmenta.Core.Campaigns;

/// <summary>
/// The webhook signature header: <c>X-Segmenta-Signature: sha256=HEX</c> where HEX is the lower-case
/// HMAC-SHA256 of the raw request body under the shared secret. Receivers recompute it and compare in constant time.
/// </summary>
public static class WebhookSignature
{
    /// <summary>The header name.</summary>
    public const string Header = "X-Segmenta-Signature";

    /// <summary>The header value for <paramref name="body"/>.</summary>
    public static string Sign(string secret, string body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(body);
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));
    }

    /// <summary>Whether <paramref name="header"/> is the right signature of <paramref name="body"/> (constant-time compare).</summary>
    public static bool Verify(string secret, string body, string? header) =>
        header is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, body)), Encoding.ASCII.GetBytes(header));
}
