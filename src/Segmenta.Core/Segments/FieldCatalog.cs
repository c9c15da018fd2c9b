namespace Segmenta.Core.Segments;

/// <summary>
/// The fields segment conditions may use: name → type and SQL column. Conditions naming anything
/// else are rejected with the closest known names as suggestions.
/// </summary>
public sealed class FieldCatalog
{
    private readonly Dictionary<string, FieldDefinition> _byName;

    /// <summary>Creates a catalog from field definitions.</summary>
    /// <param name="fields">The fields; names must be unique ignoring case.</param>
    /// <exception cref="SegmentaInputException">Two fields share a name.</exception>
    public FieldCatalog(IEnumerable<FieldDefinition> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var list = fields.ToList();
        _byName = new Dictionary<string, FieldDefinition>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in list)
        {
            ArgumentNullException.ThrowIfNull(field);
            if (!_byName.TryAdd(field.Name, field))
            {
                throw new SegmentaInputException($"field '{field.Name}' is defined twice in the field catalog");
            }
        }
        Fields = list;
    }

    /// <summary>
    /// The standard customer-profile fields. SQL columns are those of the customer profile table
    /// the storage layer builds: r → r_score, f → f_score, m → m_score, recency → recency_days,
    /// segment → segment_id; every other field's column has the field's own name.
    /// </summary>
    public static FieldCatalog Default { get; } = new(
    [
        new("r", FieldType.Number, "r_score", "Recency score 1..5 (5 = most recent activity)"),
        new("f", FieldType.Number, "f_score", "Frequency score 1..5 (5 = most orders or visits)"),
        new("m", FieldType.Number, "m_score", "Monetary score 1..5 (5 = highest spend)"),
        new("recency", FieldType.Number, "recency_days", "Days since the last activity (order or visit, by RFM basis)"),
        new("frequency", FieldType.Number, "frequency", "Number of orders or visits in the window"),
        new("monetary", FieldType.Number, "monetary", "Amount spent in the window"),
        new("days_since_last_order", FieldType.Number, "days_since_last_order", "Days since the last order"),
        new("purchase_probability", FieldType.Number, "purchase_probability", "Predicted probability of a purchase in the next period, 0..1"),
        new("churn_probability", FieldType.Number, "churn_probability", "Predicted probability of no purchase (or no visit) in the next period, 0..1"),
        new("coupon_uplift", FieldType.Number, "coupon_uplift", "Predicted rise in a session's conversion probability when it carries a coupon, −1..1"),
        new("clv", FieldType.Number, "clv", "Predicted customer lifetime value"),
        new("is_new", FieldType.Bool, "is_new", "First activity within the new-customer window (default 30 days)"),
        new("segment", FieldType.Text, "segment_id", "Id of the customer's current segment, e.g. 'vip'"),
        new("country", FieldType.Text, "country", "Country code of the customer, e.g. 'KR'"),
    ]);

    /// <summary>The fields, in definition order.</summary>
    public IReadOnlyList<FieldDefinition> Fields { get; }

    /// <summary>Finds a field by name, ignoring case.</summary>
    /// <param name="name">The name as written.</param>
    /// <param name="field">The field, when found.</param>
    /// <returns>Whether the field exists.</returns>
    public bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out FieldDefinition? field)
        => _byName.TryGetValue(name, out field);

    /// <summary>
    /// The known field names closest to <paramref name="name"/> by edit distance (insertions,
    /// deletions, substitutions and swaps of neighbouring letters, ignoring case): all names at the
    /// smallest distance, if that distance is small enough to be a plausible typo (1 for names up to
    /// 5 letters, 2 up to 8, else 3), at most three, in catalog order.
    /// </summary>
    /// <param name="name">The unknown name.</param>
    /// <returns>The suggestions, possibly none.</returns>
    public IReadOnlyList<string> Suggest(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var limit = Math.Clamp(name.Length / 3, 1, 3);
        var scored = Fields
            .Select(f => (f.Name, Distance: EditDistance.Between(name, f.Name)))
            .Where(x => x.Distance <= limit)
            .ToList();
        if (scored.Count == 0)
        {
            return [];
        }
        var best = scored.Min(x => x.Distance);
        return [.. scored.Where(x => x.Distance == best).Take(3).Select(x => x.Name)];
    }
}
