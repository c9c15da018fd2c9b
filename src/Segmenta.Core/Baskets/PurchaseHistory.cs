using System.Globalization;

namespace Segmenta.Core.Baskets;

/// <summary>
/// Which items each customer bought (binary: repeat purchases count once). Internally a
/// <see cref="BasketSet"/> with one row per customer, the customer-item incidence matrix.
/// </summary>
public sealed class PurchaseHistory
{
    private readonly Dictionary<string, int> _customerIndex;

    private PurchaseHistory(string[] customers, Dictionary<string, int> customerIndex, BasketSet incidence)
    {
        Customers = customers;
        _customerIndex = customerIndex;
        Incidence = incidence;
    }

    /// <summary>Customer keys in order of first appearance.</summary>
    public IReadOnlyList<string> Customers { get; }

    /// <summary>Items bought by anyone, indexed by item id (the catalogue of this history).</summary>
    public IReadOnlyList<string> Items => Incidence.Items;

    /// <summary>The customer-item incidence as a basket set: basket i holds the items of customer i.</summary>
    public BasketSet Incidence { get; }

    /// <summary>Builds a history from purchase events.</summary>
    /// <param name="purchases">The events; at least one.</param>
    /// <exception cref="SegmentaInputException">No purchases, or an empty customer or item.</exception>
    public static PurchaseHistory Create(IEnumerable<Purchase> purchases)
    {
        if (purchases is null)
        {
            throw new SegmentaInputException("purchases must not be null");
        }
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var customers = new List<string>();
        var rows = new List<List<string>>();
        var row = 0;
        foreach (var purchase in purchases)
        {
            row++;
            if (string.IsNullOrEmpty(purchase.CustomerId) || string.IsNullOrEmpty(purchase.Item))
            {
                throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                    $"purchase {row}: customer and item must not be empty"));
            }
            if (!index.TryGetValue(purchase.CustomerId, out var c))
            {
                c = customers.Count;
                index.Add(purchase.CustomerId, c);
                customers.Add(purchase.CustomerId);
                rows.Add([]);
            }
            rows[c].Add(purchase.Item);
        }
        if (rows.Count == 0)
        {
            throw new SegmentaInputException("the purchase history is empty: at least one purchase is needed");
        }
        return new PurchaseHistory([.. customers], index, BasketSet.Create(rows));
    }

    /// <summary>True when the customer has at least one purchase.</summary>
    public bool ContainsCustomer(string customerId) => customerId is not null && _customerIndex.ContainsKey(customerId);

    /// <summary>The distinct items a customer bought (empty for an unknown customer).</summary>
    public IReadOnlyList<string> ItemsOf(string customerId) =>
        customerId is not null && _customerIndex.TryGetValue(customerId, out var c) ? Incidence.Basket(c) : [];

    internal int[] ItemIdsOf(string customerId) =>
        customerId is not null && _customerIndex.TryGetValue(customerId, out var c) ? Incidence.Rows[c] : [];

    /// <summary>Number of distinct customers who bought the item.</summary>
    public int CustomerCount(string item) => Incidence.Frequency(item);
}
