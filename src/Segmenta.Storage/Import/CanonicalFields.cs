namespace Segmenta.Storage.Import;

/// <summary>The canonical fields a file of each kind can map to (documented in docs/cli.md).</summary>
public static class CanonicalFields
{
    /// <summary>Fields of an order-line file.</summary>
    public static readonly IReadOnlyList<string> Orders =
    [
        "order_id", "customer_id", "ordered_at", "product_id", "description", "category", "quantity",
        "unit_price", "amount", "coupon_code", "campaign_id", "channel", "country", "status",
    ];

    /// <summary>Fields of an event file.</summary>
    public static readonly IReadOnlyList<string> Events =
    [
        "event_id", "customer_id", "anonymous_id", "event_type", "occurred_at", "page_url", "referrer",
        "device", "channel", "campaign", "product_id", "category", "value", "order_id",
    ];

    /// <summary>Fields of a customer file.</summary>
    public static readonly IReadOnlyList<string> Customers =
    [
        "customer_id", "email", "phone", "signup_at", "gender", "age_group", "country", "region", "channel",
        "consent_email", "consent_sms", "consent_push",
    ];

    /// <summary>Fields of a product file.</summary>
    public static readonly IReadOnlyList<string> Products = ["product_id", "name", "category", "brand", "price"];

    /// <summary>The fields of <paramref name="kind"/>.</summary>
    public static IReadOnlyList<string> For(ImportKind kind) => kind switch
    {
        ImportKind.Orders => Orders,
        ImportKind.Events => Events,
        ImportKind.Customers => Customers,
        _ => Products,
    };
}
