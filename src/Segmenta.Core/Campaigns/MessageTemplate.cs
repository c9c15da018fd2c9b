using System.Text;
using System.Text.RegularExpressions;

namespace Segmenta.Core.Campaigns;

/// <summary>
/// A message text with per-customer fields in double braces, e.g. <c>Hi {{customer_id}}, use {{coupon_code}}</c>.
/// Unknown fields are an error when the campaign is created, not a blank in a sent message.
/// </summary>
public static partial class MessageTemplate
{
    /// <summary>The fields a template may use.</summary>
    public static IReadOnlyList<string> Fields { get; } =
        ["customer_id", "email", "segment", "coupon_code", "coupon_valid_to", "days_since_last_order", "shop_name"];

    [GeneratedRegex(@"\{\{\s*([a-z_]*)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();

    /// <summary>Throws a <see cref="SegmentaInputException"/> naming the first unknown field and its position.</summary>
    public static void Validate(string template, string what)
    {
        ArgumentNullException.ThrowIfNull(template);
        foreach (Match m in Placeholder().Matches(template))
        {
            var name = m.Groups[1].Value;
            if (!Fields.Contains(name))
            {
                throw new SegmentaInputException($"{what}: unknown field '{{{{{name}}}}}' at character {m.Index + 1}; fields are {string.Join(", ", Fields)}");
            }
        }
    }

    /// <summary>Fills the placeholders; a field without a value becomes empty text.</summary>
    public static string Render(string template, IReadOnlyDictionary<string, string?> values)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(values);
        return Placeholder().Replace(template, m => values.TryGetValue(m.Groups[1].Value, out var v) ? v ?? "" : "");
    }

    /// <summary>The outbox idempotency key: campaign, customer and occurrence day, joined by <c>|</c>.</summary>
    public static string IdempotencyKey(string campaignId, string customerId, DateOnly occurrence) =>
        new StringBuilder(campaignId).Append('|').Append(customerId).Append('|')
            .Append(occurrence.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).ToString();
}
