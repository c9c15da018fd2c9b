namespace Segmenta.Storage.Import;

/// <summary>What a file holds: which canonical table it feeds.</summary>
public enum ImportKind
{
    /// <summary>Order lines (or whole orders): feeds <c>orders</c> and <c>order_lines</c>.</summary>
    Orders,

    /// <summary>Behaviour events: feeds <c>events</c>, and the derived <c>sessions</c>.</summary>
    Events,

    /// <summary>Customer attributes and consent: upserts <c>customers</c>.</summary>
    Customers,

    /// <summary>Product catalogue: upserts <c>products</c>.</summary>
    Products,
}
